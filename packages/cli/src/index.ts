export { runCli, helpText, commands } from './main.js';
export { runWorkflow, type WorkflowSetup } from './workflow.js';
export { mockSetup } from './workflowCommand.js';
export { runSwip, type SwipReport } from './swip.js';
export type { Io } from './output.js';
