import { describe, expect, it } from 'vitest';
import { blockingFindings, computeConditioningPlan, type PlanPatient } from './plan';
import { CONDITIONING_TEMPLATES, findConditioningTemplate, span } from './regimens';
import { type ConditioningTemplate, ConditioningTemplateSchema } from './template';

const tpl = (id: string): ConditioningTemplate => {
  const t = findConditioningTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};
// §7.1 vectors: 170 cm / 70 kg -> Mosteller 1.818 m²; man 177.8 cm / 110 kg -> IBW 73.0, AdjBW40 87.8, AdjBW25 82.25.
const std: PlanPatient = { heightCm: 170, weightKg: 70, sex: 'male', ageYears: 50 };
const obese: PlanPatient = { heightCm: 177.8, weightKg: 110, sex: 'male', ageYears: 45 };

describe('regimen templates', () => {
  it('are valid data, with unique ids and a cited source each', () => {
    expect(new Set(CONDITIONING_TEMPLATES.map((t) => t.id)).size).toBe(CONDITIONING_TEMPLATES.length);
    for (const t of CONDITIONING_TEMPLATES) {
      expect(ConditioningTemplateSchema.safeParse(t).success, t.id).toBe(true);
      // A publication (authors and year) or a product's prescribing information, never a note outside the repo.
      expect(t.source).toMatch(/(\b(19|20)\d\d\b|prescribing information)/);
      expect(t.source).not.toMatch(/\.md\b/);
    }
    expect(CONDITIONING_TEMPLATES.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'bucy2',
        'flu-bu4',
        'flu-bu2',
        'flu-mel140',
        'cy-tbi',
        'flu-tbi2',
        'beam',
        'mel200',
        'mel140',
        'cart-flu30-cy500',
        'cart-flu30-cy300',
        'cart-tisacel-all',
        'cart-tisacel-lbcl',
      ])
    );
  });
  it('refuses inconsistent templates', () => {
    const bad = {
      ...tpl('bucy2'),
      agents: [{ agent: 'busulfan', dose: 0.8, basis: 'mg/kg', route: 'iv', frequency: 'q6h', days: [-7] }],
    };
    expect(ConditioningTemplateSchema.safeParse(bad).success).toBe(false);
    const gy = {
      ...tpl('bucy2'),
      agents: [{ agent: 'melphalan', dose: 2, basis: 'Gy', route: 'iv', frequency: 'once', days: [-1] }],
    };
    expect(ConditioningTemplateSchema.safeParse(gy).success).toBe(false);
    const twice = {
      ...tpl('mel200'),
      agents: [{ agent: 'melphalan', dose: 100, basis: 'mg/m2', route: 'iv', frequency: 'once', days: [-2, -2] }],
    };
    expect(ConditioningTemplateSchema.safeParse(twice).success).toBe(false);
  });
  it('span counts days inclusively', () => {
    expect(span(-7, -4)).toEqual([-7, -6, -5, -4]);
    expect(span(0, 0)).toEqual([0]);
  });
});

