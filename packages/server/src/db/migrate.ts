import type { Database } from './database';
import { MIGRATIONS } from './migrations/index';

export interface MigrationResult {
  applied: string[];
  current: string | null;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so several instances starting
 * together against one PostgreSQL server apply each migration exactly once.
 */
export async function migrate(db: Database): Promise<MigrationResult> {
  // Nothing pending: no DDL at all, so the application's role (DML only, docs/security.md) can start the server.
  const current = MIGRATIONS.at(-1)?.version ?? null;
  const [state] = await db.query<{ present: boolean }>(
    `select to_regclass('schema_migrations') is not null as present`
  );
  if (state?.present) {
    const done = new Set(
      (await db.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version)
    );
    if (MIGRATIONS.every((m) => done.has(m.version))) return { applied: [], current };
  }
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7411)`);
    await tx.exec(
      `create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())`
    );
    const done = new Set(
      (await tx.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version)
    );
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [m.version]);
      applied.push(m.version);
    }
    return { applied, current: MIGRATIONS.at(-1)?.version ?? null };
  });
}
