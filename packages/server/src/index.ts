export { buildApp, API_PREFIX, type AppOptions } from './app.js';
export { openDatabase, type Database, type Db, type OpenOptions } from './db/open.js';
export { migrate } from './db/migrate.js';
export { planRegistration, type RegistrationPlan } from './registrations/plan.js';
export { insertRegistrations } from './registrations/queries.js';
export { listSites } from './sites/queries.js';
export { analyzeRegistrationTables, ensureSites, isDatabaseEmpty } from './import/queries.js';
export {
  countPersonsForExport,
  listPersonsForExport,
  type ExportCursor,
  type PersonExportFilter,
  type PersonExportRow,
} from './export/queries.js';
export { startPlannerStatistics } from './jobs/planner-statistics.js';
export { describeFailure, postgresErrorCode, type DatabaseFailure } from './db/errors.js';
