import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { DRIVERS, freshDatabase } from '../testing/testApp';
import { verifyAuditChain } from '../services/auditTrail';
import { appendAudit } from './auditLog';

const actor = { userId: null, username: 'tester', centreId: null };

describe.each(DRIVERS)('hash-chained audit trail (%s)', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(driver);
    await migrate(db);
    for (let i = 1; i <= 5; i++) {
      await db.transaction((tx) =>
        appendAudit(tx, actor, {
          action: 'update',
          entityType: 'patient',
          entityId: `p${i}`,
          before: { weightKg: 60 + i, z: [1, { b: 2, a: 1 }] },
          after: { weightKg: 61.5 + i },
          reason: 'weighed',
        })
      );
    }
  });
  afterAll(() => db.close());

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 5, problems: [] });
  });

  it('refuses updates and deletes (append-only)', async () => {
    await expect(db.query(`update audit_events set reason = 'x' where seq = 2`)).rejects.toThrow(/append-only/);
    await expect(db.query(`delete from audit_events where seq = 2`)).rejects.toThrow(/append-only/);
  });

  it('names the first altered row when someone bypasses the trigger', async () => {
    await db.exec(`alter table audit_events disable trigger audit_events_no_update`);
    await db.query(`update audit_events set after = '{"weightKg": 99}' where seq = 3`);
    const res = await verifyAuditChain(db);
    expect(res.ok).toBe(false);
    expect(res.firstBroken?.seq).toBe(3);
    expect(res.firstBroken?.problem).toMatch(/altered/);
    expect(res.checked).toBe(2);
  });

  it('names the link after a removed row', async () => {
    await db.query(`delete from audit_events where seq = 2`);
    const res = await verifyAuditChain(db);
    expect(res.firstBroken).toMatchObject({ seq: 3 });
    expect(res.firstBroken?.problem).toMatch(/removed or reordered/);
  });
});

describe('audit appends from many connections at once (postgres)', () => {
  it('keeps one unbroken chain', async () => {
    const db = await freshDatabase('postgres');
    try {
      await migrate(db);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          db.transaction((tx) => appendAudit(tx, actor, { action: 'read', entityType: 'patient', entityId: `p${i}` }))
        )
      );
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 40, problems: [] });
    } finally {
      await db.close();
    }
  });
});
