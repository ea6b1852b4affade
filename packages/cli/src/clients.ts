import { ArinClient } from '@regkit/arin-client';
import { HelpdeskClient } from '@regkit/helpdesk-client';
import { ValidationError } from '@regkit/core';
import type { HttpExchange } from '@regkit/core';
import { resolveSettings, type Settings } from './config.js';
import type { Io } from './output.js';
import { UsageError } from './usageError.js';

// Bulk commands (swip, IRR/ASPA runs) hand the client an undici exchange (`@regkit/core/undici`):
// a fraction of fetch's CPU time per request. The rest send through the platform's fetch, which
// costs less to start than loading undici.

/** A client option refused by its constructor (an http:// URL to another host) is a usage error. */
function construct<T>(make: () => T, flag: string): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ValidationError && /plain http:\/\//.test(error.message))
      throw new UsageError(
        `${flag} ${error.issues[0]?.message.replace(/ \(allowInsecureHttp\)$/, '') ?? ''} with --allow-insecure-http`,
      );
    throw error;
  }
}

export function createArinClient(
  settings: Settings,
  overrides: { timeoutMs?: number; http?: HttpExchange } = {},
): ArinClient {
  const environment = settings.arinEnv;
  if (!['ote', 'production'].includes(environment) && !URL.canParse(environment))
    throw new UsageError(
      `ARIN_ENV (or --arin-env) must be ote, production or a base URL such as http://127.0.0.1:8080/rest; got "${environment}"`,
    );
  const apiKey = settings.arinApiKey();
  if (!apiKey)
    throw new UsageError(
      'ARIN_API_KEY is not set: export your ARIN API key (API-XXXX-XXXX-XXXX-XXXX) first, or use a profile whose arinApiKey names where it comes from',
    );
  return construct(
    () =>
      new ArinClient({
        apiKey,
        environment,
        ...(overrides.http ? { http: overrides.http } : {}),
        allowInsecureHttp: settings.allowInsecureHttp,
        ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
      }),
    'ARIN_ENV (or --arin-env)',
  );
}

export function createHelpdeskClient(
  settings: Settings,
  overrides: { timeoutMs?: number } = {},
): HelpdeskClient {
  const baseUrl = settings.helpdeskUrl;
  if (!baseUrl)
    throw new UsageError(
      'HELPDESK_URL is not set: export the Track-It! Web API base URL first, or use a profile with helpdeskUrl',
    );
  if (!URL.canParse(baseUrl))
    throw new UsageError(
      `HELPDESK_URL (or --helpdesk-url) must be a URL such as https://helpdesk.example.com/TrackIt/WebApi; got "${baseUrl}"`,
    );
  const username = settings.helpdeskUsername;
  const password = username ? settings.helpdeskPassword() : undefined;
  if (!username || !password)
    throw new UsageError(
      'HELPDESK_USERNAME and HELPDESK_PASSWORD must both be set (or come from the profile)',
    );
  return construct(
    () =>
      new HelpdeskClient({
        baseUrl,
        username,
        password,
        allowInsecureHttp: settings.allowInsecureHttp,
        ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
      }),
    'HELPDESK_URL (or --helpdesk-url)',
  );
}

/** An ARIN client from the environment alone (no profile, no flags). */
export function createArinClientFromEnv(env: Io['env'], overrides: { timeoutMs?: number } = {}): ArinClient {
  return createArinClient(resolveSettings(env, {}), overrides);
}

/** A helpdesk client from the environment alone (no profile, no flags). */
export function createHelpdeskClientFromEnv(
  env: Io['env'],
  overrides: { timeoutMs?: number } = {},
): HelpdeskClient {
  return createHelpdeskClient(resolveSettings(env, {}), overrides);
}