describe('computeConditioningPlan', () => {
  it('BuCy2 at 70 kg: Bu 0.8 mg/kg q6h = 56 mg ×16 D-7..D-4; Cy 60 mg/kg = 4200 mg ×2; rest D-1; MAC', () => {
    const p = computeConditioningPlan(tpl('bucy2'), std);
    const [bu, cy] = p.agents;
    expect(bu!.amountPerAdministration).toBeCloseTo(56, 9);
    expect(bu!.administrations).toBe(16);
    expect(bu!.perDay).toBeCloseTo(224, 9);
    expect(bu!.total).toBeCloseTo(896, 9);
    expect(bu!.doseRule).toBe('0.8 mg/kg (ABW) q6h');
    expect(cy!.amountPerAdministration).toBeCloseTo(4200, 9);
    expect(cy!.total).toBeCloseTo(8400, 9);
    expect(p.days.map((d) => d.label)).toEqual(['D-7', 'D-6', 'D-5', 'D-4', 'D-3', 'D-2', 'D-1', 'D0']);
    expect(p.days.find((d) => d.day === -7)!.items).toMatchObject([
      { agent: 'busulfan', administrations: 4, times: ['06:00', '12:00', '18:00', '24:00'] },
    ]);
    expect(p.days.find((d) => d.day === -3)!.items.map((i) => i.agent)).toEqual(['cyclophosphamide']);
    expect(p.days.find((d) => d.day === -1)!.items).toEqual([]);
    expect(p.intensity).toMatchObject({
      applicable: true,
      declaredIntent: 'MAC',
      suggested: 'MAC',
      agrees: true,
      warning: null,
    });
    expect(p.intensity.determinedBy[0]).toMatch(/busulfan 12.8 mg\/kg IV/);
    expect(p.ruleId).toBe('conditioning-plan@2');
    expect(p.findings).toEqual([]);
    expect(p.templateRef).toBe('bucy2@1');
  });

  it('Flu/Mel at 170 cm / 70 kg: Mosteller 1.818 m², Flu 30 mg/m² ×5 = 54.5 mg/day, Mel 140 mg/m² = 254.5 mg; RIC', () => {
    const p = computeConditioningPlan(tpl('flu-mel140'), std);
    expect(p.body.bsaM2).toBeCloseTo(1.818, 3);
    expect(p.body.bsaUsedM2).toBe(p.body.bsaM2);
    const [flu, mel] = p.agents;
    expect(flu!.amountPerAdministration).toBeCloseTo(30 * 1.81812, 3);
    expect(flu!.days).toEqual([-6, -5, -4, -3, -2]);
    expect(flu!.bsaUsedM2).toBeCloseTo(1.818, 3);
    expect(mel!.amountPerAdministration).toBeCloseTo(254.54, 1);
    expect(p.days[0]!.label).toBe('D-6');
    expect(p.intensity).toMatchObject({ declaredIntent: 'RIC', suggested: 'RIC', agrees: true });
  });

  it('obese man 177.8 cm / 110 kg: IBW 73.0, AdjBW40 87.8, AdjBW25 82.25 as the weight basis of busulfan', () => {
    const t = tpl('bucy2');
    const abw = computeConditioningPlan(t, obese);
    expect(abw.body.ibwKg).toBeCloseTo(73.0, 6);
    expect(abw.body.adjbw40Kg).toBeCloseTo(87.8, 6);
    expect(abw.body.adjbw25Kg).toBeCloseTo(82.25, 6);
    expect(abw.agents[0]!.amountPerAdministration).toBeCloseTo(88, 9);
    const adj25 = computeConditioningPlan(t, obese, { weightBasis: { '0': 'adjbw25' } });
    expect(adj25.agents[0]!.amountPerAdministration).toBeCloseTo(65.8, 9);
    expect(adj25.agents[0]!.weightUsedKg).toBeCloseTo(82.25, 9);
    expect(adj25.agents[0]!.doseRule).toBe('0.8 mg/kg (AdjBW25) q6h');
    const adj40 = computeConditioningPlan(t, obese, { weightBasis: { '0': 'adjbw40', '1': 'lesser-of-ibw-abw' } });
    expect(adj40.agents[0]!.amountPerAdministration).toBeCloseTo(0.8 * 87.8, 9);
    expect(adj40.agents[1]!.amountPerAdministration).toBeCloseTo(60 * 73.0, 6);
    // Busulfan per kg of the weight used stays 12.8 mg/kg IV: MAC whatever the basis.
    expect(adj40.intensity.suggested).toBe('MAC');
    expect(adj40.body.bsaM2).toBeCloseTo(2.331, 3);
  });

  it('caps BSA only above the cap, and the cap is a plan parameter', () => {
    const t = tpl('mel200');
    const atCap = computeConditioningPlan(t, std, { bsaCapM2: 1.9 });
    expect(atCap.body.bsaCapped).toBe(false);
    const capped = computeConditioningPlan(t, obese, { bsaCapM2: 2.0 });
    expect(capped.body.bsaCapped).toBe(true);
    expect(capped.body.bsaUsedM2).toBe(2.0);
    expect(capped.agents[0]!.amountPerAdministration).toBeCloseTo(400, 9);
    expect(capped.warnings.join(' ')).toMatch(/capped at 2 m²/);
    const dubois = computeConditioningPlan(t, obese, { bsaFormula: 'dubois' });
    expect(dubois.body.bsaM2).toBeCloseTo(2.265, 3);
    expect(computeConditioningPlan(t, obese).body.bsaM2).toBeCloseTo(2.331, 3);
  });

  it('warns when the declared intent differs from the suggested class (§7.4)', () => {
    const p = computeConditioningPlan(tpl('flu-mel140'), std, { declaredIntent: 'MAC' });
    expect(p.intensity).toMatchObject({ declaredIntent: 'MAC', suggested: 'RIC', agrees: false });
    expect(p.intensity.warning).toMatch(/declared intent MAC differs from the suggested RIC/);
    expect(p.warnings).toContain(p.intensity.warning);
    // Flu/Bu2: 6.4 mg/kg IV is at the boundary, not above: RIC.
    expect(computeConditioningPlan(tpl('flu-bu2'), std).intensity).toMatchObject({ suggested: 'RIC', agrees: true });
    expect(computeConditioningPlan(tpl('flu-bu4'), std).intensity).toMatchObject({ suggested: 'MAC', agrees: true });
    expect(computeConditioningPlan(tpl('flu-tbi2'), std).intensity).toMatchObject({ suggested: 'NMA', agrees: true });
    expect(computeConditioningPlan(tpl('cy-tbi'), std).intensity.determinedBy[0]).toMatch(/TBI 12 Gy fractionated/);
    // Autologous high-dose: no declared intent, so no disagreement.
    expect(computeConditioningPlan(tpl('mel200'), std).intensity).toMatchObject({
      declaredIntent: null,
      suggested: 'MAC',
      agrees: null,
      warning: null,
    });
  });

  it('an override replaces the amount, keeps the computed one and its reason, and feeds the classification', () => {
    const p = computeConditioningPlan(tpl('flu-mel140'), std, {
      overrides: [{ agentIndex: 1, amountPerAdministration: 180, reason: 'renal impairment, Mel 100 mg/m²' }],
    });
    const mel = p.agents[1]!;
    expect(mel.computedPerAdministration).toBeCloseTo(254.54, 1);
    expect(mel.amountPerAdministration).toBe(180);
    expect(mel.override).toEqual({ amountPerAdministration: 180, reason: 'renal impairment, Mel 100 mg/m²' });
    expect(p.days.find((d) => d.day === -1)!.items[0]!.dayAmount).toBe(180);
    expect(p.warnings.join(' ')).toMatch(/overrides the computed 254.5 mg/);
    expect(() =>
      computeConditioningPlan(tpl('flu-mel140'), std, {
        overrides: [{ agentIndex: 5, amountPerAdministration: 1, reason: 'xxx' }],
      })
    ).toThrow(RangeError);
    expect(() => computeConditioningPlan(tpl('flu-mel140'), std, { weightBasis: { '7': 'ibw' } })).toThrow(RangeError);
  });

  it('CAR-T lymphodepletion: Flu 30 + Cy 500 mg/m² D-5..D-3, no intensity class', () => {
    const p = computeConditioningPlan(tpl('cart-flu30-cy500'), std);
    expect(p.kind).toBe('lymphodepletion');
    expect(p.days.map((d) => d.label)).toEqual(['D-5', 'D-4', 'D-3', 'D-2', 'D-1', 'D0']);
    expect(p.days[0]!.items.map((i) => i.agent)).toEqual(['fludarabine', 'cyclophosphamide']);
    expect(p.agents[1]!.amountPerAdministration).toBeCloseTo(500 * 1.81812, 2);
    expect(p.intensity).toMatchObject({ applicable: false, suggested: null, warning: null });
    const all = computeConditioningPlan(tpl('cart-tisacel-all'), std);
    expect(all.agents[1]!.days).toEqual([-6, -5]);
    expect(all.agents[0]!.days).toEqual([-6, -5, -4, -3]);
  });

  it('BEAM: cytarabine q12h ×8; Flu/TBI: TBI on D0 in Gy', () => {
    const p = computeConditioningPlan(tpl('beam'), std);
    const arac = p.agents.find((a) => a.agent === 'cytarabine')!;
    expect(arac.administrations).toBe(8);
    expect(arac.total! / p.body.bsaUsedM2!).toBeCloseTo(1600, 9);
    expect(p.days.map((d) => d.day)).toEqual([-6, -5, -4, -3, -2, -1, 0]);
    const tbi = computeConditioningPlan(tpl('flu-tbi2'), std);
    expect(tbi.days.find((d) => d.day === 0)!.items).toMatchObject([{ agent: 'tbi', unit: 'Gy', dayAmount: 2 }]);
  });

  it('AUC-targeted busulfan: starting dose until PK, then AUC per dose × clearance', () => {
    const t = tpl('flu-bu4-pk');
    const before = computeConditioningPlan(t, std);
    expect(before.agents[1]!.pkPending).toBe(true);
    expect(before.agents[1]!.amountPerAdministration).toBeCloseTo(224, 9);
    expect(before.warnings.join(' ')).toMatch(/recalculated from PK/);
    const after = computeConditioningPlan(t, std, { busulfanClearanceLPerH: 10 });
    // 90 mg·h/L over 4 doses = 22.5 mg·h/L per dose × 10 L/h = 225 mg.
    expect(after.agents[1]!.amountPerAdministration).toBeCloseTo(225, 9);
    expect(after.agents[1]!.pkPending).toBe(false);
  });

  it('refuses a sex Devine has no constant for, and warns for children and Mel200 over 70', () => {
    expect(() => computeConditioningPlan(tpl('mel200'), { ...std, sex: 'other' as 'male' })).toThrow(/male or female/);
    expect(computeConditioningPlan(tpl('mel200'), { ...std, ageYears: 71 }).warnings.join(' ')).toMatch(/Mel140/);
    expect(computeConditioningPlan(tpl('mel200'), { ...std, ageYears: 70 }).warnings.join(' ')).not.toMatch(/Mel140/);
    expect(computeConditioningPlan(tpl('mel200'), { ...std, ageYears: 17 }).warnings.join(' ')).toMatch(/pediatric/);
  });
});

