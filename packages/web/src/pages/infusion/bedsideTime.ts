// Times on the bedside page: UTC as recorded, and the device's local time for the start and end inputs.
import { formatDateTime } from '../../format';

/** "6 Dec 2026 09:30" (UTC), the app's one date-time format. */
export const time = (iso: string): string => formatDateTime(iso);

/** A datetime-local value (the device's local time) for now. */
export const localNow = (): string => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export const toIso = (local: string): string => new Date(local).toISOString();
