import { IsoDateSchema } from '@engraft/clinical';

// The calendar-date schema is owned by the clinical rules library (day arithmetic lives there).
export { IsoDateSchema } from '@engraft/clinical';

/** Today's calendar date in UTC; callers in a centre's time zone pass their own "today". */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Rules for the date of anything that has happened (a lab result, a transfusion, a birth, a relapse), issue 13:
 * a real calendar date, not before 1900 (no patient of a transplant programme was born earlier; a 1800 or 0001
 * date is a typing error) and not after today by more than CLOCK_SKEW_DAYS. The skew allows for a result dated in
 * the laboratory's time zone a calendar day ahead of the server's UTC date; anything later is a typing error
 * (9999-01-01, a month typed for a day) and is refused.
 */
export const CLOCK_SKEW_DAYS = 1;
export const EARLIEST_RECORDED_DATE = '1900-01-01';
/** Oldest age accepted for a date of birth (the oldest verified human lived 122 years). */
export const MAX_AGE_YEARS = 120;

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The latest date a past event may carry, given today. */
export function latestRecordedDate(today: string = todayIso()): string {
  return addDays(today, CLOCK_SKEW_DAYS);
}

/** Why a past-event date is refused, or null. `label` names the field ("result date"). */
export function pastDateProblem(date: string, label: string, today: string = todayIso()): string | null {
  if (date < EARLIEST_RECORDED_DATE) return `${label} ${date} is before ${EARLIEST_RECORDED_DATE}; check the year`;
  const latest = latestRecordedDate(today);
  if (date > latest) return `${label} ${date} is in the future (today is ${today}); check the date`;
  return null;
}

/** A date on which something has happened: a calendar date from 1900 to today (+ the clock skew). */
export function pastOrTodayDate(label: string) {
  return IsoDateSchema.superRefine((d, ctx) => {
    const problem = pastDateProblem(d, label, todayIso());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
export const PastOrTodayDateSchema = pastOrTodayDate('date');

/** Why a date of birth is refused, or null: from 1900 (and at most MAX_AGE_YEARS ago) to today, no skew. */
export function dateOfBirthProblem(date: string, today: string = todayIso()): string | null {
  if (date < EARLIEST_RECORDED_DATE) return `date of birth ${date} is before ${EARLIEST_RECORDED_DATE}; check the year`;
  if (date > today) return `date of birth cannot be in the future (${date}; today is ${today})`;
  const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (date < oldest) return `date of birth ${date} gives an age over ${MAX_AGE_YEARS} years; check the year`;
  return null;
}

export const DateOfBirthSchema = IsoDateSchema.superRefine((d, ctx) => {
  const problem = dateOfBirthProblem(d, todayIso());
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
