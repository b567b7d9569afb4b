import type { PlanAgent } from '@engraft/clinical';

/** mg to one decimal below 100 mg, whole mg above; Gy to one decimal. For display only. */
export function amount(value: number, unit: 'mg' | 'Gy'): string {
  if (unit === 'Gy') return `${Number(value.toFixed(2))} Gy`;
  const v = value < 100 ? Number(value.toFixed(1)) : Math.round(value);
  return `${v.toLocaleString('en-GB')} mg`;
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
