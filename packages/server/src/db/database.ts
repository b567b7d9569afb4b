/**
 * The database seam. Repositories speak PostgreSQL SQL through this interface; only the two driver
 * adapters (pgliteDatabase.ts, postgresDatabase.ts) import a driver.
 */
export type SqlValue = string | number | boolean | null | Date | Buffer | readonly unknown[] | Record<string, unknown>;

export interface QueryOptions {
  /**
   * Plan the statement with this call's values instead of reusing a prepared plan. For statements whose best
   * plan depends on the values (LIKE 'prefix%' searches): a generic plan cannot use the prefix as an index range.
   */
  planPerCall?: boolean;
}

export interface Queryable {
  /** Runs one parameterised statement ($1, $2 ...) and returns its rows. */
  query: <T extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlValue[],
    opts?: QueryOptions
  ) => Promise<T[]>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec: (sql: string) => Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Embedded database only: a consistent copy of the whole data directory (gzip tar by default, or a plain tar
   * with 'none'; PGlite dumpDataDir), taken by the process that holds the directory's lock (ADR 0009).
   */
  dumpDataDir?: (compression?: 'gzip' | 'none') => Promise<Uint8Array>;
}

export interface DatabaseOptions {
  /** postgres://... to use a PostgreSQL server; otherwise the embedded database in dataDir. */
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; 'memory://' for a throwaway in-memory one (tests). */
  dataDir: string;
  /**
   * Who opens the embedded database, named in the refusal another opener gets while the lock is held:
   * 'server', or the CLI command (e.g. 'engraft backup'). Default: 'an engraft command'.
   */
  holder?: string;
  /** Embedded database only: start from this data-directory dump (a restore). */
  loadDataDir?: Uint8Array;
  /** Embedded database only: the image a new data directory starts from (default: the migrated image, ADR 0015). */
  initialImage?: () => Uint8Array | undefined;
  /** PostgreSQL only: open the pool's connections at start and keep them while idle (the server; see openPostgres). */
  warmPool?: boolean;
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number | undefined;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgresDatabase');
    return openPostgres(opts.databaseUrl, {
      warm: opts.warmPool ?? false,
      ...(opts.poolSize === undefined ? {} : { connections: opts.poolSize }),
    });
  }
  const { openPglite } = await import('./pgliteDatabase');
  const { readPgliteImage } = await import('./pgliteImage');
  return openPglite(opts.dataDir, {
    holder: opts.holder ?? 'an engraft command',
    loadDataDir: opts.loadDataDir,
    // A new data directory starts from the pre-initialised, migrated image when the build made one (ADR 0015).
    initialImage: opts.initialImage ?? (() => readPgliteImage()),
  });
}
