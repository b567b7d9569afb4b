import { computeCellDose } from '@engraft/clinical';
import { z } from 'zod';
import {
  type Product,
  type ProductKind,
  ProductRegisterSchema,
  PRODUCT_TRANSITIONS,
  StorageLocationSchema,
} from './cellProducts';
import { countOrderErrors, countQuantity, type CountKey, unconfirmedCountFindings } from './productCounts';
import { ConfirmationsSchema } from './safety/quantity';

// What the processing laboratory does to a product after it exists (issue 7): processing steps, storage, QC,
// release by two people, thaw, discard, shipment and receipt. The release rules and the per-kg doses are pure
// functions here so the API, the web page and the tests agree (Duong 2014 and Dehn 2019 for doses; ICCBBA ST-001 v6.2.2 for labels).

const when = z.string().datetime({ offset: true, message: 'a date-time, e.g. 2026-12-01T10:30:00Z' });
const reason = (what: string) => z.string().trim().min(3, `give the reason for ${what}`).max(500);

/** ISBT 128 collection type (ICCBBA ST-001 v6.2.2 Table 7 [RT008]): one character, e.g. 1 autologous only, V volunteer allogeneic. */
export const CollectionTypeSchema = z
  .string()
  .regex(/^[0-9A-Za-z]$/, 'collection type is one character, e.g. 1 (autologous use only) or V (volunteer allogeneic)');

/** Registering a product directly on an episode (cord unit from a bank, marrow harvest, DLI): the shared contract plus what the lab knows on receipt. */
export const ProductLabRegisterSchema = ProductRegisterSchema.extend({
  collectionType: CollectionTypeSchema.optional(),
  storage: StorageLocationSchema.optional(),
  /** Confirmations (field + reason) of implausible counts; the reasons go into the audit event. */
  confirmations: ConfirmationsSchema.optional(),
})
  .strict()
  .superRefine((p, ctx) => {
    for (const e of countOrderErrors(p)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
  });
export type ProductLabRegister = z.output<typeof ProductLabRegisterSchema>;

/** Post-processing (or post-thaw) counts; absolute numbers. */
export const ProductCountsSchema = z
  .object({
    volumeMl: countQuantity('volumeMl').optional(),
    tncCells: countQuantity('tncCells').optional(),
    cd34Cells: countQuantity('cd34Cells').optional(),
    cd3Cells: countQuantity('cd3Cells').optional(),
    viabilityPct: countQuantity('viabilityPct').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const e of countOrderErrors(c)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
  });
export type ProductCounts = z.infer<typeof ProductCountsSchema>;

export const PROCESSING_STEPS = {
  'red-cell-depletion': 'Red-cell depletion',
  'plasma-depletion': 'Plasma depletion',
  'buffy-coat': 'Buffy coat preparation',
  'cd34-selection': 'CD34+ selection',
  'tcell-depletion-ab': 'T-cell depletion (αβ)',
  'tcell-depletion-cd3': 'T-cell depletion (CD3)',
  'tcell-depletion-cd45ra': 'T-cell depletion (CD45RA)',
  'volume-reduction': 'Volume reduction',
  cryopreservation: 'Cryopreservation',
} as const;
export type ProcessingStep = keyof typeof PROCESSING_STEPS;
export const ProcessingStepSchema = z.enum(Object.keys(PROCESSING_STEPS) as [ProcessingStep, ...ProcessingStep[]]);

export const ProcessStepSchema = z
  .object({
    step: ProcessingStepSchema,
    performedAt: when.optional(),
    counts: ProductCountsSchema.default({}),
    /** Cryopreservation only: where the bag went. */
    storage: StorageLocationSchema.optional(),
    note: z.string().trim().max(500).optional(),
    confirmations: ConfirmationsSchema.optional(),
  })
  .strict();
export type ProcessStep = z.output<typeof ProcessStepSchema>;

export const StoreSchema = z
  .object({ location: StorageLocationSchema, note: z.string().trim().max(500).optional() })
  .strict();
export type StoreInput = z.output<typeof StoreSchema>;

export const QC_TESTS = {
  sterility: 'Sterility (bacterial/fungal culture)',
  viability: 'Viability',
  cd34: 'CD34+ count',
  cfu: 'CFU (colony-forming units)',
  endotoxin: 'Endotoxin',
  mycoplasma: 'Mycoplasma',
} as const;
export type QcTest = keyof typeof QC_TESTS;
export const QcTestSchema = z.enum(Object.keys(QC_TESTS) as [QcTest, ...QcTest[]]);
export const QcOutcomeSchema = z.enum(['negative', 'positive', 'pending']);

/** A QC result: sterility, endotoxin and mycoplasma have an outcome; viability, CD34+ and CFU a value. */
export const QcResultSchema = z
  .object({
    test: QcTestSchema,
    outcome: QcOutcomeSchema.optional(),
    value: z.number().nonnegative('a result cannot be negative').max(1e13).optional(),
    unit: z.string().trim().max(20).optional(),
    organism: z.string().trim().max(120).optional(),
    sampledAt: when.optional(),
    note: z.string().trim().max(500).optional(),
    confirmations: ConfirmationsSchema.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.test === 'cd34' && q.value != null && !(q.value > 0)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'CD34+ cells must be more than 0 cells' });
    }
    const withOutcome = q.test === 'sterility' || q.test === 'mycoplasma' || q.test === 'endotoxin';
    if (withOutcome && q.test !== 'endotoxin' && !q.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'choose negative, positive or pending' });
    }
    if (!withOutcome && q.value == null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `enter the ${QC_TESTS[q.test].toLowerCase()} result` });
    }
    if (q.test === 'endotoxin' && q.outcome == null && q.value == null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'enter the endotoxin result (EU/mL) or an outcome' });
    }
    if (q.test === 'viability' && q.value != null && q.value > 100) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'viability is a percentage (0–100)' });
    }
  });
