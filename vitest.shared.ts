import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Workspace packages resolve to their sources in tests, so a test run never needs a build first.
 * Subpaths come before their package so the longer specifier wins.
 */
export const workspaceAliases = [
  { find: /^@regkit\/core\/errors$/, replacement: `${root}packages/core/src/errors.ts` },
  { find: /^@regkit\/core\/undici$/, replacement: `${root}packages/core/src/undici.ts` },
  { find: /^@regkit\/arin-client\/payloads$/, replacement: `${root}packages/arin-client/src/payloads.ts` },
  {
    find: /^@regkit\/arin-client\/docs$/,
    replacement: `${root}packages/arin-client/src/generated/docs.gen.ts`,
  },
  {
    find: /^@regkit\/arin-client\/operations$/,
    replacement: `${root}packages/arin-client/src/operations.ts`,
  },
  {
    find: /^@regkit\/arin-client\/address$/,
    replacement: `${root}packages/arin-client/src/address/index.ts`,
  },
  { find: /^@regkit\/arin-client\/rpki$/, replacement: `${root}packages/arin-client/src/rpki.ts` },
  { find: /^@regkit\/arin-client$/, replacement: `${root}packages/arin-client/src/index.ts` },
  {
    find: /^@regkit\/helpdesk-client\/payloads$/,
    replacement: `${root}packages/helpdesk-client/src/payloads.ts`,
  },
  {
    find: /^@regkit\/helpdesk-client\/docs$/,
    replacement: `${root}packages/helpdesk-client/src/generated/docs.gen.ts`,
  },
  { find: /^@regkit\/helpdesk-client$/, replacement: `${root}packages/helpdesk-client/src/index.ts` },
  { find: /^@regkit\/mock-server$/, replacement: `${root}packages/mock-server/src/index.ts` },
  { find: /^@regkit\/core$/, replacement: `${root}packages/core/src/index.ts` },
];
