import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../db/database';
import { migrate } from '../db/migrate';
import { appendAudit } from '../repo/auditLog';
import { DRIVERS, freshDatabase } from '../testing/testApp';
import { type AuditCheckpointConfig, readCheckpoints, writeCheckpoint } from './auditCheckpoints';
import { verifyAuditChain } from './auditTrail';

const actor = { userId: null, username: 'tester', centreId: null };

const append = (db: Queryable, n: number, from = 1) =>
  (async () => {
    for (let i = from; i < from + n; i++) {
      await appendAudit(db, actor, {
        action: 'update',
        entityType: 'patient',
        entityId: `p${i}`,
        after: { weightKg: 60 + i },
      });
    }
  })();

/** What an attacker with the application's database role can do: lift the trigger, change rows, re-hash. */
const asAppRole = {
  disableAppendOnly: (db: Queryable) => db.exec('alter table audit_events disable trigger audit_events_no_update'),
  rehashFrom: (db: Queryable, seq: number) =>
    db.exec(`do $$ declare r audit_events; prev text; begin
      select hash into prev from audit_events where seq = ${seq - 1};
      for r in select * from audit_events where seq >= ${seq} order by seq loop
        r.prev_hash := prev; r.hash := audit_chain_hash(prev, r);
        update audit_events set prev_hash = r.prev_hash, hash = r.hash where seq = r.seq;
        prev := r.hash;
      end loop; end $$`),
};

class Rollback extends Error {}

describe.each(DRIVERS)('signed audit checkpoints (%s)', (driver) => {
  let base: Database;
  let db: Queryable;
  let dir: string;
  let cfg: AuditCheckpointConfig;
  let checkpointLine: string;
  let keyMode: number;
  const verify = () => verifyAuditChain(db, { checkpoints: readCheckpoints(cfg) });

  // One database with six events and a checkpoint of them; each test attacks it inside a transaction that is
  // rolled back afterwards (DDL included), so the tests stay independent and fast.
  beforeAll(async () => {
    base = await freshDatabase(driver);
    await migrate(base);
    dir = mkdtempSync(path.join(os.tmpdir(), 'engraft-checkpoint-'));
    cfg = {
      keyFile: path.join(dir, 'keys', 'audit.pem'),
      file: path.join(dir, 'checkpoints.jsonl'),
      intervalMinutes: 15,
    };
    await append(base, 6);
    const out = await writeCheckpoint(base, cfg, new Date('2026-03-15T10:00:00Z'));
    expect(out).toMatchObject({ written: true, checkpoint: { count: 6, at: '2026-03-15T10:00:00.000Z' } });
    checkpointLine = readFileSync(cfg.file, 'utf8');
    keyMode = statSync(cfg.keyFile).mode & 0o777;
  });
  afterAll(async () => {
    await base.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const attack = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      writeFileSync(cfg.file, checkpointLine);
      chmodSync(cfg.keyFile, 0o600);
      await base
        .transaction(async (tx) => {
          db = tx;
          await fn();
          throw new Rollback();
        })
        .catch((err: unknown) => {
          if (!(err instanceof Rollback)) throw err;
        });
    });

  attack(
    'creates the key on first use, readable by its owner only, and signs the head: an intact chain verifies',
    async () => {
      expect(keyMode).toBe(0o600);
      const res = await verify();
      expect(res).toMatchObject({
        ok: true,
        checked: 6,
        problems: [],
        checkpoints: { count: 1, latest: { count: 6 } },
      });
      // Unchanged since: no new line; grown: a new line.
      expect(await writeCheckpoint(db, cfg)).toMatchObject({ written: false });
      await append(db, 2, 7);
      expect(await writeCheckpoint(db, cfg)).toMatchObject({ written: true, checkpoint: { count: 8 } });
      expect(readFileSync(cfg.file, 'utf8').trim().split('\n')).toHaveLength(2);
      expect(await verify()).toMatchObject({ ok: true, checked: 8 });
    }
  );

  attack('detects a chain rewritten and re-hashed from a row onward', async () => {
    await asAppRole.disableAppendOnly(db);
    await db.query(`update audit_events set reason = 'never happened' where seq = 3`);
    await asAppRole.rehashFrom(db, 3);
    // The chain alone is consistent again: only the checkpoint exposes it.
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 6 });
    const res = await verify();
    expect(res.ok).toBe(false);
    expect(res.firstBroken?.seq).toBe(6);
    expect(res.firstBroken?.problem).toMatch(
      /not the event signed by the checkpoint of 2026-03-15T10:00:00.000Z \(event 6, #6\): the trail up to it was rewritten/
    );
  });

  attack('detects a deleted tail', async () => {
    await asAppRole.disableAppendOnly(db);
    await db.query('delete from audit_events where seq > 4');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 4 });
    const res = await verify();
    expect(res.ok).toBe(false);
    expect(res.problems[0]).toMatch(
      /the trail ends after 4 events, but the checkpoint of 2026-03-15T10:00:00.000Z signed 6 \(up to #6\): events were deleted/
    );
  });

  attack('detects a replaced hash function, even when the chain was re-hashed with it', async () => {
    await asAppRole.disableAppendOnly(db);
    // The database's own check now agrees with whatever is stored …
    await db.exec(
      `create or replace function audit_chain_hash(prev_hash text, e audit_events) returns text language sql immutable as $$ select e.hash $$`
    );
    await db.query(`update audit_events set after = '{"weightKg": 99}' where seq = 2`);
    expect(
      (
        await db.query<{ n: number }>(
          'select count(*)::int as n from audit_events a where audit_chain_hash(a.prev_hash, a) <> a.hash'
        )
      )[0]?.n
    ).toBe(0);
    // … but verify computes SHA-256 itself.
    const altered = await verify();
    expect(altered.firstBroken).toMatchObject({
      seq: 2,
      problem: expect.stringMatching(/contents do not match its hash/),
    });

    // A weaker function, and the whole chain re-hashed with it so every link is consistent:
    await db.exec(`create or replace function audit_chain_hash(prev_hash text, e audit_events) returns text language sql immutable as $$
      select md5(prev_hash || e.actor || coalesce(e.after::text, '')) || md5(prev_hash) $$`);
    await db.exec(
      `update audit_events set prev_hash = repeat('0', 64), hash = audit_chain_hash(repeat('0', 64), audit_events) where seq = 1`
    );
    await asAppRole.rehashFrom(db, 2);
    const res = await verify();
    expect(res.ok).toBe(false);
    expect(res.firstBroken).toMatchObject({ seq: 1, problem: expect.stringMatching(/contents do not match its hash/) });
  });

  attack('refuses to sign a broken chain', async () => {
    await asAppRole.disableAppendOnly(db);
    await db.query('delete from audit_events where seq > 4');
    await expect(writeCheckpoint(db, cfg)).rejects.toThrow(
      /no checkpoint was signed: event #6: the trail ends after 4 events/
    );
    expect(readFileSync(cfg.file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  attack('reports an altered or forged checkpoint line, and a key others can read', async () => {
    const [line] = readFileSync(cfg.file, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(line ?? '{}'), count: 4 };
    appendFileSync(cfg.file, `${JSON.stringify(forged)}\n`);
    const res = await verify();
    expect(res.ok).toBe(false);
    expect(res.problems).toEqual([expect.stringMatching(/line 2: the signature does not match its contents/)]);

    writeFileSync(cfg.file, `${line ?? ''}\n`);
    chmodSync(cfg.keyFile, 0o644);
    expect(() => readCheckpoints(cfg)).toThrow(/may be read by other users; chmod 600 it/);
  });
});
