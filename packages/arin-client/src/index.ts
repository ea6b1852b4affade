export { ArinClient } from './arinClient.js';
export type { GetTicketOptions, TicketFilter } from './facadeParts.js';
export {
  ArinFacade,
  CustomerApi,
  DelegationApi,
  NetApi,
  OrgApi,
  PocApi,
  IrrApi,
  ReportApi,
  RoaApi,
  TicketApi,
} from './generated/facade.gen.js';
export type { ArinCaller } from './generated/caller.gen.js';
// ArinTransport, ARIN_ENVIRONMENTS and the client's option and input types
export * from './client.js';
export { ArinCore } from './arinCore.js';
export type { ArinCommand, PayloadValidator } from './command.js';
export { ArinApiError } from './arinApiError.js';
export { normalizeAddress } from './normalizeAddress.js';
export * from './generated/types.gen.js';
export { arinOperations, type ArinOperationId, type ArinOperationTypes } from './generated/operations.gen.js';
// the input type of every operation (GetPocInput, ReassignNetInput, …), for `client.call`
export type * from './generated/operations.gen.js';
// core's error classes (the same classes in both clients), to catch what a call throws
export * from '@regkit/core/errors';
