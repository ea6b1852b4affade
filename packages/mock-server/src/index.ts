export { startMockServers, type MockServers, type MockServersOptions } from './startMockServers.js';
export { startArinMock, loadArinWorld, type ArinMock, type ArinMockOptions } from './arin/server.js';
export type { OtherRegistrants } from './arin/rules/otherRegistrants.js';
export type { Caller } from './arin/rules/access.js';
export { createArinState } from './arin/seed.js';
export type { ArinOperationMap } from './arin/http.js';
export type { HelpdeskOperationMap } from './helpdesk/http.js';
export { arinWorldSchema, defaultArinWorld, type ArinWorld } from './arin/world.js';
export { ROA_TEST_PUBLIC_KEY } from './arin/roaTestKey.js';
export {
  startHelpdeskMock,
  loadHelpdeskWorld,
  type HelpdeskMock,
  type HelpdeskMockOptions,
} from './helpdesk/server.js';
export {
  defaultHelpdeskWorld,
  helpdeskWorldSchema,
  PERMISSIONS,
  type HelpdeskWorld,
  type Permission,
} from './helpdesk/world.js';
export { createMockHttpServer } from './http/server.js';
export type {
  AdminHandler,
  Faults,
  JournalEntry,
  MockHttpServer,
  MockHttpServerOptions,
  MockRequest,
  MockResponse,
  PlumbingErrorResponse,
  PlumbingFailure,
} from './http/types.js';
export type {
  ApiKeyRecord,
  ArinSettings,
  AttachmentRecord,
  ArinState,
  CustomerRecord,
  DelegationRecord,
  MessageRecord,
  PendingAction,
  NetRecord,
  TicketRecord,
  WebUser,
} from './arin/state.js';
export type { IntervalIndex, IpRange, IpVersion } from '@regkit/arin-client/address';
export type { HelpdeskSettings, HelpdeskState, Technician, Values } from './helpdesk/state.js';
export {
  arinHandlers,
  type ArinHandler,
  type ArinHandlers,
  type ArinHandlerContext,
} from './arin/handlers.js';
export {
  helpdeskHandlers,
  type HelpdeskHandler,
  type HelpdeskHandlers,
  type HelpdeskHandlerContext,
  type HelpdeskHandlerInput,
} from './helpdesk/handlers.js';
