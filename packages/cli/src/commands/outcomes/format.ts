// Plain-text tables for the readable (non --json) output.

export function fmt(x: number | null | undefined, digits = 4): string {
  if (x == null || Number.isNaN(x)) return 'NA';
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(digits - 1);
  return x.toFixed(digits);
}

export function pValue(p: number): string {
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/** Right-aligned columns with a header line. */
export function table(header: string[], rows: string[][]): string {
  // A loop, not Math.max(...rows): a 1M-row table would overflow the call stack.
  const widths = header.map((h) => h.length);
  for (const r of rows) r.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.length)));
  const line = (cells: string[]): string => cells.map((c, j) => c.padStart(widths[j]!)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
