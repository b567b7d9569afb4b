// Times on the bedside page: UTC as recorded, and the device's local time for the start and end inputs.

/** "2026-12-06 09:30" (UTC). */
export const time = (iso: string): string => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

/** A datetime-local value (the device's local time) for now. */
export const localNow = (): string => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export const toIso = (local: string): string => new Date(local).toISOString();
