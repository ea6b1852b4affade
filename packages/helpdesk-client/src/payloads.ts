export * from './generated/types.gen.js';
export * from './generated/fields.gen.js';
export {
  helpdeskOperations,
  type HelpdeskOperationId,
  type HelpdeskOperationTypes,
} from './generated/operations.gen.js';
