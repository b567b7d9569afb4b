import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { appendAudit, auditChainPage } from '../repo/auditLog';
import { DRIVERS, freshDatabase } from '../testing/testApp';
import { auditBodyText, auditChainHash } from './auditChain';

const actor = { userId: '6f1c1f0e-8a59-4d1e-9a51-3f7f3b1f2c11', username: 'O’Brien "the tester"', centreId: null };

// Values whose text form could differ between jsonb and a naive JSON.stringify: key order (jsonb: shorter keys
// first), numbers with trailing zeros and exponents, escapes, control characters, non-ASCII, empty containers.
const tricky: unknown[] = [
  {
    weightKg: 60.5,
    z: [1, { bb: 2, a: 1, ccc: null }],
    note: 'line1\nline2\t"quoted" \\ back',
    e: 1e21,
    small: 1.5e-7,
  },
  { ключ: 'значение', emoji: '🩸', ctl: '\u0001\u001f\u007f', slash: 'a/b', empty: {}, list: [] },
  'a plain string',
  9007199254740993n.toString(),
  [true, false, null, -0.0, 0.1, 100],
];

describe.each(DRIVERS)('audit hash recomputed in Node (%s)', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(driver);
    await migrate(db);
    for (const [i, v] of tricky.entries()) {
      await db.transaction((tx) =>
        appendAudit(tx, actor, {
          action: 'update',
          entityType: 'patient',
          entityId: `p${i}`,
          patientId: null,
          before: v,
          after: { i, v },
          reason: i % 2 ? null : `reason ${i} ✓`,
        })
      );
    }
    // Numbers typed into SQL keep their written form in jsonb (1.50 stays 1.50): the Node side must use the stored text.
    await db.query(
      `select audit_append(null, 'sql', null, 'update', 'lab', 'x', null, '{"value": 1.50, "big": 1e3}'::jsonb, null, null)`
    );
  });
  afterAll(() => db.close());

  it('builds the same body text and the same hash as the database for every stored event', async () => {
    const rows = await auditChainPage(db, 0, 100);
    expect(rows).toHaveLength(tricky.length + 1);
    for (const r of rows) {
      const [dbBody] = await db.query<{ body: string; hash: string }>(
        `select audit_event_body(a)::text as body, audit_chain_hash(a.prev_hash, a) as hash from audit_events a where seq = $1`,
        [r.seq]
      );
      expect(auditBodyText(r)).toBe(dbBody?.body);
      expect(auditChainHash(r.prev_hash, r)).toBe(r.hash);
      expect(r.hash).toBe(dbBody?.hash);
    }
  });
});
