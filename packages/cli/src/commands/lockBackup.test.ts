import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, migrate, openDatabase, type RunningServer, seedDemo, startServer } from '@engraft/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../testing/runCli';

const BIN = fileURLToPath(new URL('../../bin/engraft.js', import.meta.url));

const count = async (dataDir: string, sql: string): Promise<number> => {
  const db = await openDatabase({ dataDir });
  try {
    return (await db.query<{ n: number }>(sql))[0]?.n ?? -1;
  } finally {
    await db.close();
  }
};

describe('embedded data directory: lock, CLI through the server, backup and restore', { timeout: 600_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-lock-cli-'));
  const dataDir = path.join(root, 'data');
  // no background download of a release (ADR 0412): the tests run offline
  const env = { ENGRAFT_DATA_DIR: dataDir, ENGRAFT_AUDIT_CHECKPOINT_MINUTES: '0', ENGRAFT_REFERENCE_FETCH: 'off' };
  const backupFile = path.join(root, 'engraft.backup.tar.gz');
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses every command that would open the files while the server runs, and leaves the database unchanged', async () => {
    const seed = await openDatabase({ dataDir });
    await migrate(seed);
    expect((await seedDemo(seed, '2026-03-15', { patients: 2 })).patients).toBe(2);
    await seed.close();
    server = await startServer(loadConfig({ ...env, PORT: '0' }), { demo: false });
    const refusal = `the Engraft server (pid ${process.pid}) is using this data directory; stop it or use the API`;
    const attempts = await Promise.all([
      runCliAsync(
        ['users', 'create', '--username', 'mallory', '--name', 'Mallory', '--role', 'admin', '--centre', 'Elsewhere'],
        { env, input: 'a-long-enough-passphrase\n' }
      ),
      runCliAsync(['audit', 'verify'], { env }),
      runCliAsync(['backup', backupFile], { env }),
    ]);
    for (const r of attempts) {
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(refusal);
      expect(r.stdout).not.toMatch(/created|intact|written|restored/);
    }
    expect(existsSync(backupFile)).toBe(false);
    // Through the server's own connection: no user, no centre, no audit event came from the refused commands.
    const [row] = await server.db.query<{ users: number; centres: number; mallory: number }>(
      `select (select count(*)::int from users) as users, (select count(*)::int from centres) as centres,
              (select count(*)::int from audit_events where actor = 'cli' or entity_id = 'mallory') as mallory`
    );
    expect(row).toEqual({ users: 10, centres: 1, mallory: 0 }); // the demo accounts only
  });

  it('creates a user, verifies the trail and takes a backup through the running server', async () => {
    const url = server?.url ?? '';
    const viaServer = { ...env, ENGRAFT_ADMIN_PASSWORD: 'demo-admin-pass' };
    const created = await runCliAsync(
      [
        'users',
        'create',
        '--server',
        url,
        '--admin',
        'admin',
        '--username',
        'carol',
        '--name',
        'Carol Example',
        '--role',
        'nurse',
      ],
      {
        env: viaServer,
        input: 'carols-long-passphrase\n',
      }
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/created carol \(nurse\) in .* through http/);
    const signIn = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: 'carols-long-passphrase' }),
    });
    expect(signIn.status).toBe(200);

    const wrongCentre = await runCliAsync(
      [
        'users',
        'create',
        '--server',
        url,
        '--admin',
        'admin',
        '--username',
        'dave',
        '--name',
        'Dave',
        '--role',
        'nurse',
        '--centre',
        'Elsewhere',
      ],
      {
        env: viaServer,
        input: 'daves-long-passphrase\n',
      }
    );
    expect(wrongCentre.status).not.toBe(0);
    expect(wrongCentre.stderr).toMatch(/--centre "Elsewhere" is not the centre of admin/);

    const verified = await runCliAsync(['audit', 'verify', '--server', url, '--admin', 'admin'], { env: viaServer });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/audit chain intact: \d+ events verified/);
    expect(verified.stdout).toMatch(/signed checkpoints: 1; the latest .* matches/);

    const backup = await runCliAsync(['backup', backupFile, '--server', url, '--admin', 'admin'], { env: viaServer });
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/backup written to .* 7 patients, \d+ audit events, verified/); // 2 synthetic + 3 demo journeys + the family and registry demos
    expect(
      (await runCliAsync(['backup', backupFile, '--server', url, '--admin', 'admin'], { env: viaServer })).stderr
    ).toMatch(/already exists; pass --force/);
    // A restore while the server runs is refused like any other opener.
    const restore = await runCliAsync(['restore', backupFile, '--force'], { env });
    expect(restore.status).not.toBe(0);
    expect(restore.stderr).toContain(`the Engraft server (pid ${process.pid}) is using this data directory`);
    await server?.close();
    server = undefined;
  });

  it('restores the backup into a new directory and verifies it; refuses a non-empty directory without --force', async () => {
    await server?.close();
    server = undefined;
    const restoredDir = path.join(root, 'restored');
    // The original's key and checkpoints: the restored trail is checked against what the server signed.
    const renv = {
      ENGRAFT_DATA_DIR: restoredDir,
      ENGRAFT_AUDIT_KEY_FILE: path.join(dataDir, 'audit-checkpoint-key.pem'),
      ENGRAFT_AUDIT_CHECKPOINT_FILE: path.join(dataDir, 'audit-checkpoints.jsonl'),
    };
    const restored = runCli(['restore', backupFile], { env: renv });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/restored .* 7 patients, \d+ audit events, verified/);
    expect(await count(restoredDir, `select count(*)::int as n from users where username = 'carol'`)).toBe(1);
    expect(await count(restoredDir, 'select count(*)::int as n from patients')).toBe(7);
    // Events after the backup (the administrator's sign-out, signed at the server's stop) are not in it: restore
    // says so, and verify reports them as lost until the checkpoint file is moved aside.
    expect(restored.stdout).toMatch(/signed events this backup does not hold/);
    const verify = runCli(['audit', 'verify'], { env: renv });
    expect(verify.status).toBe(2);
    expect(verify.stderr).toMatch(/events were deleted/);
    renameSync(renv.ENGRAFT_AUDIT_CHECKPOINT_FILE, `${renv.ENGRAFT_AUDIT_CHECKPOINT_FILE}.before-restore`);
    const fresh = runCli(['audit', 'verify'], { env: renv });
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toMatch(/audit chain intact/);

    const again = runCli(['restore', backupFile], { env: renv });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/already holds a database; pass --force to replace it/);
    const forced = runCli(['restore', backupFile, '--force'], { env: renv });
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/moved to .*pglite\.replaced-/);
    expect(readdirSync(restoredDir).filter((f) => f.startsWith('pglite.replaced-'))).toHaveLength(1);

    const notABackup = path.join(root, 'not-a-backup');
    const bad = runCli(['restore', renv.ENGRAFT_AUDIT_KEY_FILE], { env: { ...renv, ENGRAFT_DATA_DIR: notABackup } });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/cannot be opened as an Engraft database/);
    expect(existsSync(path.join(notABackup, 'pglite'))).toBe(false);
  });

  it('recovers the lock of a server that was killed', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--quiet'], {
      env: { ...process.env, ...env, PORT: '0', ENGRAFT_FROM_SOURCE: '1', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Engraft is running')) resolve();
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'engraft.lock'), 'utf8'))).toMatchObject({
      pid: child.pid,
      holder: 'server',
    });
    expect(runCli(['audit', 'verify'], { env }).stderr).toContain(
      `the Engraft server (pid ${child.pid}) is using this data directory`
    );
    await new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', resolve);
      child.kill('SIGKILL');
    });
    expect(existsSync(path.join(dataDir, 'engraft.lock'))).toBe(true);
    const v = runCli(['audit', 'verify'], { env });
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/audit chain intact/);
  });
});
