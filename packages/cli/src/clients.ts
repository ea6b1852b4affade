import { ArinClient } from '@regkit/arin-client';
import { HelpdeskClient } from '@regkit/helpdesk-client';
import { UsageError } from './usageError.js';
import type { Io } from './output.js';

export function createArinClientFromEnv(
  env: Io['env'],
  overrides: { environment?: string; timeoutMs?: number } = {},
): ArinClient {
  const apiKey = env.ARIN_API_KEY;
  if (!apiKey)
    throw new UsageError('ARIN_API_KEY is not set: export your ARIN API key (API-XXXX-XXXX-XXXX-XXXX) first');
  const environment = overrides.environment ?? env.ARIN_ENV ?? 'ote';
  if (!['ote', 'production'].includes(environment) && !URL.canParse(environment))
    throw new UsageError(
      `ARIN_ENV (or --arin-env) must be ote, production or a base URL such as http://127.0.0.1:8080/rest; got "${environment}"`,
    );
  return new ArinClient({
    apiKey,
    environment,
    ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
  });
}

export function createHelpdeskClientFromEnv(
  env: Io['env'],
  overrides: { baseUrl?: string; timeoutMs?: number } = {},
): HelpdeskClient {
  const baseUrl = overrides.baseUrl ?? env.HELPDESK_URL;
  if (!baseUrl) throw new UsageError('HELPDESK_URL is not set: export the Track-It! Web API base URL first');
  if (!URL.canParse(baseUrl))
    throw new UsageError(
      `HELPDESK_URL (or --helpdesk-url) must be a URL such as https://helpdesk.example.com/TrackIt/WebApi; got "${baseUrl}"`,
    );
  const username = env.HELPDESK_USERNAME;
  const password = env.HELPDESK_PASSWORD;
  if (!username || !password)
    throw new UsageError('HELPDESK_USERNAME and HELPDESK_PASSWORD must both be set');
  return new HelpdeskClient({
    baseUrl,
    username,
    password,
    ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
  });
}