describe('doses outside the domain of their formula (H-DOSE-1, H-DOSE-2)', () => {
  // The tester's child: 100 cm / 16 kg boy, BuCy2 with busulfan on IBW (was IBW −1.9 kg, Bu −1.6 mg ×16).
  const boy: PlanPatient = { heightCm: 100, weightKg: 16, sex: 'male', ageYears: 4 };
  const positiveOrNull = (p: ReturnType<typeof computeConditioningPlan>) => {
    const numbers = [
      ...p.agents.flatMap((a) => [
        a.computedPerAdministration,
        a.amountPerAdministration,
        a.perDay,
        a.total,
        a.weightUsedKg,
        a.bsaUsedM2,
      ]),
      ...p.days.flatMap((d) => d.items.flatMap((i) => [i.amountPerAdministration, i.dayAmount])),
      p.body.bsaM2,
      p.body.bsaUsedM2,
      p.body.ibwKg,
      p.body.adjbw25Kg,
      p.body.adjbw40Kg,
      p.body.lesserOfIbwAbwKg,
      p.body.bsaWeightKg,
    ];
    for (const n of numbers) if (n !== null) expect(Number.isFinite(n) && n > 0, String(n)).toBe(true);
  };

  it('100 cm / 16 kg boy, BuCy2, busulfan on IBW: no busulfan dose, a blocking finding naming the weight basis', () => {
    const p = computeConditioningPlan(tpl('bucy2'), boy, { weightBasis: { '0': 'ibw' } });
    const [bu, cy] = p.agents;
    expect(bu).toMatchObject({
      weightUsedKg: null,
      computedPerAdministration: null,
      amountPerAdministration: null,
      perDay: null,
      total: null,
    });
    expect(p.days.find((d) => d.day === -7)!.items[0]).toMatchObject({
      agent: 'busulfan',
      amountPerAdministration: null,
      dayAmount: null,
    });
    expect(p.body.ibwKg).toBeNull();
    const blocking = p.findings.filter((f) => f.severity === 'blocking');
    expect(blocking).toEqual([
      expect.objectContaining({ code: 'weight-basis-outside-domain', field: 'options.weightBasis.0' }),
    ]);
    expect(blocking[0]!.message).toMatch(/IBW.*not defined below 152.4 cm/);
    // Cyclophosphamide on ABW is still computed: 60 mg/kg × 16 kg.
    expect(cy!.amountPerAdministration).toBeCloseTo(960, 9);
    expect(p.intensity).toMatchObject({ classifiable: false, suggested: null });
    expect(p.explanation).toMatch(/Busulfan not computed/);
    positiveOrNull(p);
  });

  it('the same child on the template basis (ABW) is computed: 0.8 mg/kg × 16 kg = 12.8 mg, with a paediatric busulfan confirmation', () => {
    const p = computeConditioningPlan(tpl('bucy2'), boy);
    expect(p.agents[0]!.amountPerAdministration).toBeCloseTo(12.8, 9);
    expect(p.findings.filter((f) => f.severity === 'blocking')).toEqual([]);
    expect(p.findings).toEqual([
      expect.objectContaining({ severity: 'confirm', code: 'pediatric-busulfan', field: 'agents.0' }),
    ]);
    positiveOrNull(p);
  });

  it('every IBW-based weight (IBW, AdjBW25, AdjBW40, lesser) and the BSA weight are refused for the 79 cm / 12.7 kg 2-year-old', () => {
    const toddler: PlanPatient = { heightCm: 79, weightKg: 12.7, sex: 'female', ageYears: 2 };
    for (const basis of ['ibw', 'adjbw25', 'adjbw40', 'lesser-of-ibw-abw'] as const) {
      const p = computeConditioningPlan(tpl('bucy2'), toddler, { weightBasis: { '0': basis, '1': basis } });
      expect(p.findings.filter((f) => f.severity === 'blocking').map((f) => f.field)).toEqual([
        'options.weightBasis.0',
        'options.weightBasis.1',
      ]);
      positiveOrNull(p);
    }
    const bsa = computeConditioningPlan(tpl('flu-mel140'), toddler, { bsaWeightBasis: 'adjbw40' });
    expect(bsa.body.bsaUsedM2).toBeNull();
    expect(bsa.agents.map((a) => a.amountPerAdministration)).toEqual([null, null]);
    expect(bsa.findings.map((f) => f.field)).toEqual(['options.bsaWeightBasis']);
    positiveOrNull(bsa);
  });

  it('152.4 cm exactly is inside the Devine domain for an adult; 152.3 cm is not', () => {
    const at = computeConditioningPlan(
      tpl('bucy2'),
      { heightCm: 152.4, weightKg: 60, sex: 'male', ageYears: 30 },
      { weightBasis: { '0': 'ibw' } }
    );
    expect(at.agents[0]!.weightUsedKg).toBeCloseTo(50, 9);
    expect(at.agents[0]!.amountPerAdministration).toBeCloseTo(40, 9);
    expect(at.findings).toEqual([]);
    const below = computeConditioningPlan(
      tpl('bucy2'),
      { heightCm: 152.3, weightKg: 60, sex: 'male', ageYears: 30 },
      { weightBasis: { '0': 'ibw' } }
    );
    expect(below.agents[0]!.amountPerAdministration).toBeNull();
    expect(below.findings[0]).toMatchObject({ severity: 'blocking', field: 'options.weightBasis.0' });
  });

  it('a tall adolescent (17 y, 170 cm) gets no adult IBW-based weight: adult obesity guidance', () => {
    const p = computeConditioningPlan(
      tpl('bucy2'),
      { heightCm: 170, weightKg: 60, sex: 'male', ageYears: 17 },
      { weightBasis: { '1': 'adjbw40' } }
    );
    expect(p.findings.filter((f) => f.severity === 'blocking')).toEqual([
      expect.objectContaining({ field: 'options.weightBasis.1' }),
    ]);
    expect(p.findings.find((f) => f.severity === 'blocking')!.message).toMatch(
      /adult dosing weight and the patient is 17 y/
    );
    const adult = computeConditioningPlan(
      tpl('bucy2'),
      { heightCm: 170, weightKg: 60, sex: 'male', ageYears: 18 },
      { weightBasis: { '1': 'adjbw40' } }
    );
    expect(adult.findings).toEqual([]);
  });

  it('an override beyond 0.5–1.5 × the computed dose needs a confirmation (H-DOSE-10): 180 typed as 1800', () => {
    const mel = (amount: number) =>
      computeConditioningPlan(tpl('flu-mel140'), std, {
        overrides: [{ agentIndex: 1, amountPerAdministration: amount, reason: 'renal impairment' }],
      }).findings;
    // Computed Mel 140 mg/m² × 1.81812 m² = 254.54 mg.
    expect(mel(180)).toEqual([]);
    const computed = computeConditioningPlan(tpl('flu-mel140'), std).agents[1]!.computedPerAdministration!;
    expect(computed).toBeCloseTo(254.54, 1);
    expect(mel(computed * 0.5)).toEqual([]);
    expect(mel(computed * 1.5)).toEqual([]);
    expect(mel(computed * 0.499)).toHaveLength(1);
    expect(mel(computed * 1.501)).toHaveLength(1);
    expect(mel(1800)).toEqual([
      expect.objectContaining({ severity: 'confirm', code: 'override-far-from-computed', field: 'agents.1.override' }),
    ]);
    expect(mel(1800)[0]!.message).toMatch(/7.07 × the computed 254.5 mg/);
    expect(mel(120)).toEqual([expect.objectContaining({ field: 'agents.1.override' })]);
  });

  it('blockingFindings also catches a stored plan whose dose is not positive (computed before this check)', () => {
    const legacy = computeConditioningPlan(tpl('bucy2'), std);
    const bad = {
      findings: undefined as unknown as [],
      agents: legacy.agents.map((a, i) => (i === 0 ? { ...a, amountPerAdministration: -1.6 } : a)),
    };
    expect(blockingFindings(bad)).toEqual([expect.objectContaining({ code: 'non-positive-dose', field: 'agents.0' })]);
    expect(blockingFindings(legacy)).toEqual([]);
  });
});

