// Day arithmetic relative to day 0 (the infusion day). Days are calendar dates ('YYYY-MM-DD'), never
// timestamps, so results do not depend on the machine's time zone. There is no "day -0": day 0 is "D0".
// Source: CIBMTR Forms Instruction Manual (Pre-TED 2400): days are counted from the infusion date.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses 'YYYY-MM-DD' to a UTC day number, or throws if it is not a real calendar date. */
export function toDayNumber(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${isoDate}`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** True when the string is a real calendar date 'YYYY-MM-DD'. */
export function isCalendarDate(isoDate: string): boolean {
  try {
    toDayNumber(isoDate);
    return true;
  } catch {
    return false;
  }
}

/** Converts a UTC day number back to 'YYYY-MM-DD'. */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day relative to day 0: dayRelative('2026-01-10', '2026-01-03') === 7. */
export function dayRelative(date: string, dayZero: string): number {
  return toDayNumber(date) - toDayNumber(dayZero);
}

/** Calendar date of a relative day: dateOfDay('2026-01-10', -7) === '2026-01-03'. */
export function dateOfDay(dayZero: string, day: number): string {
  return fromDayNumber(toDayNumber(dayZero) + day);
}

/** Label as clinicians write it: D-7, D0, D+100 (never "D-0" or "D+0"). */
export function formatDay(day: number): string {
  if (day === 0 || Object.is(day, -0)) return 'D0';
  return day > 0 ? `D+${day}` : `D${day}`;
}

/** Parses a clinician's day label back to a number: 'D0' -> 0, 'D+100' -> 100, 'D-7' -> -7 ('D-0'/'D+0' rejected). */
export function parseDayLabel(label: string): number {
  const m = /^D(?:([+-])([1-9]\d*)|0)$/.exec(label.trim());
  if (!m) throw new RangeError(`not a day label (D0, D+n, D-n): ${JSON.stringify(label)}`);
  if (m[1] == null) return 0;
  const n = Number(m[2]);
  return m[1] === '-' ? -n : n;
}

/**
 * [VERIFY] day 0 when cells are infused over several days. CIBMTR counts such a
 * protocol as one HCT event; which date is day 0 is not confirmed. 'first-infusion-day' (default, our assumption)
 * or 'last-infusion-day'.
 */
export type MultiDayInfusionRule = 'first-infusion-day' | 'last-infusion-day';

/** Day 0 of a (possibly multi-day) infusion, per the named rule. */
export function dayZeroOf(infusionDates: readonly string[], rule: MultiDayInfusionRule = 'first-infusion-day'): string {
  if (infusionDates.length === 0) throw new RangeError('no infusion dates');
  const days = infusionDates.map(toDayNumber);
  return fromDayNumber(rule === 'first-infusion-day' ? Math.min(...days) : Math.max(...days));
}

/** Age in completed years on a date, as age is stated clinically (e.g. the ICANS CAPD rule compares it to 12). */
export function ageInYears(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return Math.max(0, y - by - (m < bm || (m === bm && d < bd) ? 1 : 0));
}
