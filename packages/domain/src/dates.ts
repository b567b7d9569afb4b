// The calendar-date schema is owned by the clinical rules library (day arithmetic lives there).
export { IsoDateSchema } from '@engraft/clinical';

/** Today's calendar date in UTC; callers in a centre's time zone pass their own "today". */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
