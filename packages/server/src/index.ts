export { buildApp, API_PREFIX, type AppOptions } from './app.js';
export { openDatabase, type Database, type Db, type OpenOptions } from './db/open.js';
export { migrate } from './db/migrate.js';
export { planRegistration, type RegistrationPlan } from './registrations/plan.js';
export { insertRegistrations } from './registrations/queries.js';
export {
  recordRegistrations,
  registrationCreated,
  type RegistrationActor,
} from './registrations/record.js';
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
export { listHostCountryCodes } from './sites/queries.js';
export { createUser, type NewUser } from './access/users.js';
export { weakPasswordMessage } from './access/new-password.js';
export { createApiToken } from './access/api-tokens.js';
export {
  createDemoUsers,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  hasDemoUsers,
} from './access/demo-users.js';
export { appendAudit, operatorActor, SYSTEM_CHAIN, type AuditEntry } from './audit/append.js';
export {
  verifyAuditLog,
  type AuditFinding,
  type AuditFindingKind,
  type AuditVerification,
  type ChainAnchor,
} from './audit/verify.js';
export {
  appendCheckpoint,
  Checkpoint,
  CheckpointError,
  CheckpointRefusedError,
  createCheckpoint,
  formatPublicKey,
  generateCheckpointKey,
  parsePublicKey,
  readCheckpointFile,
  readCheckpointKey,
  signCheckpoint,
  startAuditCheckpoints,
} from './audit/checkpoint.js';
export {
  findAccountId,
  findSubjectIdsOfPerson,
  listEntriesNaming,
  listEntriesOfActor,
  type AuditTrailEntry,
} from './audit/queries.js';
export { type AuditChainMode } from './audit/append.js';
export { applyRetention, startRetention, type RetentionOutcome } from './jobs/retention.js';
export {
  createEphemeralKeyring,
  KEY_FILE_CHECK_INTERVAL_MS,
  loadKeyring,
  SYSTEM_SCOPE,
  type DataScope,
  type Keyring,
  type LoadKeyringOptions,
  type SealBinding,
} from './protection/keyring.js';
export { addKeyToFile, generateKeyFile, readKeyFile } from './protection/key-file.js';
export { DataKeyError, SealBrokenError, UnknownDataKeyError } from './protection/errors.js';
export { documentNumberBinding, needBinding } from './protection/bindings.js';
export {
  countDocumentNumbersToReseal,
  countIdentitiesToReseal,
  countNeedsToReseal,
} from './protection/queries.js';
export {
  sealCarriedOverDocumentNumbers,
  sealDocumentNumber,
} from './protection/document-numbers.js';
export {
  createPersonIndex,
  type PersonIndex,
  type PersonIndexOptions,
} from './identity/person-index.js';
export {
  rotateDataKeys,
  RotationIncompleteError,
  type RotateOptions,
} from './protection/rotate.js';
export {
  runIdentityDedup,
  type DedupRunOptions,
  type DedupRunSummary,
} from './identity-review/dedup-run.js';
export { ALERT_INTERVAL_MS, raiseDueAlerts, startEvacuationAlerts } from './corridors/alert-job.js';
export {
  appendStatusChange,
  findCorridorIdByName,
  insertCorridor,
} from './corridors/corridor-queries.js';
export { insertRun, updateRun } from './corridors/run-queries.js';
export { insertManifestHouseholds } from './corridors/manifest-queries.js';
export {
  currentProtectionStatuses,
  type CurrentProtectionStatus,
} from './temporary-protection/current-status.js';
export { assessEligibility, decideOnAssessment } from './temporary-protection/assessments.js';
export {
  recordStatusChange,
  resolveProtectionCase,
} from './temporary-protection/status-changes.js';
export {
  recordWorkAuthorisation,
  requestSchoolEnrolment,
} from './temporary-protection/entitlement-records.js';
export type { Caller as ProtectionCaller } from './temporary-protection/scope.js';
export {
  eraseProtectionFacts,
  listRegisteredHouseholds,
  protectionSubjectData,
  type RegisteredPerson,
} from './temporary-protection/queries.js';
export { buildBatch, type BuiltBatch } from './cash-assistance/batches.js';
export { createProgramme, programmeInScope } from './cash-assistance/programmes.js';
export { batchLedgerProof } from './cash-assistance/ledger.js';
export { operatorCashActor, type CashActor } from './cash-assistance/caller.js';
export { enrolHousehold } from './cash-assistance/enrolments.js';
export {
  householdsWithActiveProtection,
  recordSameIdentityForDemo,
} from './cash-assistance/demo.js';
