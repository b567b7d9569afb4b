import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateCentre } from '../repo/centres';
import { patientWithEpisode, patientWithEpisodes } from '../testing/patientEpisodes';
import { addTestUser, type as, createTestApp, DRIVERS, signedIn, type TestContext } from '../testing/testApp';

type Plan = {
  id: string;
  seriesId: string;
  version: number;
  status: string;
  templateId: string;
  reason: string | null;
  prescribedBy: string | null;
  verifiedBy: string | null;
  dayZero: string;
  startDate: string;
  dates: { day: number; date: string }[];
  inputs: { heightCm: number; weightKg: number; sex: string; ageYears: number };
  computed: {
    agents: {
      agent: string;
      amountPerAdministration: number;
      administrations: number;
      total: number;
      override: { reason: string } | null;
    }[];
    days: { day: number; label: string; items: { agent: string }[] }[];
    body: { bsaUsedM2: number };
    intensity: {
      declaredIntent: string | null;
      suggested: string | null;
      agrees: boolean | null;
      warning: string | null;
    };
    ruleId: string;
  };
};
type Problem = { status: number; detail: string; code?: string; errors?: { path: string; message: string }[] };
type Finding = { severity: 'blocking' | 'confirm'; code: string; field: string; message: string };
/** Every number anywhere in a JSON answer that is a dose, weight or BSA (key names), for "never negative". */
const doseNumbers = (v: unknown, key = ''): number[] => {
  if (typeof v === 'number') {
    return /amount|perDay|total|Kg$|M2$|dayAmount|computedPerAdministration/i.test(key) ? [v] : [];
  }
  if (Array.isArray(v)) return v.flatMap((x) => doseNumbers(x, key));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => doseNumbers(x, k));
  return [];
};

