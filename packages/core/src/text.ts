/**
 * `text` without the run of `char` at its end, in linear time. (`/x+$/` is quadratic on a long
 * run of `x` followed by anything else: the engine retries the run from every position.)
 */
export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return end === text.length ? text : text.slice(0, end);
}
