import type { MockServers } from '@regkit/mock-server';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let servers: MockServers;
let regkit: MockedCli['regkit'];
eachTestAgainstMocks('regkit-output-', (t) => ({ servers, regkit } = t));

describe('-o and --query against the mock over loopback', () => {
  it('-o yaml prints the POC as YAML, the handle first', async () => {
    const r = await regkit(['-o', 'yaml', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('handle: JD1-ARIN');
    const json = JSON.parse((await regkit(['arin', 'poc', 'get', 'JD1-ARIN', '--json'])).stdout) as Record<
      string,
      unknown
    >;
    expect(parse(r.stdout)).toEqual(json);
    expect(Object.keys(json)[0]).toBe('handle');
  });

  it('the human record starts with the handle', async () => {
    const r = await regkit(['arin', 'poc', 'get', 'JD1-ARIN']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^handle\s+JD1-ARIN$/);
  });

  it('--query selects fields, in every format', async () => {
    const json = await regkit(['arin', 'poc', 'get', 'JD1-ARIN', '--query', '{handle: handle, city: city}']);
    expect(json.code).toBe(0);
    // without -o, a query prints a record for people
    expect(json.stdout).toMatch(/^handle\s+JD1-ARIN\ncity\s+\S.*\n$/);
    const asJson = await regkit(['-o', 'json', '--query', 'handle', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect(asJson.stdout).toBe('"JD1-ARIN"\n');
    const text = await regkit([
      '-o',
      'text',
      '--query',
      '[handle, contactType]',
      'arin',
      'poc',
      'get',
      'JD1-ARIN',
    ]);
    expect(text.stdout).toBe('JD1-ARIN\tPERSON\n');
    const yaml = await regkit(['-o', 'yaml', '--query', 'handle', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect(yaml.stdout).toBe('JD1-ARIN\n');
  });

  it('addresses are canonical in JSON and tables: no zero-padded IPv4', async () => {
    const r = await regkit(['-o', 'json', 'arin', 'net', 'get', 'NET-10-0-0-0-1']);
    expect(r.code).toBe(0);
    const net = JSON.parse(r.stdout) as { handle: string; netBlocks: { startAddress: string }[] };
    expect(Object.keys(net)[0]).toBe('handle');
    expect(net.netBlocks[0]?.startAddress).toBe('10.0.0.0');
    expect(r.stdout).not.toMatch(/\d{3}\.\d{3}\.\d{3}\.\d{3}/);
    const table = await regkit(['arin', 'net', 'get', 'NET-10-0-0-0-1']);
    expect(table.stdout).toContain('10.0.0.0');
    expect(table.stdout).not.toMatch(/\d{3}\.\d{3}\.\d{3}\.\d{3}/);
  });

  it('a bad query or format is a usage error before anything is sent', async () => {
    const before = servers.arin.journal.length;
    const bad = await regkit(['--query', 'handle[', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^regkit: --query is not a JMESPath expression: /);
    const format = await regkit(['-o', 'xml', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain(
      "regkit: option '-o, --output <FORMAT>' argument 'xml' is invalid. Allowed choices are table, json, yaml, text.",
    );
    const both = await regkit(['--json', '-o', 'yaml', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect(both.code).toBe(2);
    expect(before).toBe(servers.arin.journal.length);
  });
});