describe.each(DRIVERS)('conditioning plans (%s)', (driver) => {
  let t: TestContext;
  let physician: ReturnType<typeof as>;
  let physician2: ReturnType<typeof as>;
  let nurse: ReturnType<typeof as>;
  let auditor: ReturnType<typeof as>;
  let other: ReturnType<typeof as>;
  let patientId = '';
  let alloEpisode = '';
  let cartEpisode = '';
  let bareEpisode = '';
  let childEpisode = '';

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-03-15' });
    await addTestUser(t, { username: 'physician2', displayName: 'Second physician', roles: ['physician'] });
    const otherCentre = await findOrCreateCentre(t.db, 'Other Centre');
    await addTestUser(t, {
      username: 'other-doc',
      displayName: 'Other',
      roles: ['physician'],
      centreId: otherCentre.id,
    });
    const coord = await signedIn(t, 'coordinator');
    physician = await signedIn(t, 'physician');
    physician2 = await signedIn(t, 'physician2');
    nurse = await signedIn(t, 'nurse');
    auditor = await signedIn(t, 'auditor');
    other = await signedIn(t, 'other-doc');
    const aml = { disease: 'AML', diagnosisDate: '2025-11-01', status: 'CR1' } as const;
    // §7.1 vector: 170 cm / 70 kg (Mosteller 1.818 m²).
    const con1 = await patientWithEpisodes(coord, {
      patient: {
        mrn: 'CON-1',
        familyName: 'Cond',
        givenName: 'Carl',
        dateOfBirth: '1976-01-20',
        sex: 'male',
        heightCm: 170,
        weightKg: 70,
      },
      diagnosis: aml,
      episodes: [
        { type: 'allogeneic-hct', plannedDayZero: '2026-04-10' },
        { type: 'car-t', plannedDayZero: '2026-05-10' },
      ],
    });
    patientId = con1.patientId;
    [alloEpisode, cartEpisode] = con1.episodeIds;
    bareEpisode = (
      await patientWithEpisode(coord, {
        patient: { mrn: 'CON-2', familyName: 'Bare', givenName: 'Bea', dateOfBirth: '1980-01-01', sex: 'other' },
        diagnosis: aml,
        episode: { type: 'allogeneic-hct', plannedDayZero: '2026-04-10' },
      })
    ).episodeId;
    expect(cartEpisode).toMatch(/^[0-9a-f-]{36}$/);
    // The tester's child: a 4-year-old boy, 100 cm / 16 kg.
    childEpisode = (
      await patientWithEpisode(coord, {
        patient: {
          mrn: 'CON-3',
          familyName: 'Small',
          givenName: 'Sam',
          dateOfBirth: '2022-01-10',
          sex: 'male',
          heightCm: 100,
          weightKg: 16,
        },
        diagnosis: aml,
        episode: { type: 'allogeneic-hct', plannedDayZero: '2026-04-10' },
      })
    ).episodeId;
    expect(childEpisode).toMatch(/^[0-9a-f-]{36}$/);
  });
  afterAll(() => t.close());

  it('lists the regimen templates to every role', async () => {
    const res = await auditor.get('/api/v1/conditioning/regimens');
    expect(res.statusCode).toBe(200);
    const ids = res.json<{ id: string; source: string }[]>().map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['bucy2', 'flu-mel140', 'mel200', 'cart-flu30-cy500']));
  });

  it("previews BuCy2 from the patient's height and weight without saving", async () => {
    const res = await physician.post('/api/v1/conditioning/preview', { episodeId: alloEpisode, templateId: 'bucy2' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<{ computed: Plan['computed']; inputs: Plan['inputs']; startDate: string }>();
    expect(p.inputs).toEqual({ heightCm: 170, weightKg: 70, sex: 'male', ageYears: 50 });
    expect(p.computed.agents[0]!.amountPerAdministration).toBeCloseTo(56, 9);
    expect(p.computed.agents[0]!.administrations).toBe(16);
    expect(p.computed.agents[1]!.amountPerAdministration).toBeCloseTo(4200, 9);
    expect(p.startDate).toBe('2026-04-03');
    // Today's weight in the request wins over the record.
    const heavier = (
      await physician.post('/api/v1/conditioning/preview', {
        episodeId: alloEpisode,
        templateId: 'bucy2',
        weightKg: 80,
      })
    ).json<{ computed: Plan['computed'] }>();
    expect(heavier.computed.agents[0]!.amountPerAdministration).toBeCloseTo(64, 9);
    expect(
      (await nurse.get(`/api/v1/episodes/${alloEpisode}/conditioning-plans`)).json<{ plans: unknown[] }>().plans
    ).toEqual([]);
    expect(
      (await nurse.post('/api/v1/conditioning/preview', { episodeId: alloEpisode, templateId: 'bucy2' })).statusCode
    ).toBe(403);
  });

  it('refuses what cannot be computed, with the field', async () => {
    const noSize = await physician.post(`/api/v1/episodes/${bareEpisode}/conditioning-plans`, {
      templateId: 'flu-mel140',
    });
    expect(noSize.statusCode).toBe(400);
    expect(noSize.json<Problem>().errors![0]!.path).toBe('heightCm');
    const noSex = await physician.post(`/api/v1/episodes/${bareEpisode}/conditioning-plans`, {
      templateId: 'flu-mel140',
      heightCm: 165,
      weightKg: 60,
    });
    expect(noSex.json<Problem>().errors![0]!.path).toBe('sex');
    expect(
      (
        await physician.post(`/api/v1/episodes/${bareEpisode}/conditioning-plans`, {
          templateId: 'no-such',
          heightCm: 165,
          weightKg: 60,
          sex: 'female',
        })
      ).json<Problem>().errors![0]!.path
    ).toBe('templateId');
    const ld = await physician.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, {
      templateId: 'cart-flu30-cy300',
    });
    expect(ld.statusCode).toBe(400);
    expect(ld.json<Problem>().detail).toMatch(/lymphodepletion regimen is for cell-therapy episodes/);
    const badOverride = await physician.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, {
      templateId: 'flu-mel140',
      options: { overrides: [{ agentIndex: 9, amountPerAdministration: 10, reason: 'test' }] },
    });
    expect(badOverride.statusCode).toBe(400);
    expect(
      (await physician.get(`/api/v1/episodes/${alloEpisode}/conditioning-plans`)).json<{ plans: unknown[] }>().plans
    ).toEqual([]);
  });

  let planId = '';

  it('prescribes Flu/Mel: awaiting verification, with dates from day 0, audited and on the timeline', async () => {
    const res = await physician.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, {
      templateId: 'flu-mel140',
      options: { declaredIntent: 'RIC' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<Plan>();
    planId = p.id;
    expect(p).toMatchObject({
      status: 'draft',
      version: 1,
      seriesId: p.id,
      templateId: 'flu-mel140@1',
      prescribedBy: 'Test physician',
      verifiedBy: null,
      dayZero: '2026-04-10',
      startDate: '2026-04-04',
    });
    expect(p.computed.body.bsaUsedM2).toBeCloseTo(1.818, 3);
    expect(p.computed.agents[1]!.amountPerAdministration).toBeCloseTo(254.54, 1);
    expect(p.computed.intensity).toMatchObject({ declaredIntent: 'RIC', suggested: 'RIC', agrees: true });
    expect(p.computed.ruleId).toBe('conditioning-plan@2');
    expect(p.dates[0]).toEqual({ day: -6, date: '2026-04-04' });
    expect(p.dates.at(-1)).toEqual({ day: 0, date: '2026-04-10' });
    // One open plan per episode.
    const again = await physician2.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, { templateId: 'bucy2' });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detail).toMatch(/already has a plan awaiting verification/);
    const record = (await nurse.get(`/api/v1/patients/${patientId}`)).json<{
      events: { kind: string; label: string }[];
    }>();
    expect(record.events.filter((e) => e.kind === 'conditioning').map((e) => e.label)).toEqual([
      'Conditioning Flu/Mel140 prescribed (D-6 to D0), awaiting verification',
    ]);
  });

  it('refuses verification by the prescriber (409) and by roles that do not prescribe (403)', async () => {
    const same = await physician.post(`/api/v1/conditioning-plans/${planId}/verify`);
    expect(same.statusCode).toBe(409);
    expect(same.json<Problem>().detail).toMatch(/verified by a second user, not the prescriber/);
    expect((await nurse.post(`/api/v1/conditioning-plans/${planId}/verify`)).statusCode).toBe(403);
    expect((await auditor.post(`/api/v1/conditioning-plans/${planId}/verify`)).statusCode).toBe(403);
    expect((await nurse.get(`/api/v1/conditioning-plans/${planId}`)).json<Plan>().status).toBe('draft');
  });

  it('a second physician verifies; the plan is active and cannot be verified twice', async () => {
    const res = await physician2.post(`/api/v1/conditioning-plans/${planId}/verify`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Plan>()).toMatchObject({
      status: 'active',
      verifiedBy: 'Second physician',
      prescribedBy: 'Test physician',
    });
    const twice = await physician2.post(`/api/v1/conditioning-plans/${planId}/verify`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().detail).toMatch(/already verified/);
  });

  it('moves the calendar with day 0: days are stored relative to D0', async () => {
    await t.db.query(`update episodes set planned_day_zero = '2026-04-17' where id = $1`, [alloEpisode]);
    const moved = (await nurse.get(`/api/v1/conditioning-plans/${planId}`)).json<Plan>();
    expect(moved).toMatchObject({ dayZero: '2026-04-17', startDate: '2026-04-11' });
    expect(moved.dates[0]).toEqual({ day: -6, date: '2026-04-11' });
    await t.db.query(`update episodes set planned_day_zero = '2026-04-10' where id = $1`, [alloEpisode]);
  });

  let v2 = '';

  it('a change needs a reason, makes version 2 awaiting verification, supersedes version 1 and audits before/after', async () => {
    const noReason = await physician2.send('PUT', `/api/v1/conditioning-plans/${planId}`, { templateId: 'flu-mel140' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().errors!.map((e) => e.path)).toContain('reason');
    expect(
      (await physician2.send('PUT', `/api/v1/conditioning-plans/${planId}`, { templateId: 'flu-mel140', reason: ' ' }))
        .statusCode
    ).toBe(400);
    expect(
      (await nurse.send('PUT', `/api/v1/conditioning-plans/${planId}`, { templateId: 'flu-mel140', reason: 'renal' }))
        .statusCode
    ).toBe(403);

    const res = await physician2.send('PUT', `/api/v1/conditioning-plans/${planId}`, {
      templateId: 'flu-mel140',
      options: {
        declaredIntent: 'RIC',
        overrides: [
          { agentIndex: 1, amountPerAdministration: 180, reason: 'creatinine clearance 40 mL/min: Mel 100 mg/m²' },
        ],
      },
      reason: 'renal function worse',
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Plan>();
    v2 = p.id;
    expect(p).toMatchObject({
      status: 'draft',
      version: 2,
      seriesId: planId,
      reason: 'renal function worse',
      prescribedBy: 'Second physician',
    });
    expect(p.computed.agents[1]).toMatchObject({
      amountPerAdministration: 180,
      override: { reason: 'creatinine clearance 40 mL/min: Mel 100 mg/m²' },
    });
    const listed = (await nurse.get(`/api/v1/episodes/${alloEpisode}/conditioning-plans`)).json<{
      plans: Plan[];
      patient: { mrn: string };
      episode: { dayZero: string };
    }>();
    expect(listed.patient.mrn).toBe('CON-1');
    expect(listed.episode.dayZero).toBe('2026-04-10');
    const list = listed.plans;
    expect(list.map((x) => [x.version, x.status])).toEqual([
      [2, 'draft'],
      [1, 'superseded'],
    ]);
    // The superseded version cannot be verified or changed again.
    expect((await physician.post(`/api/v1/conditioning-plans/${planId}/verify`)).statusCode).toBe(409);
    const stale = await physician.send('PUT', `/api/v1/conditioning-plans/${planId}`, {
      templateId: 'flu-mel140',
      reason: 'again',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>().detail).toMatch(/superseded/);

    const audit = await t.db.query<{ action: string; reason: string | null; before: unknown; after: unknown }>(
      `select action, reason, before, after from audit_events where entity_type = 'conditioning-plan' and action = 'update'`
    );
    expect(audit).toHaveLength(1);
    const parse = (v: unknown) =>
      (typeof v === 'string' ? JSON.parse(v) : v) as { version: number; doses: { perAdministration: number }[] };
    expect(audit[0]!.reason).toBe('renal function worse');
    expect(parse(audit[0]!.before).version).toBe(1);
    expect(parse(audit[0]!.before).doses[1]!.perAdministration).toBeCloseTo(254.54, 1);
    expect(parse(audit[0]!.after).doses[1]!.perAdministration).toBe(180);

    // Version 2 was prescribed by physician2, so now physician verifies it.
    expect((await physician2.post(`/api/v1/conditioning-plans/${v2}/verify`)).statusCode).toBe(409);
    expect((await physician.post(`/api/v1/conditioning-plans/${v2}/verify`)).json<Plan>().status).toBe('active');
    const actions = await t.db.query<{ action: string }>(
      `select action from audit_events where entity_type = 'conditioning-plan' order by seq`
    );
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'verify', 'update', 'verify']));
  });

  it('cancels with a reason only; a CAR-T episode gets lymphodepletion with no intensity class', async () => {
    expect((await physician.post(`/api/v1/conditioning-plans/${v2}/cancel`, {})).statusCode).toBe(400);
    const res = await physician.post(`/api/v1/conditioning-plans/${v2}/cancel`, { reason: 'transplant postponed' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Plan>().status).toBe('cancelled');
    expect((await physician.post(`/api/v1/conditioning-plans/${v2}/cancel`, { reason: 'again' })).statusCode).toBe(409);

    const ld = await physician.post(`/api/v1/episodes/${cartEpisode}/conditioning-plans`, {
      templateId: 'cart-flu30-cy500',
    });
    expect(ld.statusCode, ld.body).toBe(201);
    const p = ld.json<Plan>();
    expect(p.computed.intensity).toMatchObject({ suggested: null, warning: null });
    expect(p.computed.days.map((d) => d.label)).toEqual(['D-5', 'D-4', 'D-3', 'D-2', 'D-1', 'D0']);
    expect(p.startDate).toBe('2026-05-05');
    expect(
      (await physician.post(`/api/v1/episodes/${cartEpisode}/conditioning-plans`, { templateId: 'bucy2' })).statusCode
    ).toBe(409);
  });

  describe('patient safety (issue 13)', () => {
    const ibwBody = { templateId: 'bucy2', options: { weightBasis: { '0': 'ibw' } } };

    it('H-DOSE-1: the 100 cm / 16 kg child on BuCy2 with IBW: the preview shows a blocking finding and no busulfan dose, never a negative one', async () => {
      const res = await physician.post('/api/v1/conditioning/preview', { episodeId: childEpisode, ...ibwBody });
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<{ computed: Plan['computed'] & { findings: Finding[]; body: { ibwKg: number | null } } }>();
      expect(p.computed.body.ibwKg).toBeNull();
      expect(p.computed.agents[0]!.amountPerAdministration).toBeNull();
      expect(p.computed.findings.filter((f) => f.severity === 'blocking')).toEqual([
        expect.objectContaining({ field: 'options.weightBasis.0', code: 'weight-basis-outside-domain' }),
      ]);
      const numbers = doseNumbers(p.computed);
      expect(numbers.length).toBeGreaterThan(5);
      for (const n of numbers) expect(n, 'dose, weight or BSA').toBeGreaterThan(0);
    });

    it('H-DOSE-2: prescribing that plan is refused (422, blocking-finding naming the field); nothing is saved', async () => {
      const res = await physician.post(`/api/v1/episodes/${childEpisode}/conditioning-plans`, {
        ...ibwBody,
        confirmations: [{ field: 'agents.0', reason: 'protocol dose checked' }],
      });
      expect(res.statusCode).toBe(422);
      const prob = res.json<Problem>();
      expect(prob.code).toBe('blocking-finding');
      expect(prob.errors!.map((e) => e.path)).toEqual(['options.weightBasis.0']);
      expect(prob.detail).toMatch(/cannot be prescribed.*152.4 cm/);
      expect(
        (await physician.get(`/api/v1/episodes/${childEpisode}/conditioning-plans`)).json<{ plans: unknown[] }>().plans
      ).toEqual([]);
    });

    it('H-DOSE-5: busulfan dosed for a child needs a confirmation with a reason, which the audit event keeps', async () => {
      const first = await physician.post(`/api/v1/episodes/${childEpisode}/conditioning-plans`, {
        templateId: 'bucy2',
      });
      expect(first.statusCode).toBe(422);
      expect(first.json<Problem>()).toMatchObject({
        code: 'confirmation-required',
        errors: [expect.objectContaining({ path: 'agents.0' })],
      });
      const ok = await physician.post(`/api/v1/episodes/${childEpisode}/conditioning-plans`, {
        templateId: 'bucy2',
        confirmations: [{ field: 'agents.0', reason: 'protocol APBMT-2024: 0.8 mg/kg above 12 kg' }],
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json<Plan>().computed.agents[0]!.amountPerAdministration).toBeCloseTo(12.8, 9);
      const audit = await t.db.query<{ after: unknown }>(
        `select after from audit_events where entity_type = 'conditioning-plan' and action = 'create' and entity_id = $1`,
        [ok.json<Plan>().id]
      );
      const after = (typeof audit[0]!.after === 'string' ? JSON.parse(audit[0]!.after) : audit[0]!.after) as {
        confirmations: unknown;
      };
      expect(after.confirmations).toEqual([
        { field: 'agents.0', reason: 'protocol APBMT-2024: 0.8 mg/kg above 12 kg' },
      ]);
    });

    it('H-DOSE-2: a stored plan with a dose basis outside its domain or a negative dose cannot be verified (409)', async () => {
      const plan = (await nurse.get(`/api/v1/episodes/${childEpisode}/conditioning-plans`)).json<{ plans: Plan[] }>()
        .plans[0]!;
      // As written before the fix: busulfan on IBW for the 100 cm child.
      await t.db.query(`update conditioning_plans set options = $1::jsonb where id = $2`, [
        JSON.stringify({ weightBasis: { '0': 'ibw' } }),
        plan.id,
      ]);
      const byOptions = await physician2.post(`/api/v1/conditioning-plans/${plan.id}/verify`);
      expect(byOptions.statusCode).toBe(409);
      expect(byOptions.json<Problem>()).toMatchObject({
        code: 'blocking-finding',
        errors: [expect.objectContaining({ path: 'options.weightBasis.0' })],
      });
      // And its stored numbers as the defect computed them: Bu −1.6 mg per dose.
      const computed = {
        ...plan.computed,
        findings: undefined,
        agents: plan.computed.agents.map((a, i) =>
          i === 0 ? { ...a, amountPerAdministration: -1.52, total: -24.9 } : a
        ),
      };
      await t.db.query(`update conditioning_plans set computed = $1::jsonb where id = $2`, [
        JSON.stringify(computed),
        plan.id,
      ]);
      const byNumbers = await physician2.post(`/api/v1/conditioning-plans/${plan.id}/verify`);
      expect(byNumbers.statusCode).toBe(409);
      expect(byNumbers.json<Problem>().errors!.map((e) => e.path)).toContain('agents.0');
      expect((await nurse.get(`/api/v1/conditioning-plans/${plan.id}`)).json<Plan>().status).toBe('draft');
      expect(
        (
          await physician.post(`/api/v1/conditioning-plans/${plan.id}/cancel`, {
            reason: 'test plan with a defect dose',
          })
        ).statusCode
      ).toBe(200);
    });

    it('H-DOSE-6: an impossible weight or height is refused naming the field; typed text is not a number', async () => {
      for (const [field, value] of [
        ['weightKg', 0.2],
        ['weightKg', -5],
        ['weightKg', 401],
        ['heightCm', 29],
        ['heightCm', 251],
        ['weightKg', '4e'],
      ] as const) {
        const res = await physician.post('/api/v1/conditioning/preview', {
          episodeId: alloEpisode,
          templateId: 'flu-mel140',
          [field]: value,
        });
        expect(res.statusCode, `${field} ${value}`).toBe(400);
        expect(res.json<Problem>().errors!.map((e) => e.path)).toContain(field);
        expect(res.json<Problem>().errors![0]!.message).toMatch(field === 'weightKg' ? /weight/ : /height/);
      }
    });

    it('H-DOSE-7: an override of 0, -5 or text and a BSA cap of 0 are refused naming the field (never dropped)', async () => {
      for (const amount of [0, -5, '180mg']) {
        const res = await physician.post('/api/v1/conditioning/preview', {
          episodeId: alloEpisode,
          templateId: 'flu-mel140',
          options: { overrides: [{ agentIndex: 1, amountPerAdministration: amount, reason: 'renal' }] },
        });
        expect(res.statusCode, String(amount)).toBe(400);
        expect(res.json<Problem>().errors).toEqual([
          expect.objectContaining({
            path: 'options.overrides.0.amountPerAdministration',
            message: expect.stringMatching(/override dose must be/),
          }),
        ]);
      }
      const cap = await physician.post('/api/v1/conditioning/preview', {
        episodeId: alloEpisode,
        templateId: 'flu-mel140',
        options: { bsaCapM2: 0 },
      });
      expect(cap.json<Problem>().errors).toEqual([
        expect.objectContaining({ path: 'options.bsaCapM2', message: 'BSA cap must be at least 1 m²' }),
      ]);
      // H-DOSE-10: 180 typed as 1800 is possible but needs a confirmation before it is prescribed.
      const tenfold = await physician.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, {
        templateId: 'flu-mel140',
        options: { overrides: [{ agentIndex: 1, amountPerAdministration: 1800, reason: 'renal' }] },
      });
      expect(tenfold.statusCode).toBe(422);
      expect(tenfold.json<Problem>()).toMatchObject({
        code: 'confirmation-required',
        errors: [expect.objectContaining({ path: 'agents.1.override' })],
      });
    });

    it('H-DOSE-6: an implausible weight (250 kg) or a BMI of a swapped height/weight needs a confirmation, and the reason is in the audit event', async () => {
      const body = { templateId: 'flu-mel140', weightKg: 250 };
      const res = await physician.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, body);
      expect(res.statusCode).toBe(422);
      const prob = res.json<Problem>();
      expect(prob.code).toBe('confirmation-required');
      expect(prob.errors!.map((e) => e.path)).toEqual(['weightKg', 'bmi']);
      const swapped = await physician.post('/api/v1/conditioning/preview', {
        episodeId: alloEpisode,
        templateId: 'flu-mel140',
        heightCm: 70,
        weightKg: 170,
      });
      expect(swapped.json<{ computed: { findings: Finding[] } }>().computed.findings.map((f) => f.field)).toEqual([
        'bmi',
      ]);
      const confirmations = [
        { field: 'weightKg', reason: 'weighed today on the bed scale: 250 kg' },
        { field: 'bmi', reason: 'BMI 86, severe obesity known' },
      ];
      const ok = await physician.post(`/api/v1/episodes/${alloEpisode}/conditioning-plans`, { ...body, confirmations });
      expect(ok.statusCode, ok.body).toBe(201);
      const audit = await t.db.query<{ after: unknown }>(
        `select after from audit_events where entity_type = 'conditioning-plan' and action = 'create' and entity_id = $1`,
        [ok.json<Plan>().id]
      );
      const after = (typeof audit[0]!.after === 'string' ? JSON.parse(audit[0]!.after) : audit[0]!.after) as {
        confirmations: unknown;
      };
      expect(after.confirmations).toEqual(confirmations);
      expect(
        (await physician.post(`/api/v1/conditioning-plans/${ok.json<Plan>().id}/cancel`, { reason: 'test plan' }))
          .statusCode
      ).toBe(200);
    });

    it('H-DOSE-3: the intensity rule refuses busulfan without a route instead of assuming oral', async () => {
      const input = {
        tbiGy: null,
        tbiFractionated: false,
        busulfanMgKg: 8,
        busulfanRoute: null,
        melphalanMgM2: null,
        thiotepaMgKg: null,
        declaredIntent: null,
      };
      const res = await nurse.post('/api/v1/clinical/conditioning-intensity', { input });
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors![0]!.path).toBe('input.busulfanRoute');
      const iv = await nurse.post('/api/v1/clinical/conditioning-intensity', {
        input: { ...input, busulfanRoute: 'iv' },
      });
      expect(iv.json<{ suggestedIntensity: string }>().suggestedIntensity).toBe('MAC');
      const treo = await nurse.post('/api/v1/clinical/conditioning-intensity', {
        input: { ...input, busulfanMgKg: null, otherAgents: ['fludarabine', 'treosulfan'] },
      });
      expect(treo.json<{ suggestedIntensity: string | null; unmodelledAgents: string[] }>()).toMatchObject({
        suggestedIntensity: null,
        unmodelledAgents: ['treosulfan'],
      });
      const ibw = await nurse.post('/api/v1/clinical/body-weight', {
        input: { heightCm: 100, weightKg: 16, sex: 'male' },
      });
      expect(ibw.json<{ ibwKg: number | null; ibwNotApplicable: string }>()).toMatchObject({
        ibwKg: null,
        ibwNotApplicable: expect.stringMatching(/152.4 cm/),
      });
    });
  });

  it('keeps plans within the centre', async () => {
    expect((await other.get(`/api/v1/episodes/${alloEpisode}/conditioning-plans`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/conditioning-plans/${planId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/conditioning-plans/${v2}/verify`)).statusCode).toBe(404);
    expect(
      (await other.post('/api/v1/conditioning/preview', { episodeId: alloEpisode, templateId: 'bucy2' })).statusCode
    ).toBe(404);
  });
});
