/** Timestamps from either driver (Date or string) as ISO strings for the API. */
export function iso(v: Date | string): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

export function numOrNull(v: number | string | null): number | null {
  return v === null ? null : Number(v);
}
