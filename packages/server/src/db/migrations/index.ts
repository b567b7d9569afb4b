import foundation from './0001_foundation';

/** Versioned migrations, applied in order and never edited once released: add a new file instead. */
export const MIGRATIONS: readonly { version: string; sql: string }[] = [{ version: '0001_foundation', sql: foundation }];
