// Small pieces the monitoring entry forms share: the "= D+n" hint under a date and the form's error alert.
import { dayRelative, formatDay } from '@engraft/clinical';
import { Alert } from '@mantine/core';

/** "= D+14" for a complete ISO date, a blank description otherwise (keeps the fields aligned). */
export function dayHint(date: string, dayZero: string): string {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `= ${formatDay(dayRelative(date, dayZero))}` : ' ';
  } catch {
    return ' ';
  }
}

export function ErrorAlert({ error }: { error: string | null }) {
  return error ? (
    <Alert color="red" role="alert" mt="xs">
      {error}
    </Alert>
  ) : null;
}
