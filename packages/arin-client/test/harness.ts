import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startArinMock, type ArinMock } from '@regkit/mock-server';
import { lastOf, recordingFetch, type Exchange } from '../../core/test/recordingFetch.js';
import { ArinClient, type ArinClientOptions } from '../src/index.js';

export const KEY = 'API-1111-2222-3333-4444';
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const responsesDir = join(repoRoot, '.reports/arin-responses');
const requestsDir = join(repoRoot, '.reports/arin-requests');

let saved = 0;

/**
 * A real ARIN mock on a loopback port and a client whose fetch records every exchange. Response
 * bodies are also written to `.reports/arin-responses/` for the conformance check against ARIN's
 * RelaxNG schemas.
 */
export async function arinHarness(options: Partial<ArinClientOptions> = {}) {
  const mock: ArinMock = await startArinMock({ now: () => '2026-11-23T10:00:00.000-05:00' });
  const exchanges: Exchange[] = [];
  const fetchAndRecord = recordingFetch(exchanges, (e) => {
    if (e.body.startsWith('<') && e.status < 400) {
      mkdirSync(requestsDir, { recursive: true });
      writeFileSync(join(requestsDir, `client-${String(++saved).padStart(4, '0')}.xml`), e.body);
    }
    if (e.responseBody.startsWith('<')) {
      mkdirSync(responsesDir, { recursive: true });
      writeFileSync(join(responsesDir, `client-${String(++saved).padStart(4, '0')}.xml`), e.responseBody);
    }
  });
  const client = new ArinClient({
    apiKey: KEY,
    environment: mock.baseUrl,
    fetch: fetchAndRecord,
    retry: false,
    ...options,
  });
  return {
    mock,
    client,
    exchanges,
    last: () => lastOf(exchanges),
    /** `METHOD /path;matrix?query` relative to the API base, without the API key. */
    line: (e: Exchange) => {
      const params = new URLSearchParams(e.url.search);
      params.delete('apikey');
      const query = params.toString();
      return `${e.method} ${e.url.pathname.replace(/^\/rest/, '')}${query ? `?${query}` : ''}`;
    },
    close: () => mock.close(),
  };
}