describe('intensity of plans (H-DOSE-4)', () => {
  const treo: ConditioningTemplate = ConditioningTemplateSchema.parse({
    ...tpl('flu-mel140'),
    id: 'flu-treo',
    name: 'Flu/Treo',
    intent: 'MAC',
    agents: [
      { agent: 'fludarabine', dose: 30, basis: 'mg/m2', route: 'iv', frequency: 'once', days: span(-6, -2) },
      { agent: 'treosulfan', dose: 14000, basis: 'mg/m2', route: 'iv', frequency: 'once', days: span(-6, -4) },
    ],
  });
  it('treosulfan is not classifiable (was NMA), with the agent named', () => {
    const p = computeConditioningPlan(treo, std);
    expect(p.intensity).toMatchObject({ applicable: true, classifiable: false, suggested: null, agrees: null });
    expect(p.intensity.determinedBy[0]).toMatch(/treosulfan/);
    expect(p.intensity.warning).toMatch(/not classifiable: treosulfan/);
  });
  it('BEAM (carmustine, etoposide) is not classifiable; Mel200 alone is', () => {
    expect(computeConditioningPlan(tpl('beam'), std).intensity).toMatchObject({ classifiable: false, suggested: null });
    expect(computeConditioningPlan(tpl('mel200'), std).intensity).toMatchObject({
      classifiable: true,
      suggested: 'MAC',
    });
  });
  it('busulfan route decides the cut-point: 2 mg/kg ×4 = 8 mg/kg is RIC oral, MAC IV; mixed routes count oral at 0.8', () => {
    const bu = (route: 'iv' | 'oral', days: number[]) => ({
      agent: 'busulfan',
      dose: 2,
      basis: 'mg/kg',
      route,
      frequency: 'q24h',
      days,
      weightBasis: 'abw',
    });
    const mk = (agents: unknown[]) => ConditioningTemplateSchema.parse({ ...tpl('flu-bu2'), intent: null, agents });
    expect(computeConditioningPlan(mk([bu('oral', span(-5, -2))]), std).intensity.suggested).toBe('RIC');
    expect(computeConditioningPlan(mk([bu('iv', span(-5, -2))]), std).intensity.suggested).toBe('MAC');
    // 2 IV days (4 mg/kg) + 2 oral days (4 mg/kg × 0.8 = 3.2): 7.2 mg/kg IV-equivalent > 6.4: MAC.
    const mixed = computeConditioningPlan(mk([bu('iv', [-5, -4]), bu('oral', [-3, -2])]), std).intensity;
    expect(mixed.suggested).toBe('MAC');
    expect(mixed.determinedBy[0]).toMatch(/busulfan 7.2 mg\/kg IV/);
  });
  it('a template cannot give a drug by the radiation route or TBI as a drug', () => {
    const bad = {
      ...tpl('bucy2'),
      agents: [
        {
          agent: 'busulfan',
          dose: 0.8,
          basis: 'mg/kg',
          route: 'radiation',
          frequency: 'q6h',
          days: [-7],
          weightBasis: 'abw',
        },
      ],
    };
    expect(ConditioningTemplateSchema.safeParse(bad).error?.issues[0]?.path).toEqual(['agents', 0, 'route']);
  });
});
