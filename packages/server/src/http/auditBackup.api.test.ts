import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoints, writeCheckpoint } from '../services/auditCheckpoints';
import { verifyAuditChain } from '../services/auditTrail';
import { checkDump } from '../services/backup';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

// Issue 14: verification against signed checkpoints through the API, and the server-side backup (ADR 0009, 0010).
describe.each(DRIVERS)('audit verify with checkpoints, and backup, through the API (%s)', (driver) => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'engraft-api-checkpoint-'));
    t = await createTestApp(driver, {
      config: {
        auditCheckpoints: { keyFile: path.join(dir, 'key.pem'), file: path.join(dir, 'cp.jsonl'), intervalMinutes: 0 },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the newest signed checkpoint, and a deleted tail after it, to an auditor', async () => {
    const auditor = as(t.app, await signIn(t.app, 'auditor'));
    const cfg = t.app.deps.config.auditCheckpoints;
    if (!cfg) throw new Error('checkpoints not configured');
    const cp = await writeCheckpoint(t.db, cfg);
    expect(cp.written).toBe(true);
    const intact = (await auditor.get('/api/v1/audit/verify')).json<{ ok: boolean; checkpoints: { count: number } }>();
    expect(intact).toMatchObject({ ok: true, problems: [], checkpoints: { count: 1 } });

    // The tail is removed, and the transaction rolled back so the other tests see the intact trail.
    await t.db
      .transaction(async (tx) => {
        await tx.exec('alter table audit_events disable trigger audit_events_no_update');
        await tx.query('delete from audit_events where seq > 3');
        const res = await verifyAuditChain(tx, { checkpoints: readCheckpoints(cfg) });
        expect(res.ok).toBe(false);
        expect(res.problems[0]).toMatch(/events were deleted/);
        throw new Error('rollback');
      })
      .catch((err: unknown) => {
        if ((err as Error).message !== 'rollback') throw err;
      });
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    expect((await nurse.get('/api/v1/audit/verify')).statusCode).toBe(403);
  });

  it('takes a verified backup of the embedded database for an administrator only, audited', async () => {
    const admin = as(t.app, await signIn(t.app, 'admin'));
    const physician = as(t.app, await signIn(t.app, 'physician'));
    expect((await physician.post('/api/v1/backup')).statusCode).toBe(403);
    const res = await admin.post('/api/v1/backup');
    if (driver === 'postgres') {
      expect(res.statusCode).toBe(409);
      expect(res.json<{ detail: string }>().detail).toMatch(/pg_dump and WAL archiving/);
      return;
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/gzip/);
    const check = await checkDump(new Uint8Array(res.rawPayload));
    expect(check.audit).toMatchObject({ ok: true });
    const [backupEvent] = await t.db.query<{ actor: string }>(`select actor from audit_events where action = 'backup'`);
    expect(backupEvent?.actor).toBe('admin');
  });
});
