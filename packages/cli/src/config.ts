import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { registerSecret } from '@regkit/core';
import type { Io } from './output.js';
import { UsageError } from './usageError.js';

/** Where a secret comes from: an environment variable or a command (a password manager's), never the file itself. */
export type SecretSource = { readonly env: string } | { readonly command: string };

/** A named set of connection settings. */
export interface Profile {
  /** `ote`, `production` or a base URL (as `ARIN_ENV`). */
  readonly arinEnv?: string;
  readonly arinApiKey?: SecretSource;
  readonly helpdeskUrl?: string;
  readonly helpdeskUsername?: string;
  readonly helpdeskPassword?: SecretSource;
  /** Allow plain `http://` to a host other than this machine. */
  readonly allowInsecureHttp?: boolean;
}

export interface ConfigFile {
  /** The profile used when neither `--profile` nor `REGKIT_PROFILE` names one. */
  readonly defaultProfile?: string;
  readonly profiles: Readonly<Record<string, Profile>>;
}

const TEXT_FIELDS = ['arinEnv', 'helpdeskUrl', 'helpdeskUsername'] as const;
const SECRET_FIELDS = ['arinApiKey', 'helpdeskPassword'] as const;
/** Every setting of a profile, in the order `config list` shows them. */
export const PROFILE_FIELDS = [
  'arinEnv',
  'arinApiKey',
  'helpdeskUrl',
  'helpdeskUsername',
  'helpdeskPassword',
  'allowInsecureHttp',
] as const;
type Field = (typeof PROFILE_FIELDS)[number];

