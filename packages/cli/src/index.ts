export { runCli } from './main.js';
export { EXIT } from './exitCodes.js';
export {
  loadManifest,
  type CommandManifest,
  type OperationCommand,
  type ParamSpec,
  type BodySpec,
} from './manifest.js';
export { cliNames, commandPath, type CliNames } from './naming.js';
export { runWorkflow, type WorkflowSetup } from './workflow.js';
export { mockSetup } from './mockSetup.js';
export { runApply, runPlan, type SwipArgs } from './swip/index.js';
export type { ClientUse, CommandContext, CommandSpec, OperationAdapter, OptionSpec } from './command.js';
export type { Io } from './output.js';
export { OUTPUT_FORMATS, type OutputFormat, type OutputSettings } from './outputFormat.js';
