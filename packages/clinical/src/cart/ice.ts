// Immune effector Cell-associated Encephalopathy (ICE) score, 0-10. Source: Lee DW et al., ASTCT 2019 (ICE table;
// reproduced in PMC8153820 Table 2). 10/10 = no encephalopathy.
import { z } from 'zod';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const ICE_RULE_ID = 'astct-2019-ice@1';

export const IceInputSchema = z.object({
  orientedYear: z.boolean().describe('Orientation: year (1 point)'),
  orientedMonth: z.boolean().describe('Orientation: month (1 point)'),
  orientedCity: z.boolean().describe('Orientation: city (1 point)'),
  orientedHospital: z.boolean().describe('Orientation: hospital (1 point)'),
  namedObject1: z.boolean().describe('Naming: first object, e.g. clock (1 point)'),
  namedObject2: z.boolean().describe('Naming: second object, e.g. pen (1 point)'),
  namedObject3: z.boolean().describe('Naming: third object, e.g. button (1 point)'),
  followsCommands: z.boolean().describe('Follows a simple command, e.g. "show me 2 fingers" (1 point)'),
  writesSentence: z.boolean().describe('Writes a standard sentence (1 point)'),
  countsBackwards: z.boolean().describe('Counts backwards from 100 in tens (1 point)'),
});
export type IceInput = z.infer<typeof IceInputSchema>;

export const IceOutputSchema = z.object({
  score: z.number().int().min(0).max(10),
  domains: z.object({
    orientation: z.number().int().min(0).max(4),
    naming: z.number().int().min(0).max(3),
    commands: z.number().int().min(0).max(1),
    writing: z.number().int().min(0).max(1),
    attention: z.number().int().min(0).max(1),
  }),
  ...ruleResultMeta,
});
export type IceOutput = z.infer<typeof IceOutputSchema>;

const pts = (...b: boolean[]): number => b.filter(Boolean).length;

/** Sums the 10 ICE items. */
export function scoreIce(input: IceInput): IceOutput {
  const domains = {
    orientation: pts(input.orientedYear, input.orientedMonth, input.orientedCity, input.orientedHospital),
    naming: pts(input.namedObject1, input.namedObject2, input.namedObject3),
    commands: pts(input.followsCommands),
    writing: pts(input.writesSentence),
    attention: pts(input.countsBackwards),
  };
  const score = domains.orientation + domains.naming + domains.commands + domains.writing + domains.attention;
  const lost = Object.entries({ orientation: 4, naming: 3, commands: 1, writing: 1, attention: 1 })
    .filter(([k, max]) => domains[k as keyof typeof domains] < max)
    .map(([k, max]) => `${k} ${domains[k as keyof typeof domains]}/${max}`);
  return {
    score,
    domains,
    ruleId: ICE_RULE_ID,
    explanation: score === 10 ? 'ICE 10/10: no encephalopathy' : `ICE ${score}/10: points lost in ${lost.join(', ')}`,
  };
}

export const iceRule = defineRule({
  name: 'ice',
  id: ICE_RULE_ID,
  title: 'ICE score (ASTCT 2019)',
  description: 'Immune effector cell encephalopathy score 0-10 from its 10 items',
  source: 'Lee DW et al. ASTCT consensus grading. Biol Blood Marrow Transplant 2019;25:625-638',
  inputSchema: IceInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: IceOutputSchema,
  compute: (input) => scoreIce(input),
});
