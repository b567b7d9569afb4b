import { z } from 'zod';
import { toDayNumber } from '@engraft/clinical';

/** A calendar date 'YYYY-MM-DD' that exists (2026-02-29 is refused). */
export const IsoDateSchema = z.string().refine(
  (s) => {
    try {
      toDayNumber(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a real calendar date written YYYY-MM-DD' }
);

/** Today's calendar date in UTC; callers in a centre's time zone pass their own "today". */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
