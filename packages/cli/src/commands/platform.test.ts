import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@engraft/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/runCli';

describe('engraft platform commands', { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-cli-'));
  const env = { ENGRAFT_DATA_DIR: dataDir, ENGRAFT_REFERENCE_FETCH: 'off' }; // offline: no background download (ADR 0412)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('explains every command in --help', () => {
    const top = runCli(['--help']);
    for (const cmd of ['serve', 'db', 'users', 'audit', 'demo']) expect(top.stdout).toContain(cmd);
    expect(runCli(['users', 'create', '--help']).stdout).toMatch(/password is read from stdin/);
  });

  it('migrates, creates a user, and verifies the audit chain', () => {
    const m = runCli(['db', 'migrate'], { env });
    expect(m.stdout).toMatch(/applied: 0001_foundation/);
    expect(runCli(['db', 'migrate'], { env }).stdout).toMatch(/nothing to apply/);

    const weak = runCli(
      ['users', 'create', '--username', 'alice', '--name', 'Alice Example', '--role', 'physician', '--centre', 'North'],
      { env, input: 'short\n' }
    );
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/at least 12 characters/);

    const ok = runCli(
      [
        'users',
        'create',
        '--username',
        'alice',
        '--name',
        'Alice Example',
        '--role',
        'physician',
        'nurse',
        '--centre',
        'North',
      ],
      { env, input: 'a-long-enough-passphrase\n' }
    );
    expect(ok.stdout).toMatch(/created alice \(physician, nurse\) in North/);

    const v = runCli(['audit', 'verify'], { env });
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/audit chain intact: 1 events verified/);
  });

  it('names the first broken link after tampering and exits non-zero', async () => {
    runCli(['users', 'create', '--username', 'bob', '--name', 'Bob Example', '--role', 'lab', '--centre', 'North'], {
      env,
      input: 'another-long-passphrase\n',
    });
    const db = await openDatabase({ dataDir });
    await db.exec('alter table audit_events disable trigger audit_events_no_update');
    await db.query(`update audit_events set actor = 'mallory' where seq = 2`);
    await db.close();
    const v = runCli(['audit', 'verify'], { env });
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/BROKEN at event #2: its contents do not match its hash/);
  });

  it('never seeds demo accounts into a PostgreSQL server by accident', () => {
    const r = runCli(['demo', 'seed'], { env: { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/refusing to seed demo accounts/);
  });

  it('rejects a bad configuration with the variable named', () => {
    const r = runCli(['db', 'migrate'], { env: { ...env, DATABASE_URL: 'mysql://x' } });
    expect(r.stderr).toMatch(/DATABASE_URL: must start with postgres:\/\//);
  });
});
