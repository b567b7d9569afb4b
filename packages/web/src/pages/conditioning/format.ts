import { formatNumber } from '../../format';
import type { PlanAgent } from '@engraft/clinical';

/** What is shown instead of a dose that is missing, not finite or not positive: never a number. */
export const NOT_COMPUTED = 'not computed';

/** A dose that can be printed: finite and above 0 (issue 13: a calendar never prints a non-positive dose). */
export const printableDose = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** mg to two significant digits below 1 mg, one decimal below 100 mg, whole mg above; Gy to one decimal. For display only; "not computed" unless > 0. */
export function amount(value: number | null | undefined, unit: 'mg' | 'Gy'): string {
  if (!printableDose(value)) return NOT_COMPUTED;
  if (unit === 'Gy') return `${Number(value.toFixed(2))} Gy`;
  // Below 1 mg two significant digits, so a small positive dose is never shown as "0 mg".
  const v = value < 1 ? Number(value.toPrecision(2)) : value < 100 ? Number(value.toFixed(1)) : Math.round(value);
  return `${formatNumber(v)} mg`;
}

export const ROUTE_LABELS = { iv: 'IV', oral: 'oral', radiation: 'radiation' } as const;

/** "×4 (q6h)" for an agent's administrations a day. */
export function timesText(a: Pick<PlanAgent, 'administrationsPerDay' | 'frequency'>): string {
  if (a.administrationsPerDay === 1) return 'once';
  return `×${a.administrationsPerDay} (${a.frequency})`;
}

/** Short agent names for the calendar cells. */
export const SHORT_AGENT: Record<string, string> = {
  fludarabine: 'Flu',
  busulfan: 'Bu',
  cyclophosphamide: 'Cy',
  melphalan: 'Mel',
  carmustine: 'BCNU',
  etoposide: 'Etoposide',
  cytarabine: 'Ara-C',
  thiotepa: 'Thiotepa',
  treosulfan: 'Treo',
  bendamustine: 'Benda',
  tbi: 'TBI',
};