/** An environment variable's value; an empty one counts as unset. */
export function envValue(env: Io['env'], name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** `$XDG_CONFIG_HOME/regkit/config.json`; `~/.config/regkit/config.json` when it is unset, empty or relative (XDG Base Directory). */
export function configPath(env: Io['env']): string {
  const xdg = envValue(env, 'XDG_CONFIG_HOME');
  const base = xdg && isAbsolute(xdg) ? xdg : join(envValue(env, 'HOME') ?? homedir(), '.config');
  return join(base, 'regkit', 'config.json');
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const PROFILE_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** A secret source as written on the command line: `env:NAME` or `command:CMD`. */
export function parseSecretSource(text: string, where: string): SecretSource {
  if (text.startsWith('env:') && /^[A-Za-z_]\w*$/.test(text.slice(4))) return { env: text.slice(4) };
  if (text.startsWith('command:') && text.slice(8).trim() !== '') return { command: text.slice(8) };
  throw new UsageError(
    `${where} takes where the secret comes from, env:VARIABLE or command:COMMAND (such as command:pass show arin/ote); secrets are never stored in the config file`,
  );
}

export const showSource = (s: SecretSource | undefined): string | undefined =>
  s === undefined ? undefined : 'env' in s ? `env:${s.env}` : `command:${s.command}`;

function checkProfile(name: string, value: unknown, file: string): Profile {
  const where = `${file}: profiles.${name}`;
  if (!PROFILE_NAME.test(name))
    throw new UsageError(`${where}: a profile name is letters, digits, '.', '_' or '-'`);
  if (!isRecord(value)) throw new UsageError(`${where} must be an object`);
  for (const [key, v] of Object.entries(value)) {
    if (!(PROFILE_FIELDS as readonly string[]).includes(key))
      throw new UsageError(`${where}.${key} is not a setting; the settings are ${PROFILE_FIELDS.join(', ')}`);
    if ((TEXT_FIELDS as readonly string[]).includes(key) && typeof v !== 'string')
      throw new UsageError(`${where}.${key} must be a string`);
    if (key === 'allowInsecureHttp' && typeof v !== 'boolean')
      throw new UsageError(`${where}.${key} must be true or false`);
    if ((SECRET_FIELDS as readonly string[]).includes(key)) {
      const ok =
        isRecord(v) &&
        Object.keys(v).length === 1 &&
        ((typeof v.env === 'string' && v.env !== '') ||
          (typeof v.command === 'string' && v.command.trim() !== ''));
      if (!ok)
        throw new UsageError(
          `${where}.${key} must be {"env": "VARIABLE"} or {"command": "COMMAND"}; secrets are never stored in the config file`,
        );
    }
  }
  return value as Profile;
}

/** The config file, checked; an absent file is an empty configuration. */
export function readConfig(env: Io['env']): ConfigFile {
  const file = configPath(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data)) throw new UsageError(`${file} must hold a JSON object`);
  for (const key of Object.keys(data))
    if (key !== 'defaultProfile' && key !== 'profiles')
      throw new UsageError(`${file}: ${key} is not a setting; the file holds defaultProfile and profiles`);
  if (data.defaultProfile !== undefined && typeof data.defaultProfile !== 'string')
    throw new UsageError(`${file}: defaultProfile must be a profile name`);
  const profiles = data.profiles ?? {};
  if (!isRecord(profiles)) throw new UsageError(`${file}: profiles must be an object`);
  const checked: Record<string, Profile> = Object.create(null) as Record<string, Profile>;
  for (const [name, value] of Object.entries(profiles)) checked[name] = checkProfile(name, value, file);
  return { ...(data.defaultProfile ? { defaultProfile: data.defaultProfile } : {}), profiles: checked };
}

/** Writes the config file (created with mode 0600, its folder with 0700), replacing it in one step. */
export function writeConfig(env: Io['env'], config: ConfigFile): string {
  const file = configPath(env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return file;
}

/** `NAME.FIELD` of `config get/set`, checked. */
export function parseKey(key: string): { profile: string; field: Field } | 'defaultProfile' {
  if (key === 'defaultProfile') return key;
  const dot = key.lastIndexOf('.');
  const profile = key.slice(0, dot);
  const field = key.slice(dot + 1) as Field;
  if (dot < 1 || !PROFILE_NAME.test(profile) || !PROFILE_FIELDS.includes(field))
    throw new UsageError(
      `a key is defaultProfile or PROFILE.SETTING, the setting one of ${PROFILE_FIELDS.join(', ')}; got "${key}"`,
    );
  return { profile, field };
}

/** Connection settings for a command, each from (first set wins) the flag, the environment, the profile, the default. */
export interface Settings {
  readonly profile: string | undefined;
  readonly arinEnv: string;
  arinApiKey(): string | undefined;
  readonly helpdeskUrl: string | undefined;
  readonly helpdeskUsername: string | undefined;
  helpdeskPassword(): string | undefined;
  readonly allowInsecureHttp: boolean;
}

function fetchSecret(source: SecretSource, env: Io['env'], what: string): string | undefined {
  if ('env' in source) return envValue(env, source.env);
  const run = spawnSync('/bin/sh', ['-c', source.command], {
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 60_000,
  });
  // what the command printed is the secret: it is never shown, not even when the command fails
  if (run.status !== 0)
    throw new UsageError(
      `${what}: its command (${source.command}) failed${run.status === null ? '' : ` with exit ${run.status}`}`,
    );
  const value = (run.stdout.split(/\r?\n/)[0] ?? '').trim();
  registerSecret(value);
  return value === '' ? undefined : value;
}

/** The settings of the command line's profile (`--profile`, else `REGKIT_PROFILE`, else the file's default). */
export function resolveSettings(
  env: Io['env'],
  flags: { profile?: string; arinEnv?: string; helpdeskUrl?: string; allowInsecureHttp?: boolean },
): Settings {
  const config = readConfig(env);
  const name = flags.profile ?? envValue(env, 'REGKIT_PROFILE') ?? config.defaultProfile;
  let profile: Profile = {};
  if (name !== undefined) {
    const found = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
    if (!found) {
      const names = Object.keys(config.profiles);
      throw new UsageError(
        `no profile "${name}" in ${configPath(env)}; ${names.length ? `the profiles are ${names.join(', ')}` : 'it has no profiles'} (regkit config set ${name}.arinEnv ote creates one)`,
      );
    }
    profile = found;
  }
  const secret = (variable: string, field: 'arinApiKey' | 'helpdeskPassword') => () => {
    const fromEnv = envValue(env, variable);
    if (fromEnv !== undefined) return fromEnv;
    const source = profile[field];
    return source ? fetchSecret(source, env, `${field} of profile ${name ?? ''}`) : undefined;
  };
  return {
    profile: name,
    arinEnv: flags.arinEnv ?? envValue(env, 'ARIN_ENV') ?? profile.arinEnv ?? 'ote',
    arinApiKey: secret('ARIN_API_KEY', 'arinApiKey'),
    helpdeskUrl: flags.helpdeskUrl ?? envValue(env, 'HELPDESK_URL') ?? profile.helpdeskUrl,
    helpdeskUsername: envValue(env, 'HELPDESK_USERNAME') ?? profile.helpdeskUsername,
    helpdeskPassword: secret('HELPDESK_PASSWORD', 'helpdeskPassword'),
    allowInsecureHttp: flags.allowInsecureHttp === true || profile.allowInsecureHttp === true,
  };
}
