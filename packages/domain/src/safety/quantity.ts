import { formatScientific } from './typedNumber';
import { unitText } from '@engraft/clinical';
import { z } from 'zod';

/**
 * A clinical number with its unit and two ranges (issue 13, docs/safety/hazards.md):
 * - the **possible** range: outside it the value is impossible (a negative weight, platelets of 5,000 ×10⁹/L)
 *   and refused by the schema, naming the field;
 * - the **plausible** range: outside it the value is possible but unusual (a 250 kg adult, a TNC that rose
 *   after processing) and is accepted only with a recorded confirmation (`ConfirmationsSchema`): the service
 *   reports it as a finding, the user gives a reason, the reason is stored in the audit event.
 * Bounds are inclusive unless `exclusiveMin` (a dose or weight of 0 is impossible: `exclusiveMin: true`).
 */
export interface QuantitySpec {
  /** What the field is, for messages ("weight", "TNC"). */
  label: string;
  /** UCUM-style unit the number is in ("kg", "cm", "cells", "x10^9/L", "mg/m2"). */
  unit: string;
  min: number;
  max: number;
  exclusiveMin?: boolean;
  /** Integers only (counts of items, HLA matches). */
  integer?: boolean;
  plausible?: { min?: number; max?: number };
}

const fmt = (n: number): string => (Math.abs(n) < 1e-3 && n !== 0 ? n.toExponential() : formatScientific(n));

/** The zod schema of a quantity: finite, within the possible range, message naming the field and unit. */
export function quantity(spec: QuantitySpec): z.ZodNumber {
  const base = z.number({
    error: (iss) =>
      iss.input === undefined || iss.input === null
        ? 'required'
        : `${spec.label} must be a number (${unitText(spec.unit)})`,
  });
  let s = spec.integer ? base.int(`${spec.label} must be a whole number`) : base;
  s = spec.exclusiveMin
    ? s.gt(spec.min, `${spec.label} must be more than ${fmt(spec.min)} ${unitText(spec.unit)}`)
    : s.gte(spec.min, `${spec.label} must be at least ${fmt(spec.min)} ${unitText(spec.unit)}`);
  return s.lte(spec.max, `${spec.label} must be at most ${fmt(spec.max)} ${unitText(spec.unit)}`);
}

/** A value that is possible but needs a confirmation, with the reason it was flagged. */
export interface Finding {
  /** The field path as in problem details ("weightKg", "counts.tncCells"). */
  field: string;
  message: string;
}

/** The plausibility finding of one value, or null when plausible (or absent). */
export function plausibility(field: string, value: number | null | undefined, spec: QuantitySpec): Finding | null {
  if (value === null || value === undefined || !spec.plausible) return null;
  const { min, max } = spec.plausible;
  if (min !== undefined && value < min) {
    return {
      field,
      message: `${spec.label} ${fmt(value)} ${unitText(spec.unit)} is below the usual range (≥ ${fmt(min)} ${unitText(spec.unit)}); check it`,
    };
  }
  if (max !== undefined && value > max) {
    return {
      field,
      message: `${spec.label} ${fmt(value)} ${unitText(spec.unit)} is above the usual range (≤ ${fmt(max)} ${unitText(spec.unit)}); check it`,
    };
  }
  return null;
}

/** A user's confirmation of an implausible value: which field, and why it is right. Stored in the audit event. */
export const ConfirmationSchema = z.object({
  field: z.string().min(1).max(200),
  reason: z.string().trim().min(3, 'say why the value is right (at least 3 characters)').max(500),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;
export const ConfirmationsSchema = z.array(ConfirmationSchema).max(50);

/** The findings no confirmation covers. */
export function unconfirmed(
  findings: readonly Finding[],
  confirmations: readonly Confirmation[] | undefined
): Finding[] {
  const confirmed = new Set((confirmations ?? []).map((c) => c.field));
  return findings.filter((f) => !confirmed.has(f.field));
}

/** Problem `code` of a 422 that lists the findings needing a confirmation (`errors`: one per field). */
export const CONFIRMATION_REQUIRED = 'confirmation-required';
