// Small pieces the monitoring entry forms share: the "= D+n" hint under a date, and the date field that shows it.
import { dayRelative, formatDay } from '@engraft/clinical';
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatDate } from '../../format';

/** What every monitoring entry form is given besides its patient or episode. */
export interface EntryFormProps {
  /** Today's date, the form's default date. */
  today: string;
  /** The episode's day 0, for the "= D+n" hint. */
  dayZero: string;
  onSaved: () => void;
}

/** "9 Dec 2026 = D+14" (the date spelled out, then its day) for a complete ISO date, a blank description otherwise (keeps the fields aligned). */
export function dayHint(date: string, dayZero: string): string {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${formatDate(date)} = ${formatDay(dayRelative(date, dayZero))}` : ' ';
  } catch {
    return ' ';
  }
}

/**
 * A date of a monitoring entry with its day relative to day 0 under it ("= D+14"), then `note` if given; takes a
 * form's getInputProps. 160 px wide unless `w` says otherwise.
 */
export function DayField({
  dayZero,
  note,
  value,
  ...props
}: Omit<TextInputProps, 'type' | 'description' | 'value'> & { dayZero: string; note?: string; value?: unknown }) {
  const date = typeof value === 'string' ? value : '';
  const hint = dayHint(date, dayZero);
  return <TextInput type="date" w={160} {...props} value={date} description={note ? `${hint} · ${note}` : hint} />;
}
