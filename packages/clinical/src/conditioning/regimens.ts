// Representative regimen templates (HCT conditioning: Gyurkocza B, Sandmaier BM, Blood 2014;124:344;
// CAR-T lymphodepletion: the US prescribing information of each product). Centres differ in day numbering and splitting: these are starting points a
// centre reviews, not orders. Weight bases default to actual body weight (ABW) for every agent: ASBMT 2014 sets
// no binding standard for obese patients, so the choice (IBW, AdjBW25, AdjBW40, lesser of IBW/ABW) is left to
// the plan as a protocol parameter ([VERIFY] against Bubalo 2014 Table 2 before a centre adopts a default).
import { type ConditioningTemplate, ConditioningTemplateSchema } from './template';

/** Consecutive days from..to inclusive, relative to D0: span(-7, -4) = [-7, -6, -5, -4]. */
export const span = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const HCT_SOURCE = 'Gyurkocza B, Sandmaier BM. Blood 2014;124:344 (regimen table)';
const BSA = { bsaFormula: 'mosteller', bsaWeightBasis: 'abw', bsaCapM2: null } as const;

const flu = (dose: number, days: number[]) =>
  ({ agent: 'fludarabine', dose, basis: 'mg/m2', route: 'iv', frequency: 'once', days }) as const;
const cyKg = (dose: number, days: number[]) =>
  ({
    agent: 'cyclophosphamide',
    dose,
    basis: 'mg/kg',
    route: 'iv',
    frequency: 'once',
    days,
    weightBasis: 'abw',
  }) as const;
const cyM2 = (dose: number, days: number[]) =>
  ({ agent: 'cyclophosphamide', dose, basis: 'mg/m2', route: 'iv', frequency: 'once', days }) as const;
const mel = (dose: number, days: number[]) =>
  ({ agent: 'melphalan', dose, basis: 'mg/m2', route: 'iv', frequency: 'once', days }) as const;

