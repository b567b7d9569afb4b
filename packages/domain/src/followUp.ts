import { dateOfDay } from '@engraft/clinical';
import type { EpisodeType } from './episodes';

/**
 * Follow-up visits and registry reports due for an infused episode, by day from day 0.
 * Sources: CIBMTR Forms Instruction Manual — Pre-TED 2400 and 2402 due on day 0;
 * Post-TED 2450 at day 100, 6 months, then annually; Pre-CTED 4000 within 30 days after a cellular-therapy
 * infusion; 4100 at day 100, 6 months, then annually, to 15 years for genetically modified products
 * (15-year track) and to 6 years otherwise (standard track, simplified here to yearly). EBMT: registration
 * (MED-A / core dataset) at day 100 (or death), then yearly follow-up.
 * Clinic visits: day 30, day 100, 6 months, 1 year, then yearly (the programme's usual schedule, configurable).
 */
export interface FollowUpItem {
  /** Stable key, unique within the episode (used to mark it done). */
  key: string;
  kind: 'visit' | 'cibmtr' | 'ebmt';
  label: string;
  day: number;
  dueDate: string;
}

const YEAR = 365;

export interface ScheduleOptions {
  /** Years of follow-up; default 15 for genetically modified cells (CAR-T), else 15 for HCT visits too. */
  years?: number;
  visitDays?: readonly number[];
}

export function followUpSchedule(type: EpisodeType, dayZero: string, opts: ScheduleOptions = {}): FollowUpItem[] {
  const cellTherapy = type === 'car-t' || type === 'other-cell-therapy';
  const geneticallyModified = type === 'car-t';
  const years = opts.years ?? (cellTherapy && !geneticallyModified ? 6 : 15);
  const items: FollowUpItem[] = [];
  const add = (key: string, kind: FollowUpItem['kind'], label: string, day: number): void => {
    items.push({ key, kind, label, day, dueDate: dateOfDay(dayZero, day) });
  };
  const visitDays = opts.visitDays ?? [30, 100, 180, ...Array.from({ length: years }, (_, i) => (i + 1) * YEAR)];
  for (const d of visitDays) add(`visit-d${d}`, 'visit', `Follow-up visit ${timepointLabel(d)}`, d);
  if (cellTherapy) {
    add('cibmtr-4000', 'cibmtr', 'CIBMTR 4000 Pre-CTED (due within 30 days of infusion)', 30);
    for (const d of [100, 180, ...Array.from({ length: years }, (_, i) => (i + 1) * YEAR)]) {
      add(`cibmtr-4100-d${d}`, 'cibmtr', `CIBMTR 4100 Post-CTED ${timepointLabel(d)}`, d);
    }
  } else {
    add('cibmtr-2400', 'cibmtr', 'CIBMTR 2400 Pre-TED and 2402 disease classification (due on day 0)', 0);
    for (const d of [100, 180, ...Array.from({ length: years }, (_, i) => (i + 1) * YEAR)]) {
      add(`cibmtr-2450-d${d}`, 'cibmtr', `CIBMTR 2450 Post-TED ${timepointLabel(d)}`, d);
    }
  }
  add('ebmt-registration-d100', 'ebmt', 'EBMT registration (core dataset / MED-A) at day 100', 100);
  for (let y = 1; y <= years; y++) add(`ebmt-followup-y${y}`, 'ebmt', `EBMT annual follow-up, year ${y}`, y * YEAR);
  return items.sort((a, b) => a.day - b.day || a.key.localeCompare(b.key));
}

export function timepointLabel(day: number): string {
  if (day === 180) return '6 months';
  if (day % YEAR === 0) return day === YEAR ? '1 year' : `${day / YEAR} years`;
  return `day ${day}`;
}
