import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAudit } from '../repo/auditLog';
import { verifyAuditChain } from '../services/auditTrail';
import { type Database, openDatabase } from './database';
import { migrate } from './migrate';
import { appRoleGrants } from './roles';

describe('PostgreSQL: the application role cannot rewrite the audit trail (docs/security.md)', () => {
  const suffix = randomBytes(4).toString('hex');
  const name = `engraft_roles_${suffix}`;
  const owner = `engraft_owner_${suffix}`;
  const appRole = `engraft_app_${suffix}`;
  const adminUrl = inject('pgUrl');
  const urlAs = (role: string) => adminUrl.replace(/\/\/postgres@/, `//${role}@`).replace(/\/postgres$/, `/${name}`);
  let app: Database;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create role ${owner} login`);
    await admin.query(`create role ${appRole} login`);
    await admin.query(`create database ${name} owner ${owner}`);
    await admin.end();
    // PostgreSQL 15: only the database owner may create in schema public.
    const ownerDb = await openDatabase({ databaseUrl: urlAs(owner), dataDir: 'unused' });
    await ownerDb.exec(`alter schema public owner to ${owner}`);
    await migrate(ownerDb);
    await ownerDb.exec(appRoleGrants('public', appRole));
    await ownerDb.close();
    app = await openDatabase({ databaseUrl: urlAs(appRole), dataDir: 'unused' });
  });
  afterAll(() => app?.close());

  it('starts (no pending migration: no DDL), appends and verifies', async () => {
    expect(await migrate(app)).toMatchObject({ applied: [] });
    await app.transaction((tx) =>
      appendAudit(tx, { userId: null, username: 'app', centreId: null }, { action: 'create', entityType: 'test' })
    );
    expect(await verifyAuditChain(app)).toMatchObject({ ok: true, checked: 1 });
  });

  it('refuses UPDATE, DELETE, TRUNCATE, disabling the trigger and replacing the hash function', async () => {
    await expect(app.query(`update audit_events set reason = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(app.query('delete from audit_events')).rejects.toThrow(/permission denied/);
    await expect(app.query('truncate audit_events')).rejects.toThrow(/permission denied/);
    await expect(app.exec('alter table audit_events disable trigger audit_events_no_update')).rejects.toThrow(
      /must be owner/
    );
    await expect(
      app.exec(
        `create or replace function audit_chain_hash(prev_hash text, e audit_events) returns text language sql immutable as $$ select e.hash $$`
      )
    ).rejects.toThrow(/must be owner|permission denied/);
    await expect(app.exec('create table shadow (id int)')).rejects.toThrow(/permission denied/);
  });

  it('still writes clinical tables', async () => {
    const [c] = await app.query<{ id: string }>(`insert into centres (name) values ('Role test') returning id`);
    expect(c?.id).toBeTruthy();
  });
});