export type QcResult = z.output<typeof QcResultSchema>;

export const ReleaseRequestSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const ReleaseConfirmSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const ReleaseExceptionSchema = z
  .object({ reason: reason('releasing a product with a positive culture') })
  .strict();
export const ThawSchema = z
  .object({
    thawedAt: when.optional(),
    counts: ProductCountsSchema.default({}),
    note: z.string().trim().max(500).optional(),
    confirmations: ConfirmationsSchema.optional(),
  })
  .strict();
export type ThawInput = z.output<typeof ThawSchema>;
/**
 * Discard is two-person, like release (issue 13, ADR 0511): a first lab user requests it with a reason, a second,
 * different lab user confirms it (`DiscardSchema`) or either cancels the request, each with their own reason.
 */
export const DiscardRequestSchema = z.object({ reason: reason('discarding the product') }).strict();
export const DiscardSchema = z.object({ reason: reason('confirming the discard') }).strict();
export const DiscardCancelSchema = z.object({ reason: reason('cancelling the discard request') }).strict();

/** A clock may run a little fast: a time up to 5 minutes ahead of the server is accepted, later is refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Why a recorded time cannot be right (it is in the future beyond the clock skew), or null. */
export function futureTimeError(at: string | undefined | null, now: string, label: string): string | null {
  if (at == null) return null;
  return Date.parse(at) > Date.parse(now) + CLOCK_SKEW_MS
    ? `${label} ${at} is in the future: record what was done, when it was done`
    : null;
}
/** Why a calendar date (YYYY-MM-DD) cannot be right: after the centre's today. */
export function futureDateError(date: string | undefined | null, today: string, label: string): string | null {
  return date != null && date > today
    ? `${label} ${date} is after today (${today}): record what was done, when it was done`
    : null;
}
export const ShipSchema = z
  .object({
    destination: z.string().trim().min(2, 'name where the product goes').max(200),
    courier: z.string().trim().max(120).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const ReceiveSchema = z
  .object({
    condition: z.enum(['frozen', 'fresh']),
    from: z.string().trim().max(200).optional(),
    storage: StorageLocationSchema.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

/** One entry of a product's history as the API returns it. */
export const ProductEventSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  details: z.record(z.string(), z.unknown()),
  statusAfter: z.string().nullable(),
  performedBy: z.string().nullable(),
  performedAt: z.string(),
});
export type ProductEvent = z.infer<typeof ProductEventSchema>;

export const PRODUCT_EVENT_LABELS: Record<string, string> = {
  registered: 'Registered',
  processed: 'Processing step',
  cryopreserved: 'Cryopreserved',
  stored: 'Stored',
  'storage-move': 'Moved in storage',
  qc: 'QC result',
  'release-requested': 'Release requested (1st signature)',
  released: 'Released (2nd signature)',
  'release-exception': 'Exceptional release authorised',
  thawed: 'Thawed',
  'discard-requested': 'Discard requested (1st person)',
  'discard-cancelled': 'Discard request cancelled',
  discarded: 'Discarded (2nd person)',
  shipped: 'Shipped',
  received: 'Received',
  'label-printed': 'Label printed',
};

// ---- Release rules ----

/** The counts a product needs before release, by kind (Duong HK et al., BBMT 2014;20:1262; Dehn J et al., Blood 2019;134:924: CD34+ for HPC-A, TNC for marrow, both for cord). */
export const RELEASE_COUNTS: Record<ProductKind, readonly ('tncCells' | 'cd34Cells' | 'cd3Cells' | 'carTCells')[]> = {
  'hpc-apheresis': ['cd34Cells'],
  'hpc-marrow': ['tncCells'],
  'hpc-cord': ['tncCells', 'cd34Cells'],
  'mnc-apheresis': ['tncCells'],
  'car-t': ['carTCells'],
  't-cells': ['cd3Cells'],
  dli: ['cd3Cells'],
  'nk-cells': ['tncCells'],
  'b-cells': ['tncCells'],
};
const COUNT_NAMES = {
  tncCells: 'TNC',
  cd34Cells: 'CD34+ cells',
  cd3Cells: 'CD3+ cells',
  carTCells: 'CAR+ T cells',
} as const;

export interface ReleaseContext {
  /** Now, as an ISO date-time. */
  now: string;
  /** A physician's exceptional release recorded after the latest positive culture, or null. */
  exception: { reason: string; by: string | null } | null;
  /** The counts whose current value was confirmed with a reason when written (`confirmedCountKeys`); default none. */
  confirmedCounts?: readonly CountKey[];
}
export interface ReleaseCheck {
  releasable: boolean;
  blockers: string[];
  warnings: string[];
}

type Checked = Pick<
  Product,
  | 'status'
  | 'kind'
  | 'sterility'
  | 'expiresAt'
  | 'volumeMl'
  | 'viabilityPct'
  | 'tncCells'
  | 'cd34Cells'
  | 'cd3Cells'
  | 'carTCells'
>;

/**
 * What in the record itself blocks a product from release and from a label (issue 13: blocking checks block):
 * a positive sterility culture without a physician's exceptional release, missing volume/viability or the counts
 * its kind is dosed by, an impossible order of counts (CD34+ above TNC) and an implausible count nobody confirmed.
 */
function recordCheck(p: Checked, ctx: ReleaseContext): ReleaseCheck {
  const blockers: string[] = [];
  const warnings: string[] = [];
  if (p.sterility === 'positive') {
    if (ctx.exception) {
      warnings.push(
        `sterility culture positive: exceptional release authorised${ctx.exception.by ? ` by ${ctx.exception.by}` : ''} (${ctx.exception.reason})`
      );
    } else {
      blockers.push('sterility culture is positive: release needs a physician’s exceptional release with a reason');
    }
  } else if (p.sterility === 'pending') {
    warnings.push('sterility culture is pending: the result must be followed up after release');
  }
  const missing: string[] = [];
  if (p.volumeMl == null) missing.push('volume');
  if (p.viabilityPct == null) missing.push('viability');
  for (const k of RELEASE_COUNTS[p.kind]) if (p[k] == null) missing.push(COUNT_NAMES[k]);
  if (missing.length) blockers.push(`missing counts: ${missing.join(', ')}`);
  for (const e of countOrderErrors(p)) blockers.push(`impossible counts: ${e.message}`);
  for (const f of unconfirmedCountFindings(p.kind, p, ctx.confirmedCounts ?? [])) {
    blockers.push(`unconfirmed count: ${f.message} (record the count again with a confirmation and its reason)`);
  }
  return { releasable: blockers.length === 0, blockers, warnings };
}

/**
 * What blocks release of a product (FACT-JACIE: release by the processing facility after review of the record):
 * a status that cannot become released, the record's blockers (`recordCheck`) and expiry. A pending culture is a
 * warning only: products are routinely released before a 14-day culture is final (ADR 0510).
 */
export function releaseCheck(p: Checked, ctx: ReleaseContext): ReleaseCheck {
  const blockers: string[] = [];
  if (!PRODUCT_TRANSITIONS[p.status].includes('released')) {
    blockers.push(
      p.status === 'released' ? 'the product is already released' : `a product that is ${p.status} cannot be released`
    );
  }
  const record = recordCheck(p, ctx);
  blockers.push(...record.blockers);
  if (p.expiresAt != null && Date.parse(p.expiresAt) <= Date.parse(ctx.now)) {
    blockers.push(`the product expired on ${p.expiresAt.slice(0, 16).replace('T', ' ')}`);
  }
  return { releasable: blockers.length === 0, blockers, warnings: record.warnings };
}

/**
 * What blocks printing a label (ADR 0511): the record's blockers, so a label never shows a count nobody
 * confirmed, and a product that is infused or discarded. Expiry does not block: the label prints the expiry.
 */
export function labelCheck(p: Checked, ctx: ReleaseContext): { printable: boolean; blockers: string[] } {
  const blockers =
    p.status === 'infused' || p.status === 'discarded' ? [`a product that is ${p.status} is not labelled`] : [];
  blockers.push(...recordCheck(p, ctx).blockers);
  return { printable: blockers.length === 0, blockers };
}

/** Why a product cannot be thawed, or null (only a released cryopreserved product is thawed). */
export function thawError(p: Pick<Product, 'status' | 'cryopreserved'>): string | null {
  if (!p.cryopreserved) return 'only a cryopreserved product is thawed; this product is fresh';
  if (p.status !== 'released') {
    return `a product is thawed only once released (this one is ${p.status}); release it first with two signatures`;
  }
  return null;
}

// ---- Doses per kg ----

export const ProductDoseSchema = z.object({
  measure: z.enum(['cd34', 'tnc', 'cd3', 'car-t']),
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  adequate: z.boolean().nullable(),
  explanation: z.string(),
});
export type ProductDose = z.infer<typeof ProductDoseSchema>;

/**
 * Per-kg doses of a product for a recipient weight (Duong 2014; Dehn 2019): CD34+ ×10^6/kg (×10^5/kg for
 * cord), TNC ×10^8/kg (×10^7/kg for cord), CD3+ ×10^6/kg, CAR+ T cells ×10^6/kg; computed on read, never stored.
 */
export function productDoses(
  p: Pick<Product, 'kind' | 'tncCells' | 'cd34Cells' | 'cd3Cells' | 'carTCells'>,
  weightKg: number,
  autologous: boolean
): ProductDose[] {
  const product =
    p.kind === 'hpc-apheresis'
      ? autologous
        ? 'hpc-apheresis-autologous'
        : 'hpc-apheresis-allogeneic'
      : p.kind === 'hpc-marrow'
        ? 'hpc-marrow'
        : p.kind === 'hpc-cord'
          ? 'hpc-cord'
          : p.kind === 'car-t'
            ? 'car-t'
            : 'other';
  const out: ProductDose[] = [];
  const add = (
    measure: ProductDose['measure'],
    label: string,
    total: number | null,
    m: 'cd34' | 'tnc' | 'car-positive-viable-t'
  ) => {
    if (total == null) return;
    const r = computeCellDose({ product, measure: m, totalCells: total, recipientWeightKg: weightKg });
    out.push({
      measure,
      label,
      value: r.conventional.value,
      unit: r.conventional.unit,
      adequate: r.checks.length ? r.adequate : null,
      explanation: r.explanation,
    });
  };
  add('cd34', 'CD34+', p.cd34Cells, 'cd34');
  add('tnc', 'TNC', p.tncCells, 'tnc');
  if (p.cd3Cells != null) {
    const value = p.cd3Cells / weightKg / 1e6;
    out.push({
      measure: 'cd3',
      label: 'CD3+',
      value,
      unit: 'x10^6/kg',
      adequate: null,
      explanation: `${value.toFixed(2)} ×10⁶/kg CD3+ (no standard threshold)`,
    });
  }
  add('car-t', 'CAR+ T', p.carTCells, 'car-positive-viable-t');
  return out;
}
