import { formatScientific } from './safety/typedNumber';
import { unitText } from '@engraft/clinical';
import type { z } from 'zod';
import type { ProductKind } from './cellProducts';
import { type Finding, quantity, type QuantitySpec } from './safety/quantity';

// The counts of a cell product (issue 13, hazards H-COUNT-n): absolute cells, volume and viability, each a
// quantity with its unit and possible range, plausible ranges by product kind, and the cross-step rules
// (a count that rises after processing or thaw, or a recovery below a floor) whose findings need a recorded
// confirmation. A TNC of 4.01 after 4.1 × 10¹⁰ must never again reach a label unnoticed.

export const COUNT_KEYS = ['volumeMl', 'tncCells', 'cd34Cells', 'cd3Cells', 'carTCells', 'viabilityPct'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type CellKey = 'tncCells' | 'cd34Cells' | 'cd3Cells' | 'carTCells';
export const CELL_KEYS: readonly CellKey[] = ['tncCells', 'cd34Cells', 'cd3Cells', 'carTCells'];
export type Counts = Partial<Record<CountKey, number | null>>;

/**
 * Possible ranges: a measured absolute count is more than 0 (leave it blank when not measured) and at most
 * 10¹³ cells (no cell product holds more); volume more than 0 and at most 5,000 mL; viability 0–100 %.
 * Plausible volume and viability are engineering limits, configurable here, not published thresholds: a bag
 * under 1 mL or over 2,000 mL, or a viability under 50 %, is unusual enough to ask for a confirmation.
 */
export const COUNT_SPECS: Record<CountKey, QuantitySpec> = {
  volumeMl: { label: 'volume', unit: 'mL', min: 0, exclusiveMin: true, max: 5000, plausible: { min: 1, max: 2000 } },
  tncCells: { label: 'TNC', unit: 'cells', min: 0, exclusiveMin: true, max: 1e13 },
  cd34Cells: { label: 'CD34+ cells', unit: 'cells', min: 0, exclusiveMin: true, max: 1e13 },
  cd3Cells: { label: 'CD3+ cells', unit: 'cells', min: 0, exclusiveMin: true, max: 1e13 },
  carTCells: { label: 'CAR+ T cells', unit: 'cells', min: 0, exclusiveMin: true, max: 1e13 },
  viabilityPct: { label: 'viability', unit: '%', min: 0, max: 100, plausible: { min: 50 } },
};

/** The zod schema of one count (possible range, message naming the field and unit). */
export const countQuantity = (key: CountKey): z.ZodNumber => quantity(COUNT_SPECS[key]);

/**
 * Plausible absolute counts by product kind. Engineering limits set about one order of magnitude around the
 * contents of typical products (an adult HPC apheresis collection holds about 10¹⁰–10¹¹ TNC and 10⁸–10⁹ CD34+;
 * a cord blood unit about 10⁹ TNC and 10⁶–10⁷ CD34+; a CAR-T dose 10⁷–10⁹ CAR+ T cells). FACT-JACIE
 * International Standards (8th ed., 2021, section D) require these counts but set no ranges, so these are
 * configurable limits for the lab director to review, not published thresholds.
 */
export const PLAUSIBLE_CELLS: Partial<Record<ProductKind, Partial<Record<CellKey, { min?: number; max?: number }>>>> = {
  'hpc-apheresis': { tncCells: { min: 1e8, max: 1e12 }, cd34Cells: { min: 1e6, max: 1e10 } },
  'hpc-marrow': { tncCells: { min: 1e8, max: 5e11 }, cd34Cells: { min: 1e6, max: 1e10 } },
  'hpc-cord': { tncCells: { min: 1e8, max: 1e10 }, cd34Cells: { min: 1e5, max: 1e8 } },
  'mnc-apheresis': { tncCells: { min: 1e8, max: 1e12 } },
  'car-t': { carTCells: { min: 1e6, max: 1e10 }, tncCells: { min: 1e6, max: 1e11 } },
  't-cells': { cd3Cells: { min: 1e5, max: 1e11 } },
  dli: { cd3Cells: { min: 1e5, max: 1e11 } },
};

/** The spec of a count for a product kind: the possible range with the kind's plausible range. */
export function countSpec(kind: ProductKind, key: CountKey): QuantitySpec {
  const spec = COUNT_SPECS[key];
  const byKind = (CELL_KEYS as readonly string[]).includes(key) ? PLAUSIBLE_CELLS[kind]?.[key as CellKey] : undefined;
  return byKind ? { ...spec, plausible: byKind } : spec;
}

/** Subpopulations cannot outnumber the total: CD34+ ≤ TNC, CD3+ ≤ TNC, CAR+ T ≤ TNC (an impossible record). */
export function countOrderErrors(c: Counts, prefix = ''): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const tnc = c.tncCells;
  if (tnc == null) return out;
  for (const k of ['cd34Cells', 'cd3Cells', 'carTCells'] as const) {
    const v = c[k];
    if (v != null && v > tnc) {
      out.push({
        path: `${prefix}${k}`,
        message: `${COUNT_SPECS[k].label} (${fmt(v)}) cannot be more than the TNC (${fmt(tnc)} cells)`,
      });
    }
  }
  return out;
}

const fmt = (n: number): string => formatScientific(n);

