// ISBT 128 Product Code (Data Structure 003) and Chain of Identity Identifier (Data Structure 040) structure.
// Source: ICCBBA ST-001 v6.2.2 §2.4.3 (DS003), Table 7 [RT008] collection types, §2.4.40 (DS040); ST-028
// (Chain of Identity Identifier). Product Description Codes are licensed: codes are checked structurally only.
import { z } from 'zod';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const PRODUCT_CODE_RULE_ID = 'isbt128-st001-v6.2.2-product-code@1';
export const COI_RULE_ID = 'isbt128-st001-v6.2.2-coi@1';

export const PRODUCT_FAMILIES: Record<string, string> = {
  A: 'national or local code',
  B: 'national or local code',
  C: 'national or local code',
  D: 'national or local code',
  E: 'blood component',
  F: 'blood component',
  H: 'MPHO with INN/USAN name',
  M: 'other therapy (milk, topical)',
  N: 'organ',
  P: 'regenerated tissue',
  R: 'reproductive',
  S: 'cellular therapy',
  T: 'tissue',
  V: 'ocular',
  W: 'fecal microbiota',
  X: 'other blood product or plasma derivative',
  Y: 'clinical-trial product',
};

/** Subset of ST-001 Table 7 [RT008] collection types summarised in the reference; others are reported as unknown. */
export const COLLECTION_TYPES: Record<string, string> = {
  '0': 'not specified',
  V: 'volunteer allogeneic',
  '1': 'autologous use only',
  A: 'autologous, eligible for crossover',
  X: 'autologous only, biohazard',
  D: 'directed',
  d: 'directed',
  '2': 'directed, recipient use only',
  E: 'medical exception',
  '4': 'designated',
  '5': 'dedicated',
  '6': 'designated, biohazard',
  F: 'family reserved',
  '7': 'allogeneic use',
  '8': 'autologous use with allogeneic material',
  R: 'research',
  r: 'research',
};

export const ProductCodeInputSchema = z.object({
  productCode: z
    .string()
    .describe('8-character product code, e.g. "S12954A0" ("S1295 4 A0"); a leading "=<" is accepted'),
});
export type ProductCodeInput = z.infer<typeof ProductCodeInputSchema>;

export const ProductCodeOutputSchema = z.object({
  valid: z.boolean(),
  productDescriptionCode: z.string().nullable(),
  family: z.string().nullable(),
  collectionType: z.string().nullable(),
  collectionTypeMeaning: z.string().nullable().describe('null when the code is not in the summarised Table 7 subset'),
  division: z.string().nullable(),
  errors: z.array(z.string()),
  ...ruleResultMeta,
});
export type ProductCodeOutput = z.infer<typeof ProductCodeOutputSchema>;

/** Structure check of a DS003 product code: αoooo + (t + ds) or (3-digit division/pack code). */
export function checkProductCode(input: ProductCodeInput): ProductCodeOutput {
  let raw = input.productCode.replace(/\s+/g, '');
  if (raw.startsWith('=<')) raw = raw.slice(2);
  const errors: string[] = [];
  const base = {
    productDescriptionCode: null,
    family: null,
    collectionType: null,
    collectionTypeMeaning: null,
    division: null,
  };
  const fail = (): ProductCodeOutput => ({
    valid: false,
    ...base,
    errors,
    ruleId: PRODUCT_CODE_RULE_ID,
    explanation: `invalid product code: ${errors.join('; ')}`,
  });
  if (raw.length !== 8) {
    errors.push(`a product code has 8 data characters, got ${raw.length}`);
    return fail();
  }
  const pdc = raw.slice(0, 5);
  const alpha = pdc.charAt(0);
  const family = PRODUCT_FAMILIES[alpha];
  if (!/^[A-Z][A-Z0-9]{4}$/.test(pdc) || family == null) {
    errors.push(`product description code ${pdc} must be a known family letter followed by 4 characters`);
    return fail();
  }
  const tds = raw.slice(5);
  const withType = 'EFHSPY'.includes(alpha) || pdc.startsWith('X0');
  if (withType) {
    const t = tds.charAt(0);
    const ds = tds.slice(1);
    if (!/^[0-9A-Za-z]$/.test(t)) errors.push(`collection type ${t} must be one alphanumeric character`);
    if (!/^(00|[A-Z][a-z0])$/.test(ds)) {
      errors.push(`division ${ds} must be "00" or a capital letter then a lower-case letter or 0`);
    }
    if (errors.length) return fail();
    const meaning = COLLECTION_TYPES[t] ?? null;
    return {
      valid: true,
      productDescriptionCode: pdc,
      family,
      collectionType: t,
      collectionTypeMeaning: meaning,
      division: ds,
      errors,
      ruleId: PRODUCT_CODE_RULE_ID,
      explanation: `valid product code: PDC ${pdc} (${family}), collection type ${t} (${meaning ?? 'not in the known subset'}), division ${ds}`,
    };
  }
  if (!/^[0-9]{3}$/.test(tds)) {
    errors.push(`division/pack code ${tds} must be 3 digits for family ${alpha}`);
    return fail();
  }
  return {
    valid: true,
    ...base,
    productDescriptionCode: pdc,
    family,
    division: tds,
    errors,
    ruleId: PRODUCT_CODE_RULE_ID,
    explanation: `valid product code: PDC ${pdc} (${family}), division/pack ${tds}`,
  };
}

