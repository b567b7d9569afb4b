// Helpers of the manufacturing pages; the answer types are @engraft/domain's (views/manufacturing.ts).
/** A datetime-local input value (local time) as an ISO instant; '' when empty. */
export function localToIso(v: string): string {
  return v ? new Date(v).toISOString() : '';
}

/** Now as a datetime-local input value. */
export function nowLocal(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** "CH W9999 26 000001": the CoI in its parts, easier to read aloud and compare. */
export function spacedCoi(coi: string): string {
  return coi.length === 15 ? `${coi.slice(0, 2)} ${coi.slice(2, 7)} ${coi.slice(7, 9)} ${coi.slice(9)}` : coi;
}

/** A number field's value as sent: the number, or the text typed when it is not one (the server refuses it, naming the field); undefined when empty. */
export function typed(v: string | number): number | string | undefined {
  return typeof v === 'number' ? v : v.trim() === '' ? undefined : v;
}
