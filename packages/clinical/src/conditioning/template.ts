// Conditioning and lymphodepletion regimens as protocol templates (Gyurkocza B, Sandmaier BM, Blood 2014;124:344:
// centres differ in schedules, so regimens are stored as protocol templates (drug, dose, basis, route, days
// relative to D0, interval), never as hard-coded constants). The schema is the contract; the regimen data lives in regimens.ts. Weight basis, BSA formula and
// BSA cap are protocol parameters (Bubalo J et al., ASBMT, Biol Blood Marrow Transplant 2014;20:600-616), so each template carries them and a plan may override them.
import { z } from 'zod';
import { BsaFormulaSchema, WeightBasisSchema } from '../dosing/body';
import { IntensitySchema } from '../dosing/conditioning';

export const CONDITIONING_AGENTS = {
  fludarabine: 'Fludarabine',
  busulfan: 'Busulfan',
  cyclophosphamide: 'Cyclophosphamide',
  melphalan: 'Melphalan',
  carmustine: 'Carmustine (BCNU)',
  etoposide: 'Etoposide',
  cytarabine: 'Cytarabine (Ara-C)',
  thiotepa: 'Thiotepa',
  treosulfan: 'Treosulfan',
  bendamustine: 'Bendamustine',
  tbi: 'Total body irradiation',
} as const;
export type ConditioningAgent = keyof typeof CONDITIONING_AGENTS;
export const ConditioningAgentSchema = z.enum(
  Object.keys(CONDITIONING_AGENTS) as [ConditioningAgent, ...ConditioningAgent[]]
);

/**
 * How a dose is expressed: per m² of BSA, per kg of the dosing weight, flat mg, Gy (radiation), or a busulfan
 * exposure target (cumulative AUC in mg·h/L, §7.2) reached from a starting mg/kg dose and PK.
 */
export const DoseBasisSchema = z.enum(['mg/m2', 'mg/kg', 'mg', 'Gy', 'auc-mg-h-per-l']);
export type DoseBasis = z.infer<typeof DoseBasisSchema>;
export const DOSE_BASIS_LABELS: Record<DoseBasis, string> = {
  'mg/m2': 'mg/m²',
  'mg/kg': 'mg/kg',
  mg: 'mg (flat)',
  Gy: 'Gy',
  'auc-mg-h-per-l': 'mg·h/L cumulative AUC target',
};

export const RouteSchema = z.enum(['iv', 'oral', 'radiation']);
export type Route = z.infer<typeof RouteSchema>;

/** Administrations per day: once daily, q12h (2 a day), q6h (4 a day). */
export const FrequencySchema = z.enum(['once', 'q24h', 'q12h', 'q6h']);
export type Frequency = z.infer<typeof FrequencySchema>;
export const ADMINISTRATIONS_PER_DAY: Record<Frequency, number> = { once: 1, q24h: 1, q12h: 2, q6h: 4 };
/** Clock times a day's administrations are usually given at (a display default, not part of the dose). */
export const FREQUENCY_TIMES: Record<Frequency, readonly string[]> = {
  once: ['08:00'],
  q24h: ['08:00'],
  q12h: ['08:00', '20:00'],
  q6h: ['06:00', '12:00', '18:00', '24:00'],
};

const DayOfPlan = z.number().int().min(-30).max(30);

export const TemplateAgentSchema = z
  .object({
    agent: ConditioningAgentSchema,
    dose: z
      .number()
      .positive()
      .describe('per administration in the basis unit (for an AUC target: the cumulative course AUC)'),
    basis: DoseBasisSchema,
    route: RouteSchema,
    frequency: FrequencySchema,
    days: z.array(DayOfPlan).min(1).describe('days relative to D0 (D0 = infusion day), e.g. [-7, -6, -5, -4]'),
    weightBasis: WeightBasisSchema.optional().describe('dosing weight for mg/kg (and AUC starting) doses'),
    startingDoseMgKg: z
      .number()
      .positive()
      .optional()
      .describe('AUC-targeted busulfan: first dose(s) in mg/kg before PK results'),
    aucWindowMgHL: z
      .tuple([z.number().positive(), z.number().positive()])
      .optional()
      .describe('acceptable cumulative AUC window, mg·h/L'),
    note: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.basis === 'mg/kg' || a.basis === 'auc-mg-h-per-l') && !a.weightBasis) {
      ctx.addIssue({ code: 'custom', path: ['weightBasis'], message: `${a.basis} doses need a weight basis` });
    }
    if (a.basis === 'auc-mg-h-per-l' && a.agent !== 'busulfan') {
      ctx.addIssue({ code: 'custom', path: ['basis'], message: 'AUC targets are for busulfan only' });
    }
    if (a.basis === 'auc-mg-h-per-l' && !a.startingDoseMgKg) {
      ctx.addIssue({
        code: 'custom',
        path: ['startingDoseMgKg'],
        message: 'an AUC target needs a starting mg/kg dose',
      });
    }
    if ((a.basis === 'Gy') !== (a.agent === 'tbi')) {
      ctx.addIssue({ code: 'custom', path: ['basis'], message: 'Gy is the basis of TBI and only of TBI' });
    }
    if ((a.route === 'radiation') !== (a.agent === 'tbi')) {
      ctx.addIssue({
        code: 'custom',
        path: ['route'],
        message: 'radiation is the route of TBI and only of TBI: a drug is given iv or oral',
      });
    }
    if (new Set(a.days).size !== a.days.length) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'a day is listed twice' });
    }
  });
export type TemplateAgent = z.infer<typeof TemplateAgentSchema>;

/** Conditioning before HCT (intensity is classified) or lymphodepletion before CAR-T (no intensity class, §7.3). */
export const RegimenKindSchema = z.enum(['conditioning', 'lymphodepletion']);
export type RegimenKind = z.infer<typeof RegimenKindSchema>;
export const RegimenSettingSchema = z.enum(['allogeneic', 'autologous', 'car-t']);

export const ConditioningTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().min(1),
  name: z.string().min(1),
  description: z.string(),
  kind: RegimenKindSchema,
  settings: z.array(RegimenSettingSchema).min(1).describe('episode types the regimen is used in'),
  intent: IntensitySchema.nullable().describe(
    'usual declared intent (MAC / RIC / NMA); null for autologous high-dose and lymphodepletion'
  ),
  bsaFormula: BsaFormulaSchema,
  bsaWeightBasis: WeightBasisSchema.describe('weight the BSA is computed from (ABW in most protocols)'),
  bsaCapM2: z.number().positive().nullable().describe('BSA cap in m², or null for none'),
  agents: z.array(TemplateAgentSchema).min(1),
  source: z.string().min(1).describe('citation of the schedule'),
});
export type ConditioningTemplate = z.infer<typeof ConditioningTemplateSchema>;

/** The stored id of a template version: `flu-mel140@1`. */
export const templateRef = (t: Pick<ConditioningTemplate, 'id' | 'version'>): string => `${t.id}@${t.version}`;
