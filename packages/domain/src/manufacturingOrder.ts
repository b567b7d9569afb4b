import { CART_PRODUCTS, checkCoi, IsoDateSchema, toDayNumber } from '@engraft/clinical';
import { z } from 'zod';
import { CELL_TYPES, CellOriginSchema } from './episodes';

// Cell-therapy manufacturing orders (issue 7; CAR-T US prescribing information; ICCBBA ST-001
// v6.2.2 §2.4.40 Chain of Identity DS040 and ST-028; 21 CFR 1271.290 chain of custody): the order status machine, the Chain of Identity identifier an order is given,
// the order/custody/receipt contracts and the vein-to-vein arithmetic. Pure: the server stores, this decides.

/** Order status, in the order a manufacture goes; `cancelled` and `manufacturing-failed` end an order early. */
export const MANUFACTURING_STATUSES = {
  ordered: 'Ordered',
  'slot-confirmed': 'Slot confirmed',
  collected: 'Collected (leukapheresis)',
  'shipped-to-manufacturer': 'Shipped to manufacturer',
  'in-manufacturing': 'In manufacturing',
  'shipped-to-centre': 'Shipped to centre',
  received: 'Received',
  thawed: 'Thawed',
  infused: 'Infused',
  cancelled: 'Cancelled',
  'manufacturing-failed': 'Manufacturing failed',
} as const;
export type ManufacturingStatus = keyof typeof MANUFACTURING_STATUSES;
export const ManufacturingStatusSchema = z.enum(
  Object.keys(MANUFACTURING_STATUSES) as [ManufacturingStatus, ...ManufacturingStatus[]]
);

/** The main path, in order (the stepper of the web page). */
export const MANUFACTURING_PATH: readonly ManufacturingStatus[] = [
  'ordered',
  'slot-confirmed',
  'collected',
  'shipped-to-manufacturer',
  'in-manufacturing',
  'shipped-to-centre',
  'received',
];

/** The path and then the product's last links (thaw, infusion), which the order follows (`orderStatusOfProduct`). */
export const MANUFACTURING_JOURNEY: readonly ManufacturingStatus[] = [...MANUFACTURING_PATH, 'thawed', 'infused'];

/**
 * Final statuses: no status move leaves them. After `manufacturing-failed` (or `cancelled`) a new order may be placed.
 * `thawed` and `infused` follow the received product (`orderStatusOfProduct`), never a status move.
 */
export const MANUFACTURING_FINAL: readonly ManufacturingStatus[] = [
  'received',
  'thawed',
  'infused',
  'cancelled',
  'manufacturing-failed',
];

/** The statuses an order reaches through its product (the receipt, the lab's thaw, the bedside infusion). */
export const MANUFACTURING_PRODUCT_STATUSES: readonly ManufacturingStatus[] = ['received', 'thawed', 'infused'];

/**
 * The allowed moves: one step along the path, or cancelled / manufacturing-failed from any non-final status.
 * Manufacturing can only fail once the starting material has left the centre.
 */
export const MANUFACTURING_TRANSITIONS: Record<ManufacturingStatus, readonly ManufacturingStatus[]> = {
  ordered: ['slot-confirmed', 'cancelled'],
  'slot-confirmed': ['collected', 'cancelled'],
  collected: ['shipped-to-manufacturer', 'cancelled'],
  'shipped-to-manufacturer': ['in-manufacturing', 'cancelled', 'manufacturing-failed'],
  'in-manufacturing': ['shipped-to-centre', 'cancelled', 'manufacturing-failed'],
  'shipped-to-centre': ['received', 'cancelled', 'manufacturing-failed'],
  received: [],
  thawed: [],
  infused: [],
  cancelled: [],
  'manufacturing-failed': [],
};

const lower = (s: ManufacturingStatus): string => MANUFACTURING_STATUSES[s].toLowerCase();

/** Why a move is refused, in words for the person who tried it; null when allowed. */
export function manufacturingTransitionError(from: ManufacturingStatus, to: ManufacturingStatus): string | null {
  if (MANUFACTURING_TRANSITIONS[from].includes(to)) return null;
  if (from === to) return `the order is already ${lower(from)}`;
  const allowed = MANUFACTURING_TRANSITIONS[from];
  if (allowed.length === 0) {
    return (
      `an order that is ${lower(from)} is final and cannot become ${lower(to)}` +
      (from === 'manufacturing-failed' ? ' (place a new order to re-manufacture)' : '')
    );
  }
  return `an order that is ${lower(from)} cannot become ${lower(to)} (next: ${allowed.map(lower).join(', ')})`;
}

