// Every operation as a command of its own, for `ArinCore`: import only the ones you call.
export * from './generated/commands.gen.js';
export { ArinCore } from './arinCore.js';
export type { ArinCommand, PayloadValidator } from './command.js';
export type * from './generated/operations.gen.js';