// ---- Chain of Identity identifier ----

export const CoiInputSchema = z.object({
  coi: z
    .string()
    .describe(
      'Chain of Identity identifier: "CH" + FIN (5) + year (2) + sequence (6 alphanumeric); a leading "&/" is accepted'
    ),
});
export type CoiInput = z.infer<typeof CoiInputSchema>;
export const CoiOutputSchema = z.object({
  valid: z.boolean(),
  fin: z.string().nullable(),
  year: z.string().nullable(),
  sequence: z.string().nullable(),
  errors: z.array(z.string()),
  ...ruleResultMeta,
});
export type CoiOutput = z.infer<typeof CoiOutputSchema>;

const COI_PATTERN = /^CH([A-NP-Z1-9][A-NP-Z0-9]{2}[0-9]{2})([0-9]{2})([A-Z0-9]{6})$/;

/**
 * Structure check of a DS040 CoI identifier. ST-001 defines no check character for DS040; [VERIFY] whether ST-028
 * adds one, so none is checked here.
 */
export function checkCoi(input: CoiInput): CoiOutput {
  let raw = input.coi.replace(/\s+/g, '');
  if (raw.startsWith('&/')) raw = raw.slice(2);
  const m = COI_PATTERN.exec(raw);
  if (!m) {
    const errors = [
      raw.length !== 15
        ? `a CoI identifier has 15 data characters, got ${raw.length}`
        : 'structure must be "CH" + FIN (αpppp) + 2-digit year + 6 alphanumeric characters',
    ];
    return {
      valid: false,
      fin: null,
      year: null,
      sequence: null,
      errors,
      ruleId: COI_RULE_ID,
      explanation: `invalid CoI identifier: ${errors[0]}`,
    };
  }
  const [, fin = '', year = '', sequence = ''] = m;
  return {
    valid: true,
    fin,
    year,
    sequence,
    errors: [],
    ruleId: COI_RULE_ID,
    explanation: `valid CoI identifier: issuer FIN ${fin}, year ${year}, sequence ${sequence} (no check character defined in ST-001)`,
  };
}

export const productCodeRule = defineRule({
  name: 'isbt-product-code',
  id: PRODUCT_CODE_RULE_ID,
  title: 'ISBT 128 product code structure',
  description: 'Product code (DS003) structure: product description code family, collection type and division',
  source: 'ICCBBA ISBT 128 ST-001 v6.2.2 §2.4.3, Table 7',
  inputSchema: ProductCodeInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: ProductCodeOutputSchema,
  compute: (input) => checkProductCode(input),
});

export const coiRule = defineRule({
  name: 'isbt-coi',
  id: COI_RULE_ID,
  title: 'ISBT 128 Chain of Identity identifier structure',
  description: 'CoI identifier (DS040): "CH" + issuing FIN + year + 6-character sequence',
  source: 'ICCBBA ISBT 128 ST-001 v6.2.2 §2.4.40; ST-028',
  inputSchema: CoiInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CoiOutputSchema,
  compute: (input) => checkCoi(input),
});
