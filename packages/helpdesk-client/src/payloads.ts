export * from './generated/types.gen.js';
export * from './generated/schemas.gen.js';
export * from './generated/fields.gen.js';
export {
  helpdeskOperations,
  type HelpdeskOperationId,
  type HelpdeskOperationTypes,
} from './generated/operations.gen.js';
/** The validators of request bodies by operationId: what the client checks before sending and the mock on arrival. */
export { helpdeskRequestSchemas } from './generated/operations.gen.js';
export { requestIssues } from './requestIssues.js';
