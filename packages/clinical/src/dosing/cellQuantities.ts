// The numbers the cell-dose, CAR-T and cord rules take, each with its unit and possible range (issue 13: every
// clinical number has a unit and a range in its schema; impossible values are refused naming the field). Mirrors
// @engraft/domain safety/quantity.ts, which this package cannot import (the domain depends on it).
import { z } from 'zod';
import { unitText } from '../unitText';

export interface RuleQuantity {
  /** What the field is, for messages ("weight", "CAR-T dose"). */
  label: string;
  unit: string;
  min: number;
  max: number;
  /** A dose or weight of 0 is impossible: the minimum itself is refused. */
  exclusiveMin?: boolean;
}

const show = (n: number): string => (Math.abs(n) >= 1e5 ? n.toExponential() : String(n));

/** Finite number in the possible range; messages name the field and unit ("weight must be more than 0 kg"). */
export function ruleQuantity(q: RuleQuantity): z.ZodNumber {
  const base = z.number({
    error: (iss) =>
      iss.input === undefined || iss.input === null
        ? `${q.label} is required (${unitText(q.unit)})`
        : `${q.label} must be a number (${unitText(q.unit)})`,
  });
  const low = q.exclusiveMin
    ? base.gt(q.min, `${q.label} must be more than ${show(q.min)} ${unitText(q.unit)}`)
    : base.gte(q.min, `${q.label} must be at least ${show(q.min)} ${unitText(q.unit)}`);
  return low.lte(q.max, `${q.label} must be at most ${show(q.max)} ${unitText(q.unit)}`);
}

/** Recipient weight: more than 0, at most 400 kg (the heaviest recorded patients are below it). */
export const RECIPIENT_WEIGHT: RuleQuantity = {
  label: 'recipient weight',
  unit: 'kg',
  min: 0,
  exclusiveMin: true,
  max: 400,
};
/** Total cells of one measure in a product: more than 0 (an empty bag is not a dose), at most 10^12. */
export const TOTAL_CELLS: RuleQuantity = { label: 'total cells', unit: 'cells', min: 0, exclusiveMin: true, max: 1e12 };
/** A CAR-T dose: more than 0, at most 10^10 cells (fifty times the highest label maximum). */
export const CART_DOSE_CELLS: RuleQuantity = {
  label: 'CAR-T dose',
  unit: 'CAR-positive viable T cells',
  min: 0,
  exclusiveMin: true,
  max: 1e10,
};
