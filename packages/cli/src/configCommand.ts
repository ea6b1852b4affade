import type { CommandSpec } from './command.js';

const loadConfig = () => import('./config.js');

/** `regkit config list`: every profile and where its secrets come from (never the secrets). */
const list: CommandSpec = {
  path: ['config', 'list'],
  args: [],
  summary: 'List the profiles of the config file and their settings',
  description:
    'List the profiles of $XDG_CONFIG_HOME/regkit/config.json (default ~/.config/regkit/config.json): base URLs, user names, and where each secret comes from (env:VARIABLE or command:COMMAND). The default profile is marked *.',
  examples: ['regkit config list', 'regkit -o json config list'],
  run: async (ctx) => {
    const { configPath, PROFILE_FIELDS, readConfig, showSource } = await loadConfig();
    const config = readConfig(ctx.io.env);
    const rows = Object.entries(config.profiles).map(([name, p]) => ({
      profile: name === config.defaultProfile ? `${name} *` : name,
      arinEnv: p.arinEnv,
      arinApiKey: showSource(p.arinApiKey),
      helpdeskUrl: p.helpdeskUrl,
      helpdeskUsername: p.helpdeskUsername,
      helpdeskPassword: showSource(p.helpdeskPassword),
      allowInsecureHttp: p.allowInsecureHttp,
    }));
    const { formatTable, writeJson } = await import('./output.js');
    if (ctx.json) return writeJson(ctx.io, { path: configPath(ctx.io.env), ...config });
    if (rows.length === 0) {
      ctx.io.stdout.write(
        `No profiles in ${configPath(ctx.io.env)}. Create one with: regkit config set NAME.arinEnv ote\n`,
      );
      return;
    }
    const columns = ['profile', ...PROFILE_FIELDS] as const;
    ctx.io.stdout.write(
      formatTable(
        columns,
        rows.map((r) => columns.map((c) => r[c])),
      ),
    );
  },
};

/** `regkit config get KEY`. */
const get: CommandSpec = {
  path: ['config', 'get'],
  args: [{ name: 'KEY', required: true, description: 'defaultProfile, or PROFILE.SETTING (mock.arinEnv)' }],
  summary: 'Print one setting of the config file',
  examples: ['regkit config get mock.arinEnv', 'regkit config get defaultProfile'],
  run: async (ctx) => {
    const { parseKey, readConfig, showSource } = await loadConfig();
    const key = parseKey(ctx.args[0] ?? '');
    const config = readConfig(ctx.io.env);
    let value: unknown;
    if (key === 'defaultProfile') value = config.defaultProfile;
    else {
      const profile = Object.hasOwn(config.profiles, key.profile) ? config.profiles[key.profile] : undefined;
      const raw = profile?.[key.field];
      value = typeof raw === 'object' ? showSource(raw) : raw;
    }
    if (value === undefined) {
      ctx.io.stderr.write(`regkit: ${ctx.args[0] ?? ''} is not set\n`);
      return 1;
    }
    ctx.io.stdout.write(`${String(value as string)}\n`);
  },
};

/** `regkit config set KEY VALUE`. */
const set: CommandSpec = {
  path: ['config', 'set'],
  args: [
    { name: 'KEY', required: true, description: 'defaultProfile, or PROFILE.SETTING (mock.arinEnv)' },
    {
      name: 'VALUE',
      required: true,
      description:
        'the value; for arinApiKey and helpdeskPassword where it comes from: env:VARIABLE or command:COMMAND',
    },
  ],
  summary: 'Set one setting of the config file (creating the file and the profile)',
  description:
    'Set one setting of $XDG_CONFIG_HOME/regkit/config.json (default ~/.config/regkit/config.json), created with mode 0600. Settings of a profile: arinEnv (ote, production or a base URL), arinApiKey (env:VARIABLE or command:COMMAND), helpdeskUrl, helpdeskUsername, helpdeskPassword (env:VARIABLE or command:COMMAND), allowInsecureHttp (true or false). Secrets are never stored in the file: it says where they come from.',
  examples: [
    'regkit config set mock.arinEnv http://127.0.0.1:8080/rest',
    'regkit config set mock.arinApiKey env:MOCK_ARIN_API_KEY',
    "regkit config set production.arinApiKey 'command:pass show arin/production'",
    'regkit config set defaultProfile mock',
  ],
  run: async (ctx) => {
    const { parseKey, parseSecretSource, readConfig, writeConfig } = await loadConfig();
    const { UsageError } = await import('./usageError.js');
    const key = parseKey(ctx.args[0] ?? '');
    const text = ctx.args[1] ?? '';
    const config = readConfig(ctx.io.env);
    let next;
    if (key === 'defaultProfile') next = { ...config, defaultProfile: text };
    else {
      let value: unknown = text;
      if (key.field === 'arinApiKey' || key.field === 'helpdeskPassword')
        value = parseSecretSource(text, `${key.profile}.${key.field}`);
      else if (key.field === 'allowInsecureHttp') {
        if (text !== 'true' && text !== 'false')
          throw new UsageError(`${key.profile}.allowInsecureHttp is true or false; got "${text}"`);
        value = text === 'true';
      }
      const profile = Object.hasOwn(config.profiles, key.profile) ? config.profiles[key.profile] : {};
      next = {
        ...config,
        profiles: { ...config.profiles, [key.profile]: { ...profile, [key.field]: value } },
      };
    }
    const file = writeConfig(ctx.io.env, next);
    ctx.io.stderr.write(`Set ${ctx.args[0] ?? ''} in ${file}\n`);
  },
};

/** `regkit config path`. */
const path: CommandSpec = {
  path: ['config', 'path'],
  args: [],
  summary: 'Print where the config file is',
  run: async (ctx) => {
    const { configPath } = await loadConfig();
    ctx.io.stdout.write(`${configPath(ctx.io.env)}\n`);
  },
};

export const configCommands: CommandSpec[] = [list, get, set, path];