/**
 * A received order's status follows its product through the last links of the chain of custody (21 CFR
 * 1271.290: each product is tracked to its final disposition, here the recipient): thawed when the lab thaws it, infused once the bedside infusion starts. Any other order, and
 * a product stored, released or discarded, keeps the order's own status.
 */
export function orderStatusOfProduct(order: ManufacturingStatus, product: string | null): ManufacturingStatus {
  if (!MANUFACTURING_PRODUCT_STATUSES.includes(order)) return order;
  if (product === 'infused') return 'infused';
  if (product === 'thawed') return 'thawed';
  return order;
}

/** The commercial CAR-T products (keys of @engraft/clinical CART_PRODUCTS, one per label indication). */
export const COMMERCIAL_PRODUCT_KEYS = Object.keys(CART_PRODUCTS);

const GENERIC_NAMES = [
  'tisagenlecleucel',
  'axicabtagene-ciloleucel',
  'brexucabtagene-autoleucel',
  'lisocabtagene-maraleucel',
  'idecabtagene-vicleucel',
  'ciltacabtagene-autoleucel',
] as const;

/** "Yescarta (axicabtagene ciloleucel) — LBCL, FL" for a CART_PRODUCTS key; in-house names unchanged. */
export function manufacturingProductLabel(productName: string): string {
  const entry = CART_PRODUCTS[productName];
  if (!entry) return productName;
  const generic = GENERIC_NAMES.find((g) => productName.startsWith(g)) ?? productName;
  const m = /^(\w+) \(([^)]*)\)/.exec(entry.label);
  const brand = m?.[1] ?? entry.label;
  const indication = m?.[2];
  return `${brand} (${generic.replace('-', ' ')})${indication ? ` — ${indication}` : ''}`;
}

export const isCommercialProduct = (productName: string): boolean => productName in CART_PRODUCTS;

// ---- Chain of Identity identifier (ISBT 128 DS040, ICCBBA ST-001 v6.2.2 §2.4.40) ----

/** Test FIN used when no ENGRAFT_FIN is configured: W9999 is not a real facility (do not use in production). */
export const DEFAULT_TEST_FIN = 'W9999';
const FIN_PATTERN = /^[A-NP-Z1-9][A-NP-Z0-9]{2}[0-9]{2}$/;
export const isFin = (fin: string): boolean => FIN_PATTERN.test(fin);

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The CoI "CH" + FIN + yy + 6 alphanumerics for the n-th order (1-based) of a year: the sequence is n written
 * in base 36 (0-9, A-Z), zero-padded, so the first order is CH<FIN><yy>000001. ST-001 defines no check character.
 */
export function coiFor(fin: string, year: number, n: number): string {
  if (!isFin(fin)) throw new RangeError(`not a FIN: ${fin}`);
  if (!Number.isInteger(n) || n < 1 || n >= 36 ** 6) throw new RangeError('the CoI sequence is 1 to 36^6 - 1');
  let seq = '';
  for (let v = n; v > 0; v = Math.floor(v / 36)) seq = ALNUM[v % 36]! + seq;
  return `CH${fin}${String(year % 100).padStart(2, '0')}${seq.padStart(6, '0')}`;
}

