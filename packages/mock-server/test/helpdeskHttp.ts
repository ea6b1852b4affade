// Requests to the Track-It! mock as the tests send them.

/** The demo technician of the default world. */
export const TECH = { username: 'HELP DESK\\JSMITH', password: 'trackit-demo-1' };

/** POSTs a form to the token call. */
export const requestToken = (baseUrl: string, fields: Record<string, string>) =>
  fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

/** The bearer token of the demo technician. */
export async function techToken(baseUrl: string): Promise<string> {
  const res = await requestToken(baseUrl, { grant_type: 'password', ...TECH });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Calls the Web API with an optional token and JSON body; the answer's status and JSON. */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}
