// Administered doses of a verified conditioning / lymphodepletion plan (issue 17 §1, ADR 0702): what the nurse or
// physician gave against one dose line of the plan (agent, day relative to D0, administration of that day), as
// planned or with a deviation and its reason. The chemotherapy safety standards ask that what was administered is
// documented against the verified order, with any modification and its reason (Neuss MN et al., 2016 updated
// ASCO/ONS Chemotherapy Administration Safety Standards, J Oncol Pract 2016;12:1262-1271, administration).
import { z } from 'zod';
import { ReasonSchema } from './conditioningPlans';
import { ConfirmationsSchema, type Finding, quantity, type QuantitySpec } from './safety/quantity';

export const ADMINISTRATION_OUTCOMES = {
  'as-planned': 'Given as planned',
  reduced: 'Given, reduced',
  delayed: 'Given, delayed',
  omitted: 'Omitted',
} as const;
export type AdministrationOutcome = keyof typeof ADMINISTRATION_OUTCOMES;
export const AdministrationOutcomeSchema = z.enum(
  Object.keys(ADMINISTRATION_OUTCOMES) as [AdministrationOutcome, ...AdministrationOutcome[]]
);

/**
 * The amount given in one administration. Possible range: more than 0 and at most 20,000 mg (cyclophosphamide
 * 60 mg/kg on a 200 kg adjusted weight is 12,000 mg, the largest single dose of the regimen templates) or 20 Gy
 * (a TBI fraction is 2–4 Gy; a single 8–10 Gy fraction is the most used). The plausible bound is the plan itself:
 * above the planned amount needs a confirmation with a reason (`administrationFindings`).
 */
export const ADMINISTERED_MG: QuantitySpec = {
  label: 'amount given',
  unit: 'mg',
  min: 0,
  max: 20_000,
  exclusiveMin: true,
};
export const ADMINISTERED_GY: QuantitySpec = { label: 'amount given', unit: 'Gy', min: 0, max: 20, exclusiveMin: true };

const dateTime = z.iso.datetime({ offset: true, message: 'a date-time, e.g. 2026-03-01T09:30:00Z' });

/** What the person who gave the dose records. `amount` is in the plan's unit for the agent (mg or Gy). */
export const AdministrationInputSchema = z
  .object({
    agentIndex: z.number().int().min(0).max(50).describe('the agent of the plan (its index in computed.agents)'),
    day: z.number().int().min(-30).max(30).describe('the plan day relative to D0 (-6 for D-6)'),
    sequence: z
      .number()
      .int()
      .min(1, 'sequence is the administration of that day, from 1')
      .max(24)
      .default(1)
      .describe('which administration of that day (busulfan q6h: 1 to 4)'),
    outcome: AdministrationOutcomeSchema,
    unit: z.enum(['mg', 'Gy']).describe("must be the plan's unit for this agent"),
    amount: quantity(ADMINISTERED_MG).optional().describe('absent when omitted'),
    startedAt: dateTime.optional().describe('when the administration started; absent when omitted'),
    endedAt: dateTime.optional(),
    reason: ReasonSchema.optional().describe('required for a reduced, delayed or omitted dose'),
    confirmations: ConfirmationsSchema.optional().describe('a reason when more than the planned amount was given'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.unit === 'Gy' && v.amount !== undefined && v.amount > ADMINISTERED_GY.max) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `amount given must be at most 20 Gy` });
    }
    if (v.outcome === 'omitted') {
      if (v.amount !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'an omitted dose has no amount' });
      }
      if (v.startedAt !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['startedAt'], message: 'an omitted dose has no start time' });
      }
    } else {
      if (v.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'give the amount given' });
      if (v.startedAt === undefined) {
        ctx.addIssue({ code: 'custom', path: ['startedAt'], message: 'give when the administration started' });
      }
    }
    if (v.outcome !== 'as-planned' && v.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `a ${ADMINISTRATION_OUTCOMES[v.outcome].toLowerCase()} dose needs a reason`,
      });
    }
    if (v.startedAt && v.endedAt && Date.parse(v.endedAt) < Date.parse(v.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'the end is before the start' });
    }
    if (v.startedAt && v.endedAt && Date.parse(v.endedAt) - Date.parse(v.startedAt) > 48 * 3600_000) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'an administration lasts at most 48 hours' });
    }
  });
export type AdministrationInput = z.input<typeof AdministrationInputSchema>;

/** A correction: the whole record again, with the reason for the correction. */
export const AdministrationCorrectionSchema = z
  .object({ administration: AdministrationInputSchema, reason: ReasonSchema })
  .strict();
export type AdministrationCorrection = z.input<typeof AdministrationCorrectionSchema>;

/** A dose line of the plan as the check needs it: the planned amount per administration and the count that day. */
export interface PlannedLine {
  amountPerAdministration: number | null;
  administrations: number;
  unit: 'mg' | 'Gy';
}

/** Why a recorded administration contradicts its plan line (field and message), or null. */
export function administrationLineError(
  line: PlannedLine,
  v: Pick<z.output<typeof AdministrationInputSchema>, 'sequence' | 'unit' | 'amount' | 'outcome'>
): { field: string; message: string } | null {
  if (line.amountPerAdministration === null) {
    return { field: 'agentIndex', message: 'this dose line has no computed amount: the plan must be changed first' };
  }
  if (v.sequence > line.administrations) {
    return {
      field: 'sequence',
      message: `this dose line has ${line.administrations} administration${line.administrations === 1 ? '' : 's'} that day`,
    };
  }
  if (v.unit !== line.unit) return { field: 'unit', message: `this dose line is planned in ${line.unit}` };
  const planned = line.amountPerAdministration;
  if (v.amount !== undefined && v.outcome === 'as-planned' && v.amount < planned) {
    return {
      field: 'amount',
      message: `${v.amount} ${v.unit} is less than the planned ${planned} ${line.unit}: record it as reduced with a reason`,
    };
  }
  if (v.amount !== undefined && v.outcome === 'reduced' && v.amount >= planned) {
    return { field: 'amount', message: `a reduced dose is less than the planned ${planned} ${line.unit}` };
  }
  return null;
}

/** More than the planned amount is never recorded without a confirmation with a reason (hazard H-COND-2). */
export function administrationFindings(line: PlannedLine, amount: number | undefined): Finding[] {
  const planned = line.amountPerAdministration;
  if (amount === undefined || planned === null || amount <= planned) return [];
  return [
    {
      field: 'amount',
      message: `amount given ${amount} ${line.unit} is more than the planned ${planned} ${line.unit}; check it`,
    },
  ];
}
