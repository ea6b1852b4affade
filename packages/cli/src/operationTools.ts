// What the hand-written parts of operation commands use when they run, in one module loaded on
// demand: `--help` never pays for string-width, ipaddr.js or the clients.
export { parseCidrBlock } from '@regkit/arin-client/address';
export { readBody } from './bodyInput.js';
export { formatRecord, writeJson, writeJsonLine } from './output.js';
export { callOperation, printList, printResult } from './runOperation.js';
