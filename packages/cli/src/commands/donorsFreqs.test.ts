import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO_CENTRE,
  loadConfig,
  migrate,
  openDatabase,
  type RunningServer,
  seedDemo,
  startServer,
} from '@engraft/server';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../hla/src/testing/sharedData';
import { runCli, runCliAsync } from '../testing/runCli';

// Issue 16 §1: `engraft donors freqs import|list`, on the database and through a running server (ADR 0009).
describe('engraft donors freqs', { timeout: 600_000 }, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-cli-freqs-'));
  const dataDir = path.join(root, 'data');
  const env = { ENGRAFT_DATA_DIR: dataDir, ENGRAFT_AUDIT_CHECKPOINT_MINUTES: '0' };
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('imports the CAU set, lists it, refuses a malformed file naming the line', async () => {
    const seed = await openDatabase({ dataDir });
    await migrate(seed);
    await seedDemo(seed, '2026-03-15', { patients: 1 });
    await seed.close();

    const cau = sharedData('freqs/CAU.freqs.gz');
    // The demo seed stored DEMO-synthetic as the demo centre's default (ADR 0412): CAU replaces it with --default.
    const imported = runCli(['donors', 'freqs', 'import', cau, '--name', 'CAU', '--centre', DEMO_CENTRE, '--default'], {
      env,
    });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^imported CAU\s+A~C~B~DRB1~DQB1\s+2-field\s+\d+ haplotypes.*centre default$/m);

    const bad = path.join(root, 'bad.csv');
    writeFileSync(bad, 'A*01:01~B*08:01,EUR,0.6\nA*01:01~B08:01,EUR,0.2\n');
    const refused = runCli(['donors', 'freqs', 'import', bad, '--name', 'bad'], { env });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/line 2: 'B08:01' is not an allele or group name/);

    const listed = runCli(['donors', 'freqs', 'list'], { env });
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    expect(listed.stdout).toMatch(/^CAU\s+A~C~B~DRB1~DQB1/m);
    expect(listed.stdout).toMatch(/^DEMO-synthetic\s+A~C~B~DRB1~DQB1/m);
  });

  it('goes through the running server with --server and --admin', async () => {
    server = await startServer(loadConfig({ ...env, PORT: '0' }), { demo: false });
    const viaServer = { ...env, ENGRAFT_ADMIN_PASSWORD: 'demo-admin-pass' };
    const small = path.join(root, 'small.csv');
    writeFileSync(small, 'A*01:01~B*08:01,EUR,0.6\nA*02:01~B*44:02,EUR,0.4\n');
    const refusedOnFiles = await runCliAsync(['donors', 'freqs', 'list'], { env });
    expect(refusedOnFiles.stderr).toMatch(/is using this data directory/);
    const imported = await runCliAsync(
      ['donors', 'freqs', 'import', small, '--name', 'small-EUR', '--server', server.url, '--admin', 'admin'],
      { env: viaServer }
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^imported small-EUR\s+A~B\s+2-field\s+2 haplotypes/);
    const listed = await runCliAsync(['donors', 'freqs', 'list', '--server', server.url, '--admin', 'admin'], {
      env: viaServer,
    });
    expect(listed.stdout).toMatch(/^CAU .*centre default$/m);
    expect(listed.stdout).toMatch(/^small-EUR /m);
  });

  it('a registry snapshot records the IPD-IMGT/HLA release and the frequency set it was built with', () => {
    const cau = sharedData('freqs/CAU.freqs.gz');
    const reg = path.join(root, 'reg.txt');
    writeFileSync(reg, 'D1%A*01:01+A*02:01^B*08:01+B*07:02\n');
    const snap = path.join(root, 'reg.snap');
    const engineArgs = ['--imgt-dir', sharedData('imgt/3.58.0')];
    const imported = runCli(['donors', 'import', reg, '--snapshot', snap, '--frequency-set', cau, ...engineArgs]);
    expect(imported.stderr).toBe('');
    const sha = createHash('sha256').update(readFileSync(cau)).digest('hex');
    const shown = JSON.parse(runCli(['donors', 'index', '--snapshot', snap, ...engineArgs]).stdout) as {
      release: string;
      frequencySets: { name: string; sha256: string }[];
    };
    expect(shown.release).toBe('3.58.0');
    expect(shown.frequencySets).toEqual([{ name: 'CAU', sha256: sha }]);
    // Removing a donor rewrites the snapshot and keeps what it records.
    runCli(['donors', 'index', '--snapshot', snap, '--remove', 'D1', ...engineArgs]);
    expect(JSON.parse(runCli(['donors', 'index', '--snapshot', snap, ...engineArgs]).stdout)).toMatchObject({
      donors: 0,
      frequencySets: [{ name: 'CAU', sha256: sha }],
    });
  });
});
