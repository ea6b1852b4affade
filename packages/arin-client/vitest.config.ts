import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: workspaceAliases },
  // --expose-gc: the linear-time test collects garbage before each measurement, so one size does
  // not pay for the other's garbage
  test: { include: ['test/**/*.test.ts'], execArgv: ['--expose-gc'] },
});
