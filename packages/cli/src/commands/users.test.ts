import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@engraft/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/runCli';

describe('engraft users (administration from the command line)', { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-cli-users-'));
  const env = { ENGRAFT_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists, disables, enables, sets roles, resets the password and signs out, each audited', async () => {
    runCli(['db', 'migrate'], { env });
    const created = runCli(
      ['users', 'create', '--username', 'carol', '--name', 'Carol Example', '--role', 'nurse', '--centre', 'North'],
      { env, input: 'river-stone-compass\n' }
    );
    expect(created.stdout).toMatch(/created carol/);

    expect(runCli(['users', 'disable', 'carol', '--centre', 'North'], { env }).stderr).toMatch(/--reason/);
    expect(runCli(['users', 'disable', 'carol', '--centre', 'Nowhere', '--reason', 'left'], { env }).stderr).toMatch(
      /no centre named "Nowhere"/
    );
    expect(
      runCli(['users', 'disable', 'carol', '--centre', 'North', '--reason', 'left the unit'], { env }).stdout
    ).toMatch(/carol: disabled/);
    expect(runCli(['users', 'list', '--centre', 'North'], { env }).stdout).toMatch(/carol\s+nurse\s+disabled/);
    expect(runCli(['users', 'enable', 'carol', '--centre', 'North', '--reason', 'back'], { env }).stdout).toMatch(
      /carol: enabled/
    );
    expect(
      runCli(['users', 'roles', 'carol', '--role', 'nurse', 'lab', '--centre', 'North', '--reason', 'covers the lab'], {
        env,
      }).stdout
    ).toMatch(/roles nurse, lab/);
    const weak = runCli(['users', 'reset-password', 'carol', '--centre', 'North', '--reason', 'forgot'], {
      env,
      input: 'password1234\n',
    });
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/most common passwords/);
    expect(
      runCli(['users', 'reset-password', 'carol', '--centre', 'North', '--reason', 'forgot'], {
        env,
        input: 'amber-quartz-willow\n',
      }).stdout
    ).toMatch(/must be set at the next sign-in/);
    expect(runCli(['users', 'list', '--centre', 'North'], { env }).stdout).toMatch(
      /carol\s+lab,nurse\s+must-change-password/
    );
    expect(
      runCli(['users', 'sign-out', 'carol', '--centre', 'North', '--reason', 'lost phone'], { env }).stdout
    ).toMatch(/signed out everywhere/);

    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.query<{ action: string; actor: string; reason: string | null }>(
        `select action, actor, reason from audit_events where entity_type = 'user' order by seq`
      );
      expect(rows.map((r) => `${r.action} ${r.actor} ${r.reason ?? ''}`.trim())).toEqual([
        'create cli',
        'disable cli left the unit',
        'enable cli back',
        'roles cli covers the lab',
        'password-reset cli forgot',
        'sign-out-everywhere cli lost phone',
      ]);
    } finally {
      await db.close();
    }
  });
});