const TEMPLATES: ConditioningTemplate[] = [
  {
    id: 'bucy2',
    version: 1,
    name: 'BuCy2 (Bu4/Cy)',
    kind: 'conditioning',
    settings: ['allogeneic', 'autologous'],
    intent: 'MAC',
    ...BSA,
    description: 'IV busulfan 0.8 mg/kg q6h ×16 doses D-7 to D-4, cyclophosphamide 60 mg/kg D-3 and D-2, rest D-1',
    agents: [
      {
        agent: 'busulfan',
        dose: 0.8,
        basis: 'mg/kg',
        route: 'iv',
        frequency: 'q6h',
        days: span(-7, -4),
        weightBasis: 'abw',
        note: 'oral: 1 mg/kg q6h ×16',
      },
      cyKg(60, [-3, -2]),
    ],
    source: HCT_SOURCE,
  },
  {
    id: 'flu-bu4',
    version: 1,
    name: 'Flu/Bu4',
    kind: 'conditioning',
    settings: ['allogeneic'],
    intent: 'MAC',
    ...BSA,
    description: 'Fludarabine 40 mg/m² and once-daily IV busulfan 3.2 mg/kg, both D-6 to D-3',
    agents: [
      flu(40, span(-6, -3)),
      {
        agent: 'busulfan',
        dose: 3.2,
        basis: 'mg/kg',
        route: 'iv',
        frequency: 'q24h',
        days: span(-6, -3),
        weightBasis: 'abw',
      },
    ],
    source: `${HCT_SOURCE}; de Lima M et al. Blood 2004;104:857`,
  },
  {
    id: 'flu-bu4-pk',
    version: 1,
    name: 'Flu/Bu4, busulfan AUC-targeted',
    kind: 'conditioning',
    settings: ['allogeneic'],
    intent: 'MAC',
    ...BSA,
    description:
      'Fludarabine 40 mg/m² D-6 to D-3; once-daily IV busulfan to a cumulative AUC of 90 mg·h/L (window 78–101), first dose 3.2 mg/kg, later doses from PK',
    agents: [
      flu(40, span(-6, -3)),
      {
        agent: 'busulfan',
        dose: 90,
        basis: 'auc-mg-h-per-l',
        route: 'iv',
        frequency: 'q24h',
        days: span(-6, -3),
        weightBasis: 'abw',
        startingDoseMgKg: 3.2,
        aucWindowMgHL: [78, 101],
      },
    ],
    source: `${HCT_SOURCE}; Palmer J et al. BBMT 2016;22:1915; Bartelink IH et al. Lancet Haematol 2016;3:e526`,
  },
  {
    id: 'flu-bu2',
    version: 1,
    name: 'Flu/Bu2',
    kind: 'conditioning',
    settings: ['allogeneic'],
    intent: 'RIC',
    ...BSA,
    description: 'Fludarabine 30 mg/m² D-6 to D-2 (5 days) and IV busulfan 3.2 mg/kg D-3 and D-2',
    agents: [
      flu(30, span(-6, -2)),
      {
        agent: 'busulfan',
        dose: 3.2,
        basis: 'mg/kg',
        route: 'iv',
        frequency: 'q24h',
        days: [-3, -2],
        weightBasis: 'abw',
      },
    ],
    source: HCT_SOURCE,
  },
  {
    id: 'flu-mel140',
    version: 1,
    name: 'Flu/Mel140',
    kind: 'conditioning',
    settings: ['allogeneic'],
    intent: 'RIC',
    ...BSA,
    description: 'Fludarabine 30 mg/m² D-6 to D-2 (5 days), melphalan 140 mg/m² D-1',
    agents: [flu(30, span(-6, -2)), mel(140, [-1])],
    source: `${HCT_SOURCE}; Giralt S et al. Blood 1997`,
  },
  {
    id: 'cy-tbi',
    version: 1,
    name: 'Cy/TBI 12 Gy',
    kind: 'conditioning',
    settings: ['allogeneic'],
    intent: 'MAC',
    ...BSA,
    description:
      'Cyclophosphamide 60 mg/kg D-6 and D-5; fractionated TBI 2 Gy twice daily D-3 to D-1 (12 Gy in 6 fractions)',
    agents: [
      cyKg(60, [-6, -5]),
      { agent: 'tbi', dose: 2, basis: 'Gy', route: 'radiation', frequency: 'q12h', days: span(-3, -1) },
    ],
    source: HCT_SOURCE,
  },
  {
    id: 'flu-tbi2',
    version: 1,
    name: 'Flu/TBI 2 Gy (Seattle)',
    kind: 'conditioning',
    settings: ['allogeneic'],
    intent: 'NMA',
    ...BSA,
    description: 'Fludarabine 30 mg/m² D-4 to D-2, TBI 2 Gy single fraction on D0 before the infusion',
    agents: [
      flu(30, span(-4, -2)),
      { agent: 'tbi', dose: 2, basis: 'Gy', route: 'radiation', frequency: 'once', days: [0] },
    ],
    source: HCT_SOURCE,
  },
  {
    id: 'beam',
    version: 1,
    name: 'BEAM',
    kind: 'conditioning',
    settings: ['autologous'],
    intent: null,
    ...BSA,
    description:
      'Carmustine 300 mg/m² D-6; etoposide 200 mg/m² D-5 to D-2; cytarabine 200 mg/m² q12h D-5 to D-2; melphalan 140 mg/m² D-1',
    agents: [
      { agent: 'carmustine', dose: 300, basis: 'mg/m2', route: 'iv', frequency: 'once', days: [-6] },
      { agent: 'etoposide', dose: 200, basis: 'mg/m2', route: 'iv', frequency: 'once', days: span(-5, -2) },
      { agent: 'cytarabine', dose: 200, basis: 'mg/m2', route: 'iv', frequency: 'q12h', days: span(-5, -2) },
      mel(140, [-1]),
    ],
    source: `${HCT_SOURCE}; NZ SACT Regimen Library BEAM (srl.org.nz)`,
  },
  {
    id: 'mel200',
    version: 1,
    name: 'Mel200',
    kind: 'conditioning',
    settings: ['autologous'],
    intent: null,
    ...BSA,
    description: 'Melphalan 200 mg/m² once on D-2 (autologous, myeloma)',
    agents: [mel(200, [-2])],
    source: HCT_SOURCE,
  },
  {
    id: 'mel140',
    version: 1,
    name: 'Mel140',
    kind: 'conditioning',
    settings: ['autologous'],
    intent: null,
    ...BSA,
    description: 'Melphalan 140 mg/m² once on D-2: for renal impairment, age over 70 or frailty',
    agents: [mel(140, [-2])],
    source: HCT_SOURCE,
  },
  {
    id: 'cart-flu30-cy500',
    version: 1,
    name: 'Flu/Cy 30/500 ×3 (axi-cel, brexu-cel MCL)',
    kind: 'lymphodepletion',
    settings: ['car-t'],
    intent: null,
    ...BSA,
    description: 'Fludarabine 30 mg/m² and cyclophosphamide 500 mg/m² on D-5, D-4 and D-3',
    agents: [flu(30, span(-5, -3)), cyM2(500, span(-5, -3))],
    source: 'Yescarta and Tecartus US prescribing information (lymphodepletion)',
  },
  {
    id: 'cart-flu30-cy300',
    version: 1,
    name: 'Flu/Cy 30/300 ×3 (liso-cel, ide-cel, cilta-cel)',
    kind: 'lymphodepletion',
    settings: ['car-t'],
    intent: null,
    ...BSA,
    description:
      'Fludarabine 30 mg/m² and cyclophosphamide 300 mg/m² D-5 to D-3; infusion 2–7 days after lymphodepletion ends (label-specific)',
    agents: [flu(30, span(-5, -3)), cyM2(300, span(-5, -3))],
    source: 'Breyanzi, Abecma and Carvykti US prescribing information (lymphodepletion)',
  },
  {
    id: 'cart-tisacel-all',
    version: 1,
    name: 'Flu/Cy tisa-cel B-ALL',
    kind: 'lymphodepletion',
    settings: ['car-t'],
    intent: null,
    ...BSA,
    description:
      'Fludarabine 30 mg/m² ×4 days D-6 to D-3 and cyclophosphamide 500 mg/m² ×2 days starting with the first fludarabine dose',
    agents: [flu(30, span(-6, -3)), cyM2(500, [-6, -5])],
    source: 'Kymriah US prescribing information, B-ALL (lymphodepletion)',
  },
  {
    id: 'cart-tisacel-lbcl',
    version: 1,
    name: 'Flu/Cy tisa-cel LBCL',
    kind: 'lymphodepletion',
    settings: ['car-t'],
    intent: null,
    ...BSA,
    description:
      'Fludarabine 25 mg/m² and cyclophosphamide 250 mg/m² D-5 to D-3 (skip if WBC ≤1 ×10⁹/L in the week before)',
    agents: [flu(25, span(-5, -3)), cyM2(250, span(-5, -3))],
    source: 'Kymriah US prescribing information, LBCL (lymphodepletion)',
  },
  {
    id: 'cart-brexucel-all',
    version: 1,
    name: 'Flu/Cy brexu-cel adult B-ALL',
    kind: 'lymphodepletion',
    settings: ['car-t'],
    intent: null,
    ...BSA,
    description: 'Fludarabine 25 mg/m² D-4 to D-2 and cyclophosphamide 900 mg/m² on D-2',
    agents: [flu(25, span(-4, -2)), cyM2(900, [-2])],
    source: 'Tecartus US prescribing information, B-ALL (lymphodepletion)',
  },
];

/** Every template, validated once at load so a typo in the data fails loudly. */
export const CONDITIONING_TEMPLATES: readonly ConditioningTemplate[] = TEMPLATES.map((t) =>
  ConditioningTemplateSchema.parse(t)
);

export function findConditioningTemplate(id: string): ConditioningTemplate | undefined {
  return CONDITIONING_TEMPLATES.find((t) => t.id === id);
}
