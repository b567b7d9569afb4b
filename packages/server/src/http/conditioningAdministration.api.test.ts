import type { Bundle, MedicationAdministration, MedicationRequest } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../testing/fhirValidator';
import { patientWithEpisode } from '../testing/patientEpisodes';
import { addTestUser, type as, createTestApp, DRIVERS, signedIn, signIn, type TestContext } from '../testing/testApp';

type Item = {
  agentIndex: number;
  agent: string;
  amountPerAdministration: number;
  administrations: number;
  unit: string;
};
type Plan = { id: string; status: string; computed: { days: { day: number; items: Item[] }[] } };
type Administration = {
  id: string;
  outcome: string;
  amount: number | null;
  plannedAmount: number | null;
  reason: string | null;
  recordedBy: string | null;
  correctionReason: string | null;
};
type Problem = { status: number; detail: string; code?: string; errors?: { path: string; message: string }[] };

const at = '2026-03-10T08:00:00Z';

describe.each(DRIVERS)('administered conditioning doses (%s)', (driver) => {
  let t: TestContext;
  let physician: ReturnType<typeof as>;
  let physician2: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let plan: Plan;
  let cy: Item & { day: number };
  let bu: Item & { day: number };
  let draftPlanId = '';
  const patients: Record<string, string> = {};

  async function episode(mrn: string): Promise<string> {
    const { patientId, episodeId } = await patientWithEpisode(await signedIn(t, 'coordinator'), {
      patient: {
        mrn,
        familyName: 'Dose',
        givenName: `Dora ${mrn.slice(-1)}`,
        dateOfBirth: '1976-01-20',
        sex: 'female',
        heightCm: 165,
        weightKg: 62,
      },
      diagnosis: { disease: 'AML', diagnosisDate: '2025-11-01', status: 'CR1' },
      episode: { type: 'allogeneic-hct', plannedDayZero: '2026-03-16' },
    });
    patients[mrn] = patientId;
    return episodeId;
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    await addTestUser(t, { username: 'physician2', displayName: 'Second physician', roles: ['physician'] });
    physician = await signedIn(t, 'physician');
    physician2 = await signedIn(t, 'physician2');
    nurse = await signedIn(t, 'nurse');
    auditor = await signedIn(t, 'auditor');
    // BuCy2: cyclophosphamide once a day and busulfan q6h (four administrations a day).
    const created = await physician.post(`/api/v1/episodes/${await episode('ADM-1')}/conditioning-plans`, {
      templateId: 'bucy2',
    });
    expect(created.statusCode, created.body).toBe(201);
    const verified = await physician2.post(`/api/v1/conditioning-plans/${created.json<Plan>().id}/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
    plan = verified.json<Plan>();
    const items = plan.computed.days.flatMap((d) => d.items.map((i) => ({ ...i, day: d.day })));
    cy = items.find((i) => i.agent === 'cyclophosphamide')!;
    bu = items.find((i) => i.agent === 'busulfan' && i.administrations === 4)!;
    expect(cy && bu).toBeTruthy();
    const draft = await physician.post(`/api/v1/episodes/${await episode('ADM-2')}/conditioning-plans`, {
      templateId: 'flu-mel140',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    draftPlanId = draft.json<Plan>().id;
  });
  afterAll(() => t.close());

  const url = () => `/api/v1/conditioning-plans/${plan.id}/administrations`;
  const asPlanned = (line: Item & { day: number }, over: object = {}) => ({
    agentIndex: line.agentIndex,
    day: line.day,
    outcome: 'as-planned',
    unit: line.unit,
    amount: line.amountPerAdministration,
    startedAt: at,
    endedAt: '2026-03-10T08:30:00Z',
    ...over,
  });

  it('records a dose given as planned by a nurse, audited, and lists it to every role', async () => {
    const res = await nurse.post(url(), asPlanned(cy));
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Administration>();
    expect(a).toMatchObject({ outcome: 'as-planned', amount: cy.amountPerAdministration, recordedBy: 'Test nurse' });
    expect(a.plannedAmount).toBe(cy.amountPerAdministration);
    const list = await auditor.get(url());
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: Administration[] }>().items.map((i) => i.id)).toEqual([a.id]);
    const [event] = await t.db.query<{ action: string; after: string | object }>(
      `select action, after from audit_events where entity_type = 'conditioning-administration' and entity_id = $1`,
      [a.id]
    );
    expect(event!.action).toBe('create');
    // The same line, day and administration twice is refused: correct it instead.
    const again = await nurse.post(url(), asPlanned(cy));
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detail).toMatch(/already recorded: correct it instead/);
  });

  it('refuses a dose against a plan awaiting verification, naming why, and audits the refusal (H-COND-1)', async () => {
    const res = await nurse.post(`/api/v1/conditioning-plans/${draftPlanId}/administrations`, asPlanned(cy));
    expect(res.statusCode).toBe(409);
    const p = res.json<Problem>();
    expect(p.code).toBe('plan-not-verified');
    expect(p.detail).toMatch(/awaiting verification by a second physician/);
    const rows = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'refuse' and entity_type = 'conditioning-administration'`
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect(
      (
        await t.db.query<{ n: number }>(
          'select count(*)::int as n from conditioning_administrations where plan_id = $1',
          [draftPlanId]
        )
      )[0]!.n
    ).toBe(0);
  });

  it('refuses more than the planned dose without a confirmation, accepts it with a reason (H-COND-2)', async () => {
    const over = asPlanned(bu, { sequence: 1, amount: bu.amountPerAdministration + 0.01 });
    const res = await nurse.post(url(), over);
    expect(res.statusCode).toBe(422);
    const p = res.json<Problem>();
    expect(p.code).toBe('confirmation-required');
    expect(p.errors).toEqual([{ path: 'amount', message: expect.stringMatching(/more than the planned/) }]);
    const ok = await nurse.post(url(), {
      ...over,
      confirmations: [{ field: 'amount', reason: 'pharmacy vial rounding agreed with the physician' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // Exactly the planned amount needs nothing.
    expect((await nurse.post(url(), asPlanned(bu, { sequence: 2 }))).statusCode).toBe(201);
  });

  it('checks the dose line: sequence within the day, the plan unit, a reduction below plan, reasons for deviations', async () => {
    const fifth = await nurse.post(url(), asPlanned(bu, { sequence: 5 }));
    expect(fifth.statusCode).toBe(400);
    expect(fifth.json<Problem>().errors?.[0]).toMatchObject({
      path: 'sequence',
      message: expect.stringMatching(/4 administrations/),
    });
    const gy = await nurse.post(url(), asPlanned(bu, { sequence: 3, unit: 'Gy', amount: 2 }));
    expect(gy.json<Problem>().errors?.[0]?.path).toBe('unit');
    const less = await nurse.post(url(), asPlanned(bu, { sequence: 3, amount: bu.amountPerAdministration - 1 }));
    expect(less.statusCode).toBe(400);
    expect(less.json<Problem>().errors?.[0]?.message).toMatch(/record it as reduced with a reason/);
    const noReason = await nurse.post(url(), asPlanned(bu, { sequence: 3, outcome: 'reduced', amount: 10 }));
    expect(noReason.json<Problem>().errors?.[0]).toMatchObject({ path: 'reason' });
    const reduced = await nurse.post(
      url(),
      asPlanned(bu, { sequence: 3, outcome: 'reduced', amount: 10, reason: 'infusion stopped for a reaction' })
    );
    expect(reduced.statusCode, reduced.body).toBe(201);
    const omitted = await nurse.post(url(), {
      agentIndex: bu.agentIndex,
      day: bu.day,
      sequence: 4,
      outcome: 'omitted',
      unit: bu.unit,
      reason: 'held for seizure prophylaxis level',
    });
    expect(omitted.statusCode, omitted.body).toBe(201);
    expect(omitted.json<Administration>().amount).toBeNull();
    const noDay = await nurse.post(url(), asPlanned(cy, { day: 0 }));
    expect(noDay.json<Problem>().errors?.[0]).toMatchObject({
      path: 'day',
      message: expect.stringMatching(/gives no .* on D0/),
    });
    const future = await nurse.post(
      url(),
      asPlanned(cy, { day: cy.day + 1, startedAt: '2999-01-01T00:00:00Z', endedAt: undefined })
    );
    expect(future.json<Problem>().errors?.[0]?.path).toBe('startedAt');
    const zero = await nurse.post(url(), asPlanned(cy, { amount: 0 }));
    expect(zero.json<Problem>().errors?.[0]?.path).toBe('amount');
  });

  it('lets only nurses and physicians record, and corrects a dose with a reason (audited before and after)', async () => {
    expect((await auditor.post(url(), asPlanned(cy, { day: cy.day + 1 }))).statusCode).toBe(403);
    const list = (await nurse.get(url())).json<{ items: (Administration & { outcome: string; day: number })[] }>();
    const given = list.items.find((i) => i.outcome === 'reduced')!;
    const res = await physician.send('PUT', `/api/v1/conditioning-administrations/${given.id}`, {
      administration: asPlanned(bu, {
        sequence: 3,
        outcome: 'reduced',
        amount: 12,
        reason: 'infusion stopped for a reaction',
      }),
      reason: 'pump log shows 12 mg given',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Administration>()).toMatchObject({ amount: 12, correctionReason: 'pump log shows 12 mg given' });
    const noReason = await physician.send('PUT', `/api/v1/conditioning-administrations/${given.id}`, {
      administration: asPlanned(bu, { sequence: 3 }),
    });
    expect(noReason.statusCode).toBe(400);
    const [event] = await t.db.query<{ reason: string }>(
      `select reason from audit_events where entity_type = 'conditioning-administration' and action = 'update' and entity_id = $1`,
      [given.id]
    );
    expect(event!.reason).toBe('pump log shows 12 mg given');
  });

  it('gives the recorded doses back as valid FHIR R4 MedicationAdministrations linked to their MedicationRequest', async () => {
    const cookie = { cookie: (await signIn(t.app, 'nurse')).cookie };
    const fhir = async <T>(url: string): Promise<T> => {
      const res = await t.app.inject({ method: 'GET', url: `/fhir/R4/${url}`, headers: cookie });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<T>();
    };
    type MA = MedicationAdministration;
    const bundle = await fhir<Bundle<MA>>(`MedicationAdministration?patient=${patients['ADM-1']}`);
    validateR4(bundle);
    const items = (bundle.entry ?? []).map((e) => e.resource!);
    expect(items).toHaveLength(5);
    for (const r of items) validateR4(r);
    const cyDose = items.find((r) => r.medicationCodeableConcept?.coding?.[0]?.code === 'cyclophosphamide')!;
    expect(cyDose.status).toBe('completed');
    expect(cyDose.dosage?.dose).toEqual({
      value: cy.amountPerAdministration,
      unit: 'mg',
      system: 'http://unitsofmeasure.org',
      code: 'mg',
    });
    expect(cyDose.effectivePeriod).toEqual({ start: '2026-03-10T08:00:00.000Z', end: '2026-03-10T08:30:00.000Z' });
    const request = await fhir<MedicationRequest>(cyDose.request!.reference!);
    validateR4(request);
    expect(request.medicationCodeableConcept?.coding?.[0]?.code).toBe('cyclophosphamide');
    expect(request.intent).toBe('order');
    // The omitted dose: not-done with its reason, on the planned date of its line (day 0 is 2026-03-16).
    const notDone = await fhir<Bundle<MA>>(`MedicationAdministration?patient=${patients['ADM-1']}&status=not-done`);
    expect(notDone.entry?.map((e) => e.resource!.statusReason?.[0]?.text)).toEqual([
      'held for seizure prophylaxis level',
    ]);
    const plannedDate = new Date(Date.parse('2026-03-16') + bu.day * 86_400_000).toISOString().slice(0, 10);
    expect(notDone.entry?.[0]?.resource?.effectiveDateTime).toBe(plannedDate);
    const onDate = async (q: string) =>
      (await fhir<Bundle<MA>>(`MedicationAdministration?patient=${patients['ADM-1']}&date=${q}`)).total;
    // Four given on 2026-03-10 (their start), the omitted one on its planned date.
    expect(await onDate('2026-03-10')).toBe(plannedDate === '2026-03-10' ? 5 : 4);
    expect(await onDate(plannedDate)).toBeGreaterThanOrEqual(1);
    expect(await onDate('gt2026-03-16')).toBe(0);
    expect((await fhir<Bundle<MA>>(`MedicationAdministration?patient=${patients['ADM-2']}`)).total).toBe(0);
  }, 120_000);
});
