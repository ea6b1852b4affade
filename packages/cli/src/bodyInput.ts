import { readFileSync } from 'node:fs';
import { optionalString, type OperationContext } from './command.js';
import type { BodySpec } from './manifest.js';
import { UsageError } from './usageError.js';

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function readText(ctx: OperationContext, file: string): Promise<string> | string {
  if (file === '-') return readAll(ctx.io.stdin ?? process.stdin);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
}

/** An ARIN payload is XML (decoded like a response, by namespace) or JSON; a helpdesk one is JSON. */
async function parsePayload(spec: BodySpec, text: string, source: string): Promise<Record<string, unknown>> {
  const what = spec.element ? `a ${spec.element} payload` : `a ${spec.schema ?? 'JSON'} body`;
  let value: unknown;
  try {
    if (spec.element && text.trimStart().startsWith('<')) {
      const { arinCodec } = await import('@regkit/arin-client/payloads');
      value = arinCodec().decode(text, spec.element);
    } else value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not ${what}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${source} is not ${what}: expected an object`);
  return value as Record<string, unknown>;
}

function flagValue(spec: BodySpec['flags'][number], raw: string | string[]): unknown {
  if (spec.kind === 'lines') return Array.isArray(raw) ? raw : [raw];
  const text = Array.isArray(raw) ? (raw.at(-1) ?? '') : raw;
  if (spec.kind === 'country') return { code2: text.toUpperCase() };
  if (spec.type === 'integer') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n))
      throw new UsageError(`--${spec.flag} takes a whole number, got "${text}"`);
    return n;
  }
  if (spec.type === 'boolean') {
    if (text !== 'true' && text !== 'false')
      throw new UsageError(`--${spec.flag} takes true or false, got "${text}"`);
    return text === 'true';
  }
  return text;
}

/**
 * The request payload: `--file FILE` (or `-` for standard input), with any field flags on top.
 * Undefined when the operation takes no payload.
 */
export async function readBody(
  ctx: OperationContext,
  defaults: Record<string, unknown> = {},
): Promise<Record<string, unknown> | undefined> {
  const spec = ctx.op.body;
  if (!spec) return undefined;
  const file = optionalString(ctx, 'file');
  const fromFile = file
    ? await parsePayload(spec, await readText(ctx, file), file === '-' ? 'standard input' : file)
    : undefined;
  const fromFlags: Record<string, unknown> = {};
  for (const flag of spec.flags) {
    const raw = ctx.options[flag.flag];
    if (typeof raw === 'string' || Array.isArray(raw)) fromFlags[flag.prop] = flagValue(flag, raw);
  }
  if (!fromFile && Object.keys(fromFlags).length === 0)
    throw new UsageError(
      `give the ${spec.element ?? spec.schema ?? 'request'} payload with --file FILE (- reads standard input)${spec.flags.length > 0 ? ' or its fields as flags' : ''}`,
    );
  return { ...defaults, ...fromFile, ...fromFlags };
}

/** The RPSL object of `--file FILE` (`-` for standard input), as text; undefined without a payload. */
export async function readRpsl(ctx: OperationContext): Promise<string | undefined> {
  if (!ctx.op.body) return undefined;
  const file = optionalString(ctx, 'file');
  if (!file) throw new UsageError('give the RPSL object with --file FILE (- reads standard input)');
  return readText(ctx, file);
}
