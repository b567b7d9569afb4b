// Small display helpers shared by the pages. Day arithmetic comes from @engraft/clinical (one definition).
import { ageInYears, dayRelative, formatDay, powerOfTen, unitText } from '@engraft/clinical';
import {
  DISEASES,
  EPISODE_PHASES,
  EPISODE_TYPES,
  type DiseaseCode,
  type EpisodePhase,
  type EpisodeType,
  type Episode,
  formatPatientName,
} from '@engraft/domain';

export { ageInYears };

export function ageLabel(dateOfBirth: string, today: string): string {
  const years = ageInYears(dateOfBirth, today);
  if (years >= 2) return `${years} y`;
  const months = Math.max(0, Math.floor(dayRelative(today, dateOfBirth) / 30.4375));
  return `${months} mo`;
}

/** "FAMILY, Given" as on wristbands and lists: the one rule of @engraft/domain, shared with the server. */
export const displayName = formatPatientName;

export const SEX_LABELS: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
};

export function episodeTypeLabel(t: string): string {
  return EPISODE_TYPES[t as EpisodeType] ?? t;
}
export function phaseLabel(p: string): string {
  return EPISODE_PHASES[p as EpisodePhase] ?? p;
}
export function diseaseLabel(code: string): string {
  return DISEASES[code as DiseaseCode]?.label ?? code;
}

/** Day 0 the timeline counts from: the actual infusion day once known, else the planned one. */
export function dayZeroOf(e: Pick<Episode, 'actualDayZero' | 'plannedDayZero'>): { date: string; actual: boolean } {
  return e.actualDayZero ? { date: e.actualDayZero, actual: true } : { date: e.plannedDayZero, actual: false };
}

/** "D+12" for today relative to a day 0. */
export function todayDayLabel(today: string, dayZero: string): string {
  return formatDay(dayRelative(today, dayZero));
}

// The one way the app writes dates, times and units (issue 18): dates "6 Dec 2026", date-times "6 Dec 2026 05:47"
// (24 h, UTC, as the server keeps them), powers of ten "×10⁹/L" (no space, superscript exponent). Use these, never
// toLocaleString() (its format follows the browser's locale: 12/6/2026, 5:47:12 AM).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-11-26 (or a full ISO timestamp, of which the UTC date is taken) -> "26 Nov 2026". */
export function formatDate(iso: string): string {
  const date = iso.length > 10 ? new Date(iso).toISOString().slice(0, 10) : iso;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1] ?? '?'} ${y}`;
}

/** An ISO timestamp -> "6 Dec 2026 05:47" in UTC, 24 h; `utc: true` adds " UTC" where the reader may wonder. */
export function formatDateTime(iso: string | Date, { utc = false }: { utc?: boolean } = {}): string {
  const t = (iso instanceof Date ? iso : new Date(iso)).toISOString();
  return `${formatDate(t.slice(0, 10))} ${t.slice(11, 16)}${utc ? ' UTC' : ''}`;
}

/** 9 -> "×10⁹"; a unit as stored ("x10^9/L", "× 10^6/kg") -> as shown ("×10⁹/L"): the rule of @engraft/clinical. */
export { powerOfTen };
export const formatUnit = unitText;

/**
 * A sentence from the server (a rule's explanation, a finding, a refusal) with its powers of ten written as the app
 * writes them: "120.0 x10^6 cells is within the label dose 0.1-2.5 x10^8" -> "120.0 ×10⁶ cells … 0.1-2.5 ×10⁸".
 */
export function formatUnitsInText(text: string): string {
  return formatUnit(text);
}

/** 3.5e8 -> "3.50 ×10⁸" (cell counts). */
export function formatCells(n: number | null | undefined, digits = 2): string {
  if (n == null) return '—';
  if (n === 0) return '0';
  let exp = Math.floor(Math.log10(Math.abs(n)));
  // 9.99e9 to one digit is 1.0 ×10¹⁰, not 10.0 ×10⁹.
  if (Math.abs(Number((n / 10 ** exp).toFixed(digits))) >= 10) exp += 1;
  return `${(n / 10 ** exp).toFixed(digits)} ${powerOfTen(exp)}`;
}

/** A plain number with thousands separators, the same on every browser (12,345; 1,234.5): the app's one number formatter. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * A count in the power of ten its field is typed and labelled in (CAR-T doses in ×10⁶, cord TNC in ×10⁷), to at
 * most `digits` decimals: 1.5e8 at 6 → "150 ×10⁶".
 */
export function formatCellsIn(n: number | null | undefined, exp: number, digits = 1): string {
  if (n == null) return '—';
  return `${(n / 10 ** exp).toLocaleString('en-GB', { maximumFractionDigits: digits })} ${powerOfTen(exp)}`;
}

export function cellTherapyLabel(e: Pick<Episode, 'type' | 'cellType' | 'cellOrigin'>): string {
  const base = episodeTypeLabel(e.type);
  if (e.type !== 'other-cell-therapy') return base;
  return `${base}: ${e.cellOrigin ?? '?'} ${e.cellType ?? '?'} cells`;
}
