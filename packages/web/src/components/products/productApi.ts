// Labels and formats of the product lab pages; the answer types are @engraft/domain's (views/products.ts).
import { type ProductStatus, PRODUCT_STATUSES, type StorageLocation } from '@engraft/domain';
import type { ZodType } from 'zod';
import { formatCells, formatDateTime, formatUnit } from '../../format';

export const STATUS_COLORS: Record<ProductStatus, string> = {
  collected: 'gray',
  processing: 'yellow',
  stored: 'blue',
  released: 'teal',
  shipped: 'grape',
  thawed: 'orange',
  infused: 'green',
  discarded: 'red',
};
export const statusLabel = (s: ProductStatus): string => PRODUCT_STATUSES[s];

/** "W9999 26 000101" */
export const eyeReadableDin = (din: string): string => `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)}`;

export function storageLabel(s: StorageLocation | null): string {
  if (!s) return '—';
  return [s.freezer, s.rack && `rack ${s.rack}`, s.box && `box ${s.box}`, s.position && `position ${s.position}`]
    .filter(Boolean)
    .join(' · ');
}

/** 3.5e8 → "3.50 ×10⁸" (the app's one formatter, format.ts). */
export const cells = (n: number | null | undefined): string => formatCells(n);

export const doseUnit = (u: string): string => formatUnit(u);

export function dateTime(iso: string): string {
  return formatDateTime(iso);
}

/** Field errors of a shared zod schema, keyed by dotted path (the server answers the same paths). */
export function fieldErrors(schema: ZodType, body: unknown): Record<string, string> | null {
  const r = schema.safeParse(body);
  if (r.success) return null;
  const out: Record<string, string> = {};
  for (const i of r.error.issues) {
    const key = i.path.join('.');
    out[key] ??= i.message.charAt(0).toUpperCase() + i.message.slice(1);
  }
  return out;
}

const COUNT_LABELS: Record<string, (v: number) => string> = {
  volumeMl: (v) => `volume ${v} mL`,
  viabilityPct: (v) => `viability ${v} %`,
  tncCells: (v) => `TNC ${cells(v)}`,
  cd34Cells: (v) => `CD34+ ${cells(v)}`,
  cd3Cells: (v) => `CD3+ ${cells(v)}`,
};
/** "volume 100 mL · viability 96 % · CD34+ 3.50 ×10⁸" from a counts object of an event. */
export function countsText(counts: unknown): string {
  if (!counts || typeof counts !== 'object') return '';
  return Object.entries(counts as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([k, v]) => (COUNT_LABELS[k] ?? ((x: number) => `${k} ${x}`))(v))
    .join(' · ');
}
