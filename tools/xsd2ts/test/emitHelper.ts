import { EmitFile, printFile } from '../src/emit/emitFile.js';

/** Every name not declared by the file under test is taken to come from `other.gen.ts`. */
const elsewhere = new (class extends Map<string, string> {
  override has() {
    return true;
  }
  override get() {
    return 'other.gen.ts';
  }
})();

/** The text of one generated file built by `build`. */
export function emit(build: (file: EmitFile) => void): string {
  const file = new EmitFile('test.gen.ts');
  build(file);
  return printFile(file, { header: '// Generated for a test. Do not edit.', declaredIn: elsewhere });
}

/** The text without the `/* @__PURE__ *\/` marks of its calls, for tests that read the code itself. */
export const withoutPure = (text: string): string => text.replaceAll('/* @__PURE__ */ ', '');
