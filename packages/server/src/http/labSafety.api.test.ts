import { dateOfDay } from '@engraft/clinical';
import { todayIso } from '@engraft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

// Issue 13 (patient safety by construction), lab results and patient record: impossible values refused naming the
// field, unusual values only with a recorded reason, dates in range, and one graft-failure decision for the
// monitoring summary and the worklist. The schemas check dates against the real clock, so the app's "today" is
// the real date here.

const TODAY = todayIso();
const at = (n: number): string => dateOfDay(TODAY, n);

type Problem = { status: number; code?: string; errors: { path: string; message: string }[] };
type Item = { mrn: string; kind: string; label: string };
type Gf = { status: string; primaryGraftFailure: boolean | null; alert: boolean } | null;

describe.each(DRIVERS)('lab and patient-record safety (%s)', (driver) => {
  let t: TestContext;
  let coord: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let patientId: string;

  async function episode(mrn: string, dayZero: string): Promise<{ patientId: string; episodeId: string }> {
    return patientWithEpisode(coord, {
      patient: { mrn, familyName: 'Safe', givenName: mrn, dateOfBirth: '1970-01-01', sex: 'male' },
      diagnosis: { disease: 'AML', diagnosisDate: '2020-01-01', status: 'CR1' },
      episode: {
        type: 'allogeneic-hct',
        plannedDayZero: dayZero,
        phases: { infusion: dayZero, 'early-follow-up': dayZero },
      },
    });
  }
  const results = (pid: string) =>
    t.db.query<{ analyte: string; value: number }>('select analyte, value from observations where patient_id = $1', [
      pid,
    ]);
  const lastAudit = async (action: string, pid: string) =>
    (
      await t.db.query<{ after: Record<string, unknown> | null; reason: string | null }>(
        'select after, reason from audit_events where action = $1 and patient_id = $2 order by seq desc limit 1',
        [action, pid]
      )
    )[0];
  const csv = (rows: string[]) => ({ format: 'csv', content: ['date,analyte,value,unit', ...rows].join('\n') });

  beforeAll(async () => {
    t = await createTestApp(driver, { today: TODAY });
    coord = as(t.app, await signIn(t.app, 'coordinator'));
    nurse = as(t.app, await signIn(t.app, 'nurse'));
    patientId = (await episode('SAFE-1', at(-10))).patientId;
  });
  afterAll(() => t.close());

  it('platelets −5 are refused naming "value", and nothing is stored (never saved as 0)', async () => {
    const res = await nurse.post(`/api/v1/patients/${patientId}/observations`, {
      analyte: 'platelets',
      observedOn: TODAY,
      value: -5,
      unit: 'x10^9/L',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<Problem>().errors).toEqual([
      { path: 'value', message: 'Platelets must not be negative (-5 ×10⁹/L)' },
    ]);
    expect(await results(patientId)).toEqual([]);
  });

  it('platelets 5,000 ×10⁹/L are refused; 1,500 need a reason, which the audit keeps', async () => {
    const body = { analyte: 'platelets', observedOn: TODAY, unit: 'x10^9/L' };
    const impossible = await nurse.post(`/api/v1/patients/${patientId}/observations`, { ...body, value: 5000 });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json<Problem>().errors[0]).toMatchObject({
      path: 'value',
      message: expect.stringMatching(/impossible/) as string,
    });
    const unusual = await nurse.post(`/api/v1/patients/${patientId}/observations`, { ...body, value: 1500 });
    expect(unusual.statusCode).toBe(422);
    expect(unusual.json<Problem>()).toMatchObject({ code: 'confirmation-required', errors: [{ path: 'value' }] });
    expect(await results(patientId)).toEqual([]);
    const confirmed = await nurse.post(`/api/v1/patients/${patientId}/observations`, {
      ...body,
      value: 1500,
      confirmations: [{ field: 'value', reason: 'repeated on a second sample, essential thrombocythaemia' }],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(await lastAudit('create', patientId)).toMatchObject({
      after: {
        value: 1500,
        confirmations: [{ field: 'value', reason: 'repeated on a second sample, essential thrombocythaemia' }],
      },
      reason: expect.stringMatching(/essential thrombocythaemia/) as string,
    });
  });

  it('a result dated three months ahead, in 9999 or before the date of birth is refused naming "observedOn"', async () => {
    for (const observedOn of [at(90), '9999-01-01', '1969-12-31']) {
      const res = await nurse.post(`/api/v1/patients/${patientId}/observations`, {
        analyte: 'anc',
        observedOn,
        value: 1,
        unit: 'x10^9/L',
      });
      expect(res.statusCode, observedOn).toBe(400);
      expect(res.json<Problem>().errors[0]!.path).toBe('observedOn');
    }
    const tx = await nurse.post(`/api/v1/patients/${patientId}/transfusions`, {
      product: 'platelets',
      givenOn: at(30),
    });
    expect(tx.statusCode).toBe(400);
    expect(tx.json<Problem>().errors[0]!.path).toBe('givenOn');
  });

  it('a CSV import with 0x10, 1,5, −5 or 9999-01-01 is refused whole, listing the lines', async () => {
    const res = await nurse.post(
      `/api/v1/patients/${patientId}/labs/import`,
      csv([
        `${at(-1)},anc,1.2,x10^9/L`,
        `${at(-1)},platelets,0x10,x10^9/L`,
        `${at(-2)},anc,"1,5",x10^9/L`,
        `${at(-3)},platelets,-5,x10^9/L`,
        '9999-01-01,anc,1,x10^9/L',
        '1969-06-01,anc,1,x10^9/L',
      ])
    );
    expect(res.statusCode).toBe(422);
    // Line 7 is before the patient's date of birth (1970-01-01).
    expect(res.json<Problem>().errors.map((e) => e.path)).toEqual([
      'line 3: value',
      'line 4: value',
      'line 5: value',
      'line 6: date',
      'line 7: date',
    ]);
    expect((await results(patientId)).filter((r) => r.analyte === 'anc')).toEqual([]);
  });

  it('an unusual value in an import needs a reason for its line; the import stays all or nothing', async () => {
    const file = csv([`${at(-4)},anc,1.2,x10^9/L`, `${at(-4)},hemoglobin,27,g/dL`]);
    const first = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, file);
    expect(first.statusCode).toBe(422);
    expect(first.json<Problem>()).toMatchObject({ code: 'confirmation-required', errors: [{ path: 'line 3: value' }] });
    expect((await results(patientId)).filter((r) => r.analyte === 'anc')).toEqual([]);
    const second = await nurse.post(`/api/v1/patients/${patientId}/labs/import`, {
      ...file,
      confirmations: [{ field: 'line 3: value', reason: 'polycythaemia, confirmed by the lab' }],
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<{ inserted: number }>().inserted).toBe(2);
    expect((await lastAudit('import', patientId))?.reason).toMatch(/line 3: value: polycythaemia/);
  });

  it('a correction to −5 or 5,000 is refused naming "value"; an unusual one needs a reason; a transfusion cannot be moved to the future or before birth', async () => {
    const created = await nurse.post(`/api/v1/patients/${patientId}/observations`, {
      analyte: 'anc',
      observedOn: at(-5),
      value: 1.1,
      unit: 'x10^9/L',
    });
    const id = created.json<{ id: string }>().id;
    for (const value of [-5, 5000]) {
      const res = await nurse.send('PUT', `/api/v1/observations/${id}`, {
        observedOn: at(-5),
        value,
        unit: 'x10^9/L',
        reason: 'typo',
      });
      expect(res.statusCode, String(value)).toBe(400);
      expect(res.json<Problem>().errors[0]!.path).toBe('value');
    }
    const unusual = await nurse.send('PUT', `/api/v1/observations/${id}`, {
      observedOn: at(-5),
      value: 150,
      unit: 'x10^9/L',
      reason: 'typo',
    });
    expect(unusual.json<Problem>()).toMatchObject({ code: 'confirmation-required', errors: [{ path: 'value' }] });
    const future = await nurse.send('PUT', `/api/v1/observations/${id}`, {
      observedOn: at(40),
      value: 1.2,
      unit: 'x10^9/L',
      reason: 'typo',
    });
    expect(future.json<Problem>().errors[0]!.path).toBe('observedOn');
    const txId = (
      await nurse.post(`/api/v1/patients/${patientId}/transfusions`, { product: 'platelets', givenOn: at(-5) })
    ).json<{ id: string }>().id;
    for (const givenOn of [at(40), '1969-12-31']) {
      const res = await nurse.send('PUT', `/api/v1/transfusions/${txId}`, {
        product: 'platelets',
        givenOn,
        reason: 'typo',
      });
      expect(res.statusCode, givenOn).toBe(400);
      expect(res.json<Problem>().errors[0]!.path).toBe('givenOn');
    }
  });

  it('a follow-up event dated 9999 or in 1800 is refused naming "occurredOn"', async () => {
    const ep = await episode('SAFE-EVENT', at(-20));
    for (const occurredOn of ['9999-01-01', '1800-01-01']) {
      const res = await coord.post(`/api/v1/episodes/${ep.episodeId}/clinical-events`, {
        kind: 'last-contact',
        occurredOn,
      });
      expect(res.statusCode, occurredOn).toBe(400);
      expect(res.json<Problem>().errors[0]!.path).toBe('occurredOn');
    }
  });

  it('a date of birth in 1800 is refused; an infant weight needs a reason', async () => {
    const base = { familyName: 'Safe', givenName: 'Baby', sex: 'female' };
    const old = await coord.post('/api/v1/patients', { ...base, mrn: 'SAFE-DOB', dateOfBirth: '1800-01-01' });
    expect(old.statusCode).toBe(400);
    expect(old.json<Problem>().errors[0]).toMatchObject({
      path: 'dateOfBirth',
      message: expect.stringMatching(/before 1900/) as string,
    });
    const negative = await coord.post('/api/v1/patients', {
      ...base,
      mrn: 'SAFE-NEG',
      dateOfBirth: at(-20),
      weightKg: -5,
    });
    expect(negative.json<Problem>().errors[0]).toMatchObject({
      path: 'weightKg',
      message: 'weight must be at least 0.3 kg',
    });
    const infant = { ...base, mrn: 'SAFE-INF', dateOfBirth: at(-20), weightKg: 1.8, heightCm: 44 };
    const first = await coord.post('/api/v1/patients', infant);
    expect(first.statusCode).toBe(422);
    expect(first.json<Problem>().errors.map((e) => e.path)).toEqual(['weightKg', 'heightCm']);
    const reason = 'premature newborn with SCID';
    const second = await coord.post('/api/v1/patients', {
      ...infant,
      confirmations: [
        { field: 'weightKg', reason },
        { field: 'heightCm', reason },
      ],
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await lastAudit('create', second.json<{ id: string }>().id))?.reason).toMatch(
      /weightKg: premature newborn/
    );
  });

  it('summary and worklist agree: no graft-failure alert for a patient whose ANC never fell below 0.5', async () => {
    const never = await episode('SAFE-NOAPLASIA', at(-35));
    await nurse.post(
      `/api/v1/patients/${never.patientId}/labs/import`,
      csv(Array.from({ length: 12 }, (_, i) => `${at(-35 + 3 * i + 1)},anc,0.9,x10^9/L`))
    );
    const gf = (await nurse.get(`/api/v1/episodes/${never.episodeId}/monitoring`)).json<{ graftFailure: Gf }>()
      .graftFailure;
    expect(gf).toMatchObject({ status: 'no-aplasia', primaryGraftFailure: false, alert: false });
    const items = (await coord.get('/api/v1/worklist'))
      .json<{ items: Item[] }>()
      .items.filter((i) => i.mrn === 'SAFE-NOAPLASIA');
    expect(items.map((i) => i.kind)).not.toContain('graft-failure');
    expect(items.map((i) => i.kind)).not.toContain('engraftment-not-reached');
  });

  it('summary and worklist agree: on D+31 a recovery begun on D+30 is awaited, not declared graft failure', async () => {
    const pending = await episode('SAFE-PENDING', at(-31));
    const rows = [
      ...Array.from({ length: 29 }, (_, i) => `${at(-31 + i + 1)},anc,0.1,x10^9/L`),
      `${at(-1)},anc,0.6,x10^9/L`,
      `${TODAY},anc,0.7,x10^9/L`,
    ];
    expect((await nurse.post(`/api/v1/patients/${pending.patientId}/labs/import`, csv(rows))).statusCode).toBe(200);
    const gf = (await nurse.get(`/api/v1/episodes/${pending.episodeId}/monitoring`)).json<{ graftFailure: Gf }>()
      .graftFailure;
    expect(gf).toMatchObject({ status: 'recovery-pending-confirmation', primaryGraftFailure: null, alert: false });
    const kinds = (await coord.get('/api/v1/worklist'))
      .json<{ items: Item[] }>()
      .items.filter((i) => i.mrn === 'SAFE-PENDING')
      .map((i) => i.kind);
    expect(kinds).toContain('engraftment-not-reached');
    expect(kinds).not.toContain('graft-failure');
    // The same patient without the D+30/D+31 values: both screens declare primary graft failure.
    const failed = await episode('SAFE-FAILED', at(-31));
    await nurse.post(`/api/v1/patients/${failed.patientId}/labs/import`, csv(rows.slice(0, 29)));
    expect(
      (await nurse.get(`/api/v1/episodes/${failed.episodeId}/monitoring`)).json<{ graftFailure: Gf }>().graftFailure
    ).toMatchObject({ status: 'primary-graft-failure', alert: true });
    expect(
      (await coord.get('/api/v1/worklist'))
        .json<{ items: Item[] }>()
        .items.some((i) => i.mrn === 'SAFE-FAILED' && i.kind === 'graft-failure')
    ).toBe(true);
  });
});
