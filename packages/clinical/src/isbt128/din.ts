// ISBT 128 Donation Identification Number (Data Structure 001) and its check character. Source: ICCBBA ST-001
// v6.2.2 §2.4.1 (DS001), Table 3 [RT004] flags, §7.5/Appendix A keyboard check character.
import { z } from 'zod';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';
import { mod37_2, mod37CheckCharacter } from './mod37';

export const DIN_RULE_ID = 'isbt128-st001-v6.2.2-din@1';

export const DinInputSchema = z.object({
  din: z
    .string()
    .describe(
      'The 13-character DIN (e.g. "G123498654321"). Also accepted: eye-readable text with spaces, a 14th keyboard check character, or bar-code data "=" + DIN + 2 flag characters'
    ),
});
export type DinInput = z.infer<typeof DinInputSchema>;

export const DinOutputSchema = z.object({
  valid: z.boolean(),
  checkCharacter: z
    .string()
    .length(1)
    .nullable()
    .describe('Keyboard-entry check character K; null when it cannot be computed'),
  normalizedDin: z.string().nullable(),
  checkFlag: z.string().nullable().describe('Type 3 flag value 60 + checksum, e.g. "77"'),
  fin: z.string().nullable().describe('Facility Identification Number (first 5 characters)'),
  year: z.string().nullable(),
  sequence: z.string().nullable(),
  errors: z.array(z.string()),
  ...ruleResultMeta,
});
export type DinOutput = z.infer<typeof DinOutputSchema>;
export const DinContractOutputSchema = z.object({ valid: z.boolean(), checkCharacter: z.string().nullable() });

/** α: A-N, P-Z, 1-9; pp: A-N, P-Z, 0-9; pp: 0-9; yy: 0-9; nnnnnn: 0-9. */
const DIN_PATTERN = /^[A-NP-Z1-9][A-NP-Z0-9]{2}[0-9]{2}[0-9]{2}[0-9]{6}$/;
const FLAG_PATTERN = /^[0-9A-HJ-NPR-Y]{2}$/;

/** Validates the structure of a DIN and computes its MOD 37-2 check character. */
export function checkDin(input: DinInput): DinOutput {
  const errors: string[] = [];
  let raw = input.din.replace(/\s+/g, '');
  let flags: string | null = null;
  let givenCheck: string | null = null;
  if (raw.startsWith('=')) {
    raw = raw.slice(1);
    if (raw.length === 15) {
      flags = raw.slice(13);
      raw = raw.slice(0, 13);
    }
  } else if (raw.length === 14) {
    givenCheck = raw.slice(13);
    raw = raw.slice(0, 13);
  }
  if (raw.length !== 13) errors.push(`a DIN has 13 characters, got ${raw.length}`);
  else if (!DIN_PATTERN.test(raw)) {
    errors.push('structure must be αpppp yy nnnnnn (α A-N/P-Z/1-9, FIN, 2-digit year, 6-digit sequence)');
  }

  const checksum = raw.length === 13 ? mod37_2(raw) : null;
  const checkCharacter = checksum == null ? null : mod37CheckCharacter(checksum);
  const checkFlag = checksum == null ? null : String(60 + checksum);
  if (givenCheck != null && checkCharacter != null && givenCheck !== checkCharacter) {
    errors.push(`check character ${givenCheck} does not match computed ${checkCharacter}`);
  }
  if (flags != null) {
    if (!FLAG_PATTERN.test(flags)) errors.push(`invalid flag characters ${flags}`);
    else if (/^\d\d$/.test(flags) && Number(flags) >= 60 && Number(flags) <= 96 && flags !== checkFlag) {
      errors.push(`type 3 check flag ${flags} does not match computed ${checkFlag}`);
    }
  }
  const valid = errors.length === 0;
  const ok = raw.length === 13 && DIN_PATTERN.test(raw);
  return {
    valid,
    checkCharacter,
    normalizedDin: ok ? raw : null,
    checkFlag,
    fin: ok ? raw.slice(0, 5) : null,
    year: ok ? raw.slice(5, 7) : null,
    sequence: ok ? raw.slice(7) : null,
    errors,
    ruleId: DIN_RULE_ID,
    explanation: valid
      ? `valid DIN ${raw}: FIN ${raw.slice(0, 5)}, year ${raw.slice(5, 7)}, sequence ${raw.slice(7)}; check character ${checkCharacter}`
      : `invalid DIN: ${errors.join('; ')}`,
  };
}

export const dinRule = defineRule({
  name: 'isbt-din',
  id: DIN_RULE_ID,
  title: 'ISBT 128 DIN check',
  description: 'Donation Identification Number structure and ISO/IEC 7064 MOD 37-2 check character',
  source: 'ICCBBA ISBT 128 Standard Technical Specification ST-001 v6.2.2 §2.4.1; Red Book Annex 2',
  inputSchema: DinInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: DinOutputSchema,
  contractOutputSchema: DinContractOutputSchema,
  compute: (input) => checkDin(input),
});
