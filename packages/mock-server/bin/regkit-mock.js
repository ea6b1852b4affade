#!/usr/bin/env node
// Launcher kept outside dist/ so that npm links the command even before the first build.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND')
    console.error('regkit-mock: @regkit/mock-server is not built yet: run `npm run build` first');
  else console.error(error);
  process.exitCode = 1;
});
