// EU Single European Code (SEC) for tissues and cells: structure check. Source: Commission Directive 2006/86/EC
// Annex VII as amended by (EU) 2015/565; ICCBBA ST-012. Eye-readable, prefixed "SEC",
// 40 characters: Donation Identification Sequence (country 2 + tissue establishment 6 + unique donation number 13)
// and Product Identification Sequence (coding system 1 + product number 7 + split number 3 + expiry YYYYMMDD 8).
import { z } from 'zod';
import { isCalendarDate } from '../days';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';
import { checkDin } from './din';

export const SEC_RULE_ID = 'eu-sec-2015-565@1';

export const SecInputSchema = z.object({
  sec: z.string().describe('Single European Code, with or without the "SEC" prefix and spaces'),
});
export type SecInput = z.infer<typeof SecInputSchema>;

export const SecOutputSchema = z.object({
  valid: z.boolean(),
  countryCode: z.string().nullable(),
  tissueEstablishment: z.string().nullable(),
  donationNumber: z.string().nullable(),
  codingSystem: z.enum(['ISBT 128', 'Eurocode', 'EUTC']).nullable(),
  productNumber: z.string().nullable(),
  splitNumber: z.string().nullable(),
  expiryDate: z.string().nullable().describe('YYYY-MM-DD, or null when 00000000 (no expiry)'),
  donationNumberIsValidDin: z
    .boolean()
    .nullable()
    .describe('ISBT 128 coding: whether the donation number is a valid DIN'),
  errors: z.array(z.string()),
  ...ruleResultMeta,
});
export type SecOutput = z.infer<typeof SecOutputSchema>;

const CODING = { A: 'ISBT 128', B: 'Eurocode', E: 'EUTC' } as const;
const SEC_PATTERN = /^([A-Z]{2})([A-Z0-9]{6})([A-Z0-9]{13})([ABE])([A-Z0-9]{7})([A-Z0-9]{3})(\d{8})$/;

/** Checks the 40-character SEC structure (and, for ISBT 128 coding, whether the donation number is a valid DIN). */
export function checkSec(input: SecInput): SecOutput {
  let raw = input.sec.replace(/\s+/g, '').toUpperCase();
  if (raw.startsWith('SEC')) raw = raw.slice(3);
  const empty = {
    countryCode: null,
    tissueEstablishment: null,
    donationNumber: null,
    codingSystem: null,
    productNumber: null,
    splitNumber: null,
    expiryDate: null,
    donationNumberIsValidDin: null,
  };
  const m = SEC_PATTERN.exec(raw);
  if (!m) {
    const err =
      raw.length !== 40
        ? `a SEC has 40 characters after "SEC", got ${raw.length}`
        : 'structure must be CC + 6 + 13 + coding system A/B/E + 7 + 3 + YYYYMMDD';
    return { valid: false, ...empty, errors: [err], ruleId: SEC_RULE_ID, explanation: `invalid SEC: ${err}` };
  }
  const [, cc = '', te = '', don = '', coding = 'A', prod = '', split = '', exp = ''] = m;
  const errors: string[] = [];
  let expiryDate: string | null = null;
  if (exp !== '00000000') {
    expiryDate = `${exp.slice(0, 4)}-${exp.slice(4, 6)}-${exp.slice(6)}`;
    if (!isCalendarDate(expiryDate)) errors.push(`expiry ${exp} is not a calendar date`);
  }
  const codingSystem = CODING[coding as keyof typeof CODING];
  const donationNumberIsValidDin = coding === 'A' ? checkDin({ din: don }).valid : null;
  const valid = errors.length === 0;
  const dinNote =
    donationNumberIsValidDin == null
      ? ''
      : donationNumberIsValidDin
        ? '; donation number is a valid DIN'
        : '; donation number is not a DIN';
  return {
    valid,
    countryCode: cc,
    tissueEstablishment: te,
    donationNumber: don,
    codingSystem,
    productNumber: prod,
    splitNumber: split,
    expiryDate,
    donationNumberIsValidDin,
    errors,
    ruleId: SEC_RULE_ID,
    explanation: valid
      ? `valid SEC: ${cc} establishment ${te}, donation ${don}, ${codingSystem} product ${prod} split ${split}, expiry ${expiryDate ?? 'none'}${dinNote}`
      : `invalid SEC: ${errors.join('; ')}`,
  };
}

export const secRule = defineRule({
  name: 'eu-sec',
  id: SEC_RULE_ID,
  title: 'EU Single European Code structure',
  description: 'SEC (tissues and cells): donation and product identification sequences, coding system and expiry',
  source: 'Directive 2006/86/EC Annex VII as amended by (EU) 2015/565; ICCBBA ST-012',
  inputSchema: SecInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: SecOutputSchema,
  compute: (input) => checkSec(input),
});
