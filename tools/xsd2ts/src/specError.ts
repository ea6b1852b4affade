/** A spec construct the generator cannot read: names the file, the line and the element. */
export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly element: string,
    problem: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${element}: ${problem}`);
    this.name = 'SpecError';
  }
}

/** 1-based line of a character offset. */
export function lineAt(text: string, index: number | undefined): number | undefined {
  if (index === undefined) return undefined;
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