/** The CoI as stored: spaces and a leading data identifier "&/" removed, upper case. */
export const normaliseCoi = (coi: string): string => coi.replace(/\s+/g, '').replace(/^&\//, '').toUpperCase();

// ---- Contracts ----

const CoiInput = z
  .string()
  .trim()
  .max(24)
  .superRefine((v, ctx) => {
    const r = checkCoi({ coi: normaliseCoi(v) });
    if (!r.valid) ctx.addIssue({ code: 'custom', message: r.explanation });
  });

/** Placing an order: a commercial product (CART_PRODUCTS key) or an in-house / trial product with its cells. */
export const ManufacturingOrderCreateSchema = z
  .object({
    productName: z
      .string()
      .trim()
      .min(1, 'choose the product')
      .max(120)
      .describe('a commercial product key (e.g. axicabtagene-ciloleucel) or the in-house / trial product name'),
    cellType: z.enum(CELL_TYPES).default('T'),
    cellOrigin: CellOriginSchema.default('autologous'),
    manufacturer: z.string().trim().max(120).optional(),
    slotOn: IsoDateSchema.optional().describe('the collection slot date offered by the manufacturer'),
    collectionId: z
      .uuid('collection id must be a UUID')
      .optional()
      .describe('the leukapheresis collection the starting material comes from'),
    targetDose: z.string().trim().max(200).optional(),
    coi: CoiInput.optional().describe('a CoI assigned by the manufacturer or sponsor; omitted: the centre assigns one'),
    orderedAt: z.iso
      .datetime({ offset: true, message: 'use a date-time, e.g. 2026-03-01T09:30:00Z' })
      .optional()
      .describe('when the order was placed (default: now)'),
  })
  .strict();
export type ManufacturingOrderCreate = z.output<typeof ManufacturingOrderCreateSchema>;

const dateTime = z.iso.datetime({ offset: true, message: 'use a date-time, e.g. 2026-03-01T09:30:00Z' });

export const ManufacturingStatusChangeSchema = z
  .object({
    status: ManufacturingStatusSchema,
    at: dateTime.optional().describe('when it happened (default: now)'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ManufacturingStatusChange = z.output<typeof ManufacturingStatusChangeSchema>;

export const CUSTODY_LEGS = {
  outbound: 'Starting material to manufacturer',
  return: 'Product back to centre',
} as const;
export const CustodyLegSchema = z.enum(['outbound', 'return']);

/** One hand-over in the chain of custody (who to whom, when, at what temperature). */
export const CustodyEventCreateSchema = z
  .object({
    leg: CustodyLegSchema.default('outbound'),
    fromParty: z.string().trim().min(1, 'who handed it over?').max(120),
    toParty: z.string().trim().min(1, 'who received it?').max(120),
    handedAt: dateTime,
    temperatureC: z
      .number()
      .min(-273, 'colder than absolute zero')
      .max(60, 'above 60 °C is not a shipping temperature')
      .optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CustodyEventCreate = z.output<typeof CustodyEventCreateSchema>;

export const RECEIVED_PRODUCT_KINDS = ['car-t', 't-cells', 'nk-cells', 'b-cells'] as const;

/** The final product as it arrives: registered as a product carrying the order's CoI. */
export const ManufacturingReceiptSchema = z
  .object({
    coi: z.string().trim().min(1, 'scan or type the CoI on the bag / cassette').max(24),
    din: z.string().trim().min(13, 'a DIN has 13 characters (plus an optional check character)').max(20),
    productCode: z
      .string()
      .trim()
      .regex(/^[A-Z][0-9A-Z]{4}$/, 'a product description code is a letter and 4 characters, e.g. S1295'),
    division: z
      .string()
      .trim()
      .regex(/^([A-Z][a-z0-9]|00|[A-Z]0)$/, 'division is 2 characters, e.g. 00, A0, Ab')
      .default('00'),
    kind: z.enum(RECEIVED_PRODUCT_KINDS).default('car-t'),
    carTCells: z
      .number()
      .positive('the dose must be above 0 cells')
      .max(1e12, 'that is more cells than a product holds')
      .describe('CAR-positive (or target) viable cells, absolute'),
    volumeMl: z.number().positive('volume must be above 0 mL').max(5000).optional(),
    bags: z.number().int().min(1, 'at least one bag').max(20, 'more than 20 bags?'),
    expiresAt: dateTime.optional(),
    cryopreserved: z.boolean().default(true),
    receivedAt: dateTime.optional(),
  })
  .strict();
export type ManufacturingReceipt = z.output<typeof ManufacturingReceiptSchema>;

// ---- Vein-to-vein ----

const daysBetween = (from: string, to: string): number => toDayNumber(to.slice(0, 10)) - toDayNumber(from.slice(0, 10));

export interface VeinToVein {
  /** Leukapheresis date (the collection, or the order's 'collected' time). */
  collectedOn: string | null;
  infusedOn: string | null;
  /** Collection → infusion, whole days; null until infused. */
  days: number | null;
  /** Collection → today while not infused. */
  daysSoFar: number | null;
  /** Shipped to manufacturer → received, whole days. */
  turnaroundDays: number | null;
}

/** Vein-to-vein time (leukapheresis → infusion) and manufacturing turnaround (shipped out → received), in days. */
export function veinToVein(t: {
  collectedOn: string | null;
  shippedOutOn: string | null;
  receivedOn: string | null;
  infusedOn: string | null;
  today: string;
}): VeinToVein {
  const { collectedOn, infusedOn } = t;
  return {
    collectedOn,
    infusedOn,
    days: collectedOn && infusedOn ? daysBetween(collectedOn, infusedOn) : null,
    daysSoFar: collectedOn && !infusedOn ? daysBetween(collectedOn, t.today) : null,
    turnaroundDays: t.shippedOutOn && t.receivedOn ? daysBetween(t.shippedOutOn, t.receivedOn) : null,
  };
}
