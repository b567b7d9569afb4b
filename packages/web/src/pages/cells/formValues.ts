// What the donor and collection forms send for their fields. A count is typed in units of 10^n cells (the unit
// on the label) and sent as whole cells, so the CD34+ dose the server computes is in cells per kg.

/** A number field's value as sent: the number, the text typed when it is not one (the schema refuses it, naming the field), or undefined when empty. */
export const typed = (v: number | string): number | string | undefined =>
  typeof v === 'number' ? v : v.trim() === '' ? undefined : v;

/** A count typed in units of 10^n cells, as absolute cells (whole cells); text that is not a number is sent as typed. */
export const scaled = (v: number | string, power: number): number | string | undefined => {
  const x = typed(v);
  return typeof x === 'number' ? Math.round(x * 10 ** power) : x;
};

/** Select options from a label map. */
export const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** An optional text field: empty or "unknown" is not sent. */
export const unlessUnknown = (v: string) => (v === '' || v === 'unknown' ? undefined : v);
