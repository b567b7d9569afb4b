// Refined Disease Risk Index. Source: Armand P et al., Validation and refinement of the Disease Risk Index for
// allogeneic stem cell transplantation, Blood 2014;123(23):3664-3671, the refined DRI table (disease risk groups,
// stage risk groups and their combination); the original index: Armand P et al., Blood 2012;120(4):905-913.
// Every row below is pinned in scores.test.ts. Removed in @2: an "MDS favourable cytogenetics" row that the paper
// does not have (the refined DRI groups MDS cytogenetics as intermediate or adverse only). Uncertain, to check
// against the printed table: the table number (1 or 2), ALL as intermediate, and nodal T-cell lymphoma as
// intermediate (extranodal high); they are kept as the reference reconstruction has them.
import { z } from 'zod';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const DRI_RULE_ID = 'dri-refined-armand-2014@2';

export const DriDiseaseSchema = z.enum([
  'aml',
  'mds',
  'all',
  'cml',
  'cll',
  'indolent-b-nhl',
  'mpn',
  'myeloma',
  'hodgkin',
  'dlbcl-or-transformed',
  'mantle-cell',
  'nodal-t-cell',
  'extranodal-t-cell',
]);
export const CytogeneticsSchema = z.enum(['favorable', 'intermediate', 'adverse']);
export const DriStageSchema = z.enum([
  'cr',
  'pr',
  'induction-failure',
  'active-relapse',
  'stable-or-progressive',
  'cml-chronic-phase',
  'cml-accelerated-or-blast',
  'mds-blasts-lt5',
  'mds-blasts-ge5',
]);
type Disease = z.infer<typeof DriDiseaseSchema>;
type Stage = z.infer<typeof DriStageSchema>;
type Level = 'low' | 'intermediate' | 'high';

export const DriInputSchema = z.object({
  disease: DriDiseaseSchema,
  cytogenetics: CytogeneticsSchema.nullable().describe(
    'AML/MDS cytogenetic risk group (adverse includes complex >=4 abnormalities)'
  ),
  stage: DriStageSchema.describe('Disease status before HCT; MDS is staged by marrow blasts (<5% vs >=5%)'),
});
export type DriInput = z.infer<typeof DriInputSchema>;

/** Disease-risk rows: [disease, cytogenetics or '*', risk, note]. */
export const DRI_DISEASE_TABLE: readonly [Disease, z.infer<typeof CytogeneticsSchema> | '*', Level, string][] = [
  ['aml', 'favorable', 'low', 't(8;21), inv(16), t(15;17)'],
  ['aml', 'intermediate', 'intermediate', ''],
  ['aml', 'adverse', 'high', 'complex karyotype >=4 abnormalities'],
  ['mds', 'intermediate', 'intermediate', 'all but adverse'],
  ['mds', 'adverse', 'high', 'complex karyotype >=4 abnormalities'],
  ['cll', '*', 'low', ''],
  ['cml', '*', 'low', ''],
  ['indolent-b-nhl', '*', 'low', ''],
  ['mpn', '*', 'intermediate', ''],
  ['myeloma', '*', 'intermediate', ''],
  ['hodgkin', '*', 'intermediate', ''],
  ['dlbcl-or-transformed', '*', 'intermediate', ''],
  ['mantle-cell', '*', 'intermediate', ''],
  ['nodal-t-cell', '*', 'intermediate', ''],
  ['all', '*', 'intermediate', ''],
  ['extranodal-t-cell', '*', 'high', ''],
];

const ACUTE: Disease[] = ['aml', 'all'];
const LYMPHOMA_MYELOMA: Disease[] = [
  'cll',
  'indolent-b-nhl',
  'myeloma',
  'hodgkin',
  'dlbcl-or-transformed',
  'mantle-cell',
  'nodal-t-cell',
  'extranodal-t-cell',
];

/** Stage risk: null when the status does not apply to the disease. */
export function driStageRisk(disease: Disease, stage: Stage): 'low' | 'high' | null {
  if (disease === 'mds') {
    if (stage === 'mds-blasts-lt5') return 'low';
    if (stage === 'mds-blasts-ge5') return 'high';
    return null;
  }
  if (disease === 'cml') {
    if (stage === 'cml-chronic-phase') return 'low';
    if (stage === 'cml-accelerated-or-blast') return 'high';
    return null;
  }
  if (stage === 'cr') return 'low';
  if (stage === 'induction-failure' || stage === 'active-relapse') return 'high';
  if (ACUTE.includes(disease)) return stage === 'pr' ? 'high' : null;
  if (LYMPHOMA_MYELOMA.includes(disease)) {
    if (stage === 'pr') return 'low';
    if (stage === 'stable-or-progressive') return 'high';
  }
  return null;
}

const GRID: Record<Level, Record<'low' | 'high', 'low' | 'intermediate' | 'high' | 'very-high'>> = {
  low: { low: 'low', high: 'intermediate' },
  intermediate: { low: 'intermediate', high: 'high' },
  high: { low: 'high', high: 'very-high' },
};

export const DriOutputSchema = z.object({
  dri: z
    .enum(['low', 'intermediate', 'high', 'very-high'])
    .nullable()
    .describe('null when the combination is not in the table'),
  diseaseRisk: z.enum(['low', 'intermediate', 'high']).nullable(),
  stageRisk: z.enum(['low', 'high']).nullable(),
  ...ruleResultMeta,
});
export type DriOutput = z.infer<typeof DriOutputSchema>;

/** Refined DRI: disease risk × stage risk. Unknown combinations give null rather than a guess. */
export function computeDri(input: DriInput): DriOutput {
  const row = DRI_DISEASE_TABLE.find(([d, c]) => d === input.disease && (c === '*' || c === input.cytogenetics));
  const diseaseRisk = row?.[2] ?? null;
  const stageRisk = driStageRisk(input.disease, input.stage);
  const base = { diseaseRisk, stageRisk, ruleId: DRI_RULE_ID };
  if (!row) {
    const why =
      input.disease === 'mds' && input.cytogenetics === 'favorable'
        ? 'the refined DRI has no favourable group for MDS: record intermediate unless adverse (complex, >=4 abnormalities)'
        : `no disease-risk row for ${input.disease} with cytogenetics ${input.cytogenetics ?? 'unknown'}`;
    return { ...base, dri: null, explanation: why };
  }
  if (!stageRisk) return { ...base, dri: null, explanation: `stage ${input.stage} does not apply to ${input.disease}` };
  const dri = GRID[row[2]][stageRisk];
  const note = row[3] ? ` (${row[3]})` : '';
  return {
    ...base,
    dri,
    explanation: `DRI ${dri}: disease risk ${row[2]} (${input.disease}${input.cytogenetics && row[1] !== '*' ? `, ${input.cytogenetics} cytogenetics` : ''}${note}) × stage risk ${stageRisk} (${input.stage}) (Armand 2014 refined DRI)`,
  };
}

export const driRule = defineRule({
  name: 'dri',
  id: DRI_RULE_ID,
  title: 'Refined Disease Risk Index',
  description: 'Disease risk × stage risk -> low / intermediate / high / very high (refined DRI table)',
  source: 'Armand P et al. Blood 2012;120:905; Blood 2014;123:3664',
  inputSchema: DriInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: DriOutputSchema,
  compute: (input) => computeDri(input),
});
