export { runCli, helpText, commands } from './main.js';
export { runWorkflow, type WorkflowSetup } from './workflow.js';
export { mockSetup } from './workflowCommand.js';
export { runSwip, type SwipOptions, type SwipOutcome, type SwipReport, type SwipRowReport } from './swip.js';
export type { Command, CommandContext, OptionSpec } from './command.js';
export type { Io } from './output.js';
