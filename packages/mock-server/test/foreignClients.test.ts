// Clients no one here wrote, from Debian's packages: curl and python3's http.client, against the
// ARIN mock over loopback. Each is skipped, with the reason, only when its binary is missing on a
// user's machine; in CI (`CI` set, `.ci/run` installs both) a missing binary fails.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArinMock, type ArinMock } from '../src/index.js';

const run = promisify(execFile);
const KEY = 'API-1111-2222-3333-4444';

async function has(binary: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${binary}`]);
    return true;
  } catch {
    return false;
  }
}
const [curl, python] = await Promise.all([has('curl'), has('python3')]);
const inCi = Boolean(process.env.CI);

let mock: ArinMock;
let origin: string;
beforeAll(async () => {
  mock = await startArinMock();
  origin = mock.url;
});
afterAll(() => mock.close());

/** curl's answer: status, lower-case headers and body (`-i`, one response). */
async function curlRun(args: string[]) {
  const { stdout } = await run('curl', ['-sS', '-i', '--max-time', '20', ...args], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const end = stdout.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = stdout.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: stdout.subarray(end + 4) };
}

describe.skipIf(!curl && !inCi)(`curl from Debian${curl ? '' : ' (skipped: curl is not installed)'}`, () => {
  it('is installed (in CI)', () => expect(curl).toBe(true));

  it('absolute-form target (--request-target http://…) gets the POC as origin-form does', async () => {
    const url = `${origin}/rest/poc/JD1-ARIN?apikey=${KEY}`;
    const absolute = await curlRun(['--request-target', url, origin]);
    const plain = await curlRun([url]);
    expect(absolute.status).toBe(200);
    expect(absolute.body.toString()).toContain('<handle>JD1-ARIN</handle>');
    expect(absolute.body.toString()).toBe(plain.body.toString());
  });

  it('the header key, HEAD (-I), OPTIONS * and a 405 with Allow', async () => {
    const header = await curlRun(['-H', `Authorization: ApiKey ${KEY}`, `${origin}/rest/poc/JD1-ARIN`]);
    expect(header.status).toBe(200);
    const head = await curlRun(['-I', `${origin}/rest/poc/JD1-ARIN?apikey=${KEY}`]);
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([
      200,
      String(header.body.length),
      0,
    ]);
    const options = await curlRun(['-X', 'OPTIONS', '--request-target', '*', origin]);
    expect([options.status, options.headers.allow]).toEqual([204, 'GET, HEAD, POST, PUT, DELETE']);
    const patch = await curlRun(['-X', 'PATCH', `${origin}/rest/poc/JD1-ARIN?apikey=${KEY}`]);
    expect([patch.status, patch.headers.allow]).toEqual([405, 'GET, HEAD, PUT, DELETE']);
  });

  it('downloads the 12 MiB attachment byte for byte as the world states it', async () => {
    const message = await curlRun([`${origin}/rest/ticket/20261104-X4/message/1?apikey=${KEY}`]);
    const id = /<attachmentId>([0-9a-f]+)<\/attachmentId>/.exec(message.body.toString())?.[1];
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const file = await curlRun([
      `${origin}/rest/ticket/20261104-X4/message/1/attachment/${id}?apikey=${KEY}`,
    ]);
    const declared = mock.world.tickets.find((t) => t.ticketNo === '20261104-X4')?.messages[0]
      ?.attachments?.[0];
    expect({
      status: file.status,
      type: file.headers['content-type'],
      length: file.headers['content-length'],
      bytes: file.body.length,
      sha256: createHash('sha256').update(file.body).digest('hex'),
    }).toEqual({
      status: 200,
      type: 'application/octet-stream',
      length: '12582912',
      bytes: 12_582_912,
      sha256: declared?.sha256,
    });
  });
});

const PY = `
import http.client, json, sys
host, port, key = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = []
c = http.client.HTTPConnection(host, port, timeout=20)
def ask(method, target, body=None, headers={}):
    c.request(method, target, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    out.append({"method": method, "status": r.status, "allow": r.getheader("Allow"),
                "type": r.getheader("Content-Type"), "body": data.decode("utf-8", "replace")})
# absolute-form, as Ruby's Net::HTTP sends given a full URL; keep-alive on one connection
ask("GET", "http://%s:%d/rest/poc/JD1-ARIN?apikey=%s" % (host, port, key))
ask("GET", "/rest/poc/JD1-ARIN", headers={"Authorization": "ApiKey " + key})
ask("DELETE", "http://%s:%d/rest/ticket/20261101-X1?apikey=%s" % (host, port, key))
ask("POST", "/rest/poc/JD1-ARIN/email/second@example.net?apikey=" + key)
print(json.dumps(out))
`;

describe.skipIf(!python && !inCi)(
  `python3 http.client from Debian${python ? '' : ' (skipped: python3 is not installed)'}`,
  () => {
    it('is installed (in CI)', () => expect(python).toBe(true));

    it('absolute-form and origin-form, the header key, a 405 with Allow, a write on one connection', async () => {
      const { hostname, port } = new URL(origin);
      const { stdout } = await run('python3', ['-c', PY, hostname, port, KEY]);
      const answers = JSON.parse(stdout) as {
        method: string;
        status: number;
        allow: string | null;
        type: string | null;
        body: string;
      }[];
      expect(answers.map((a) => [a.method, a.status])).toEqual([
        ['GET', 200],
        ['GET', 200],
        ['DELETE', 405],
        ['POST', 200],
      ]);
      expect(answers[0]?.body).toContain('<handle>JD1-ARIN</handle>');
      expect(answers[1]?.body).toBe(answers[0]?.body);
      expect(answers[2]?.allow).toBe('GET, HEAD, PUT');
      expect(answers[2]?.body).toContain('<code>E_METHOD_NOT_ALLOWED</code>');
      expect(mock.state().pocs.get('JD1-ARIN')?.emails).toContain('second@example.net');
    });
  },
);
