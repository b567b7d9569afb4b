// Small pieces the monitoring entry forms share: the "= D+n" hint under a date.
import { dayRelative, formatDay } from '@engraft/clinical';

/** "= D+14" for a complete ISO date, a blank description otherwise (keeps the fields aligned). */
export function dayHint(date: string, dayZero: string): string {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `= ${formatDay(dayRelative(date, dayZero))}` : ' ';
  } catch {
    return ' ';
  }
}
