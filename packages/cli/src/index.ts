export { buildProgram } from './program.js';
export { CliError } from './cli-error.js';
export { exportPersons, type ExportOptions } from './commands/export.js';
export { importPersons, type ImportOptions, type ImportSummary } from './commands/import.js';
export { loadDemoData, type DemoDataOptions } from './commands/demo-data.js';
