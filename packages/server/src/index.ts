// Public surface of the server package: used by the CLI, tests and benchmarks.
export { loadConfig, type Config } from './config';
export { openDatabase, type Database, type Queryable } from './db/database';
export { migrate } from './db/migrate';
export { buildPgliteImage, readPgliteImage } from './db/pgliteImage';
export { buildApp, type App, type AppDeps } from './http/app';
export { verifyAuditChain, type VerifyResult } from './services/auditTrail';
export { type AuditCheckpointConfig, readCheckpoints, writeCheckpoint } from './services/auditCheckpoints';
export { type BackupCheck, checkDump, dumpDatabase, restoreDataDir } from './services/backup';
export { DataDirLockedError } from './db/dataDirLock';
export { createUser } from './services/auth';
export { findCentreByName, findOrCreateCentre } from './repo/centres';
export * as userAdmin from './services/users';
export { DEMO_CENTRE, demoAccounts, isSeeded, seedDemo } from './demo/seed';
export { DEMO_JOURNEY_SUMMARY } from './demo/syntheticJourneys';
export { openEngraftDatabase, startServer, todayUtc, type RunningServer } from './runtime';
export * as fhirClients from './services/fhirClients';
export * as frequencySets from './services/frequencySets';
