import { dateOfDay } from '@engraft/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDatabase } from '../testing/countingDatabase';
import { adt, AUTHORITY, type Obx, oru, type PidInput } from '../testing/hl7Messages';
import { createTestApp, DRIVERS, type TestContext } from '../testing/testApp';
import { receiveHl7 } from './hl7Inbound';

const TODAY = '2026-03-20';
const feed = { defaultCentre: 'Test Centre', facilityCentres: {}, mrnAuthority: AUTHORITY };
const pat: PidInput = { mrn: 'STMT-1', family: 'Count', given: 'Ann', dob: '1980-02-02', sex: 'F' };
const cbc = (day: number, extra = 0): Obx[] => [
  { loinc: '6690-2', value: String(3 + extra), unit: '10*9/L', date: dateOfDay(TODAY, day) },
  { loinc: '751-8', value: String(1.5 + extra), unit: '10*9/L', date: dateOfDay(TODAY, day) },
  { loinc: '777-3', value: String(40 + extra), unit: '10*9/L', date: dateOfDay(TODAY, day) },
  { loinc: '718-7', value: String(90 + extra), unit: 'g/L', date: dateOfDay(TODAY, day) },
];

// Statements per ORU^R01 at the database seam (issue 17 §2 throughput): the load-independent figure behind the
// benchmark. One look-up, one batch insert of the observations, one statement storing message, keys and audit.
describe.each(DRIVERS)('ORU^R01 statements per message (%s)', (driver) => {
  let t: TestContext;
  const counting = () => countingDatabase(t.db);
  const stored = async () =>
    Number((await t.db.query<{ n: number }>("select count(*)::int as n from observations where source = 'hl7'"))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    expect((await receiveHl7(t.db, feed, adt('A04', 'STMT-ADT', pat), TODAY)).code).toBe('AA');
  });
  afterAll(() => t.close());

  it('a CBC of 4 results takes 3 statements; 8 results in one message still take 3', async () => {
    const c = counting();
    const four = await receiveHl7(c.db, feed, oru('STMT-1', pat, 'F-1', cbc(-2)), TODAY);
    expect(four.code).toBe('AA');
    expect(c.count()).toBe(3);
    expect(await stored()).toBe(4);
    c.reset();
    const eight = await receiveHl7(c.db, feed, oru('STMT-2', pat, 'F-2', [...cbc(-1), ...cbc(-1, 1)]), TODAY);
    expect(eight.code).toBe('AA');
    expect(c.count()).toBe(3);
    expect(await stored()).toBe(12);
  });

  it('a replay is one statement, gets the stored ACK and stores nothing', async () => {
    const first = await receiveHl7(t.db, feed, oru('STMT-3', pat, 'F-3', cbc(0)), TODAY);
    const c = counting();
    const again = await receiveHl7(c.db, feed, oru('STMT-3', pat, 'F-3', cbc(0)), TODAY);
    expect(again).toEqual({ ack: first.ack, code: 'AA', replay: true });
    expect(c.count()).toBe(1);
    expect(await stored()).toBe(16);
  });

  it('results already stored under their keys write no observation; the ACK says so', async () => {
    const c = counting();
    const dup = await receiveHl7(c.db, feed, oru('STMT-4', pat, 'F-3', cbc(0)), TODAY);
    expect(dup.code).toBe('AA');
    expect(dup.ack).toContain('already recorded');
    expect(c.count()).toBe(2);
    expect(await stored()).toBe(16);
  });

  it('an unknown MRN is held for review in 2 statements, with its audit event', async () => {
    const c = counting();
    const held = await receiveHl7(c.db, feed, oru('STMT-5', { ...pat, mrn: 'NOPE-9' }, 'F-5', cbc(0)), TODAY);
    expect(held.code).toBe('AE');
    expect(c.count()).toBe(2);
    const rows = await t.db.query<{ kind: string; n: number }>(
      `select r.kind, (select count(*)::int from audit_events a where a.entity_id = r.message_id::text) as n
         from hl7_review r join hl7_messages m on m.id = r.message_id where m.control_id = 'STMT-5'`
    );
    expect(rows).toEqual([{ kind: 'unknown-patient', n: 1 }]);
  });
});
