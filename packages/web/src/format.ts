// Small display helpers shared by the pages. Day arithmetic comes from @engraft/clinical (one definition).
import { ageInYears, dayRelative, formatDay } from '@engraft/clinical';
import {
  DISEASES,
  EPISODE_PHASES,
  EPISODE_TYPES,
  type DiseaseCode,
  type EpisodePhase,
  type EpisodeType,
  type Episode,
} from '@engraft/domain';

export { ageInYears };

export function ageLabel(dateOfBirth: string, today: string): string {
  const years = ageInYears(dateOfBirth, today);
  if (years >= 2) return `${years} y`;
  const months = Math.max(0, Math.floor(dayRelative(today, dateOfBirth) / 30.4375));
  return `${months} mo`;
}

/** "FAMILY, Given" as on wristbands and lists. */
export function displayName(p: { familyName: string; givenName: string }): string {
  return `${p.familyName.toUpperCase()}, ${p.givenName}`;
}

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

/** 2026-11-26 -> "26 Nov 2026" (unambiguous across locales). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? '?';
  return `${d} ${month} ${y}`;
}

export function cellTherapyLabel(e: Pick<Episode, 'type' | 'cellType' | 'cellOrigin'>): string {
  const base = episodeTypeLabel(e.type);
  if (e.type !== 'other-cell-therapy') return base;
  return `${base}: ${e.cellOrigin ?? '?'} ${e.cellType ?? '?'} cells`;
}