/** Plausibility of the given counts for the product's kind, one finding per field (`prefix` + key). */
export function countFindings(kind: ProductKind, c: Counts, prefix = ''): Finding[] {
  const out: Finding[] = [];
  for (const k of COUNT_KEYS) {
    const v = c[k];
    if (v == null) continue;
    const spec = countSpec(kind, k);
    const p = spec.plausible;
    if (p?.min !== undefined && v < p.min) {
      out.push({
        field: `${prefix}${k}`,
        message: `${spec.label} ${fmt(v)} ${unitText(spec.unit)} is below the usual range for this product (≥ ${fmt(p.min)} ${unitText(spec.unit)}); check it`,
      });
    } else if (p?.max !== undefined && v > p.max) {
      out.push({
        field: `${prefix}${k}`,
        message: `${spec.label} ${fmt(v)} ${unitText(spec.unit)} is above the usual range for this product (≤ ${fmt(p.max)} ${unitText(spec.unit)}); check it`,
      });
    }
  }
  return out;
}

/** A count may exceed the one before it by measurement error only: more than 110 % of it is a finding. */
export const RISE_TOLERANCE = 1.1;
/** A recovery below 10 % of the count before the step is a finding (a lost product, or a typing slip). */
export const RECOVERY_FLOOR = 0.1;

/** Steps that remove a population on purpose: its recovery floor does not apply (CD34+ selection removes most nucleated and T cells). */
const DEPLETES: Record<string, readonly CellKey[]> = {
  'cd34-selection': ['tncCells', 'cd3Cells'],
  'tcell-depletion-ab': ['cd3Cells'],
  'tcell-depletion-cd3': ['cd3Cells'],
  'tcell-depletion-cd45ra': ['cd3Cells'],
};

function stepFindings(
  before: Counts,
  after: Counts,
  prefix: string,
  what: string,
  exempt: readonly CellKey[]
): Finding[] {
  const out: Finding[] = [];
  for (const k of CELL_KEYS) {
    const pre = before[k];
    const post = after[k];
    if (pre == null || post == null || pre <= 0) continue;
    const label = COUNT_SPECS[k].label;
    const pct = Math.round((post / pre) * 1000) / 10;
    if (post > pre * RISE_TOLERANCE) {
      out.push({
        field: `${prefix}${k}`,
        message: `${label} ${fmt(post)} ${what} is ${pct} % of ${fmt(pre)} before: a count cannot rise by more than measurement error (> ${Math.round(RISE_TOLERANCE * 100)} %); check it`,
      });
    } else if (post < pre * RECOVERY_FLOOR && !exempt.includes(k)) {
      out.push({
        field: `${prefix}${k}`,
        message: `${label} ${fmt(post)} ${what} is ${pct} % of ${fmt(pre)} before: a recovery below ${RECOVERY_FLOOR * 100} % is unusual; check it`,
      });
    }
  }
  return out;
}

/** Post-processing counts against the product's counts before the step. */
export function processingFindings(step: string, before: Counts, after: Counts, prefix = 'counts.'): Finding[] {
  return stepFindings(before, after, prefix, 'after processing', DEPLETES[step] ?? []);
}

/** Post-thaw counts against the pre-freeze counts: viable CD34+ (or any count) above pre-freeze is a finding. */
export function thawFindings(preFreeze: Counts, postThaw: Counts, prefix = 'counts.'): Finding[] {
  return stepFindings(preFreeze, postThaw, prefix, 'after thaw', []);
}

/** One finding per field: messages of the same field are joined (requireConfirmations asks once per field). */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const by = new Map<string, string[]>();
  for (const f of findings) by.set(f.field, [...(by.get(f.field) ?? []), f.message]);
  return [...by].map(([field, messages]) => ({ field, message: messages.join('; ') }));
}

/** The count key a finding's field path is about ("counts.tncCells" → tncCells), or null. */
export function countKeyOf(field: string): CountKey | null {
  const last = field.split('.').at(-1) ?? '';
  return (COUNT_KEYS as readonly string[]).includes(last) ? (last as CountKey) : null;
}

/**
 * Which of the product's current counts were confirmed when last written: walks the product's events in order
 * (registered, processed, cryopreserved, QC of CD34+ or viability); each event that sets a count records in
 * `details.confirmed` the counts it set with a confirmation. The last write of a count decides.
 */
export function confirmedCountKeys(events: readonly { kind: string; details: Record<string, unknown> }[]): CountKey[] {
  const state = new Map<CountKey, boolean>();
  for (const e of events) {
    const confirmed = (e.details.confirmed ?? {}) as Record<string, unknown>;
    let set: CountKey[] = [];
    if (e.kind === 'registered') set = [...COUNT_KEYS];
    else if (e.kind === 'processed' || e.kind === 'cryopreserved') {
      set = Object.keys(e.details.counts ?? {}).filter((k): k is CountKey =>
        (COUNT_KEYS as readonly string[]).includes(k)
      );
    } else if (e.kind === 'qc') {
      set = e.details.test === 'cd34' ? ['cd34Cells'] : e.details.test === 'viability' ? ['viabilityPct'] : [];
    }
    for (const k of set) state.set(k, typeof confirmed[k] === 'string');
  }
  return [...state].filter(([, v]) => v).map(([k]) => k);
}

/** Counts a finding's confirmations cover, keyed by count (stored in the product event's `details.confirmed`). */
export function confirmedMap(
  confirmations: readonly { field: string; reason: string }[],
  keyOf: (field: string) => CountKey | null = countKeyOf
): Partial<Record<CountKey, string>> {
  const out: Partial<Record<CountKey, string>> = {};
  for (const c of confirmations) {
    const k = keyOf(c.field);
    if (k) out[k] = c.reason;
  }
  return out;
}

/** The current counts' findings no recorded confirmation covers: these block release and labelling. */
export function unconfirmedCountFindings(kind: ProductKind, c: Counts, confirmed: readonly CountKey[]): Finding[] {
  return countFindings(kind, c).filter((f) => !confirmed.includes(f.field as CountKey));
}
