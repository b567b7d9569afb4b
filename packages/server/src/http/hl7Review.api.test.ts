import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveHl7 } from '../services/hl7Inbound';
import { adt, AUTHORITY, merge, oru, type PidInput } from '../testing/hl7Messages';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const TODAY = '2026-03-15';
const feed = { defaultCentre: 'Test Centre', facilityCentres: {}, mrnAuthority: AUTHORITY };
const rowan: PidInput = { mrn: 'REV-1', family: 'Ash', given: 'Rowan', dob: '1980-01-02', sex: 'M' };
type Item = { id: string; kind: string; mrn: string | null; status: string; resolvedBy: string | null };

describe.each(DRIVERS)('HL7 review queue API (%s)', (driver) => {
  let t: TestContext;
  let dm: ReturnType<typeof as>;
  const receive = (text: string) => receiveHl7(t.db, feed, text, TODAY);
  const open = async (): Promise<Item[]> =>
    (await dm.get('/api/v1/hl7/review?status=open')).json<{ items: Item[] }>().items;
  const resolve = (id: string, action: 'apply' | 'discard', who = dm) =>
    who.post(`/api/v1/hl7/review/${id}/resolution`, { action, reason: 'checked with the laboratory' });

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    dm = as(t.app, await signIn(t.app, 'data-manager'));
  });
  afterAll(() => t.close());

  it('results for an unregistered MRN are applied once the patient is registered', async () => {
    const ack = await receive(
      oru('R-1', rowan, 'F-1', [{ loinc: '751-8', value: '0.9', unit: '10*9/L', date: '2026-03-10' }])
    );
    expect(ack.code).toBe('AE');
    const [item] = await open();
    expect(item).toMatchObject({ kind: 'unknown-patient', mrn: 'REV-1', status: 'open' });
    const early = await resolve(item!.id, 'apply');
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toMatch(/REV-1 is not registered/);
    expect((await receive(adt('A04', 'A-1', rowan))).code).toBe('AA');
    const done = await resolve(item!.id, 'apply');
    expect(done.statusCode).toBe(200);
    expect(done.json<Item>()).toMatchObject({ status: 'applied', resolvedBy: 'data-manager' });
    const rows = await t.db.query("select source from observations where analyte = 'anc'");
    expect(rows).toEqual([{ source: 'hl7' }]);
    expect((await resolve(item!.id, 'discard')).statusCode).toBe(409);
  });

  it('a result outside the usual range is applied with the reviewer’s reason as its confirmation', async () => {
    const ack = await receive(
      oru('R-2', rowan, 'F-2', [{ loinc: '751-8', value: '150', unit: '10*9/L', date: '2026-03-11' }])
    );
    expect(ack.code).toBe('AE');
    const item = (await open()).find((i) => i.kind === 'needs-confirmation')!;
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    expect((await nurse.get('/api/v1/hl7/review')).statusCode).toBe(403);
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    expect((await resolve(item.id, 'apply', coord)).statusCode).toBe(403);
    expect((await resolve(item.id, 'apply')).statusCode).toBe(200);
    const audit = await t.db.query<{ reason: string }>(
      "select reason from audit_events where action = 'import' and entity_type = 'observation' order by seq desc limit 1"
    );
    expect(audit[0]!.reason).toMatch(/checked with the laboratory/);
  });

  it('conflicting demographics are applied only by a reviewer, audited before/after', async () => {
    await receive(adt('A08', 'A-2', { ...rowan, family: 'Asher' }));
    const item = (await open()).find((i) => i.kind === 'demographics-conflict')!;
    const before = await t.db.query<{ family_name: string }>("select family_name from patients where mrn = 'REV-1'");
    expect(before[0]!.family_name).toBe('Ash');
    expect((await resolve(item.id, 'apply')).statusCode).toBe(200);
    const after = await t.db.query<{ family_name: string }>("select family_name from patients where mrn = 'REV-1'");
    expect(after[0]!.family_name).toBe('Asher');
  });

  it('a merge cannot be applied by Engraft; it is discarded with a reason once done by hand', async () => {
    await receive(merge('A-3', rowan, 'REV-0'));
    const item = (await open()).find((i) => i.kind === 'merge')!;
    expect((await resolve(item.id, 'apply')).statusCode).toBe(409);
    const res = await dm.post(`/api/v1/hl7/review/${item.id}/resolution`, { action: 'discard', reason: '' });
    expect(res.statusCode).toBe(400);
    expect((await resolve(item.id, 'discard')).json<Item>().status).toBe('discarded');
    expect(await open()).toEqual([]);
  });
});
