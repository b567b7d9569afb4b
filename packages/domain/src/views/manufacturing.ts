import { z } from 'zod';
import { ProductSchema } from '../cellProducts';
import { CELL_TYPES, CellOriginSchema, EpisodeSchema } from '../episodes';
import { CustodyLegSchema, ManufacturingStatusSchema } from '../manufacturingOrder';

// Manufacturing orders as the API answers them (ADR 0520; response contract ADR 0020).

export const ManufacturingStatusEventSchema = z.object({
  status: ManufacturingStatusSchema,
  at: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

/**
 * Where a custody entry comes from: a hand-over recorded on the order, or the received product's own records —
 * the lab's thaw, the bag reaching the ward (the first passing bedside check), the bedside infusion.
 */
export const CUSTODY_SOURCES = ['hand-over', 'thaw', 'ward', 'infusion'] as const;
export type CustodySource = (typeof CUSTODY_SOURCES)[number];

export const CustodyEventSchema = z.object({
  id: z.uuid(),
  source: z.enum(CUSTODY_SOURCES),
  leg: CustodyLegSchema,
  productId: z.uuid().nullable(),
  fromParty: z.string(),
  toParty: z.string(),
  handedAt: z.string(),
  temperatureC: z.number().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type CustodyEvent = z.infer<typeof CustodyEventSchema>;

/** The received dose against the product's label (`@engraft/clinical` `checkCartDose`); null while nothing was received. */
export const DoseCheckSchema = z.object({ withinLabel: z.boolean().nullable(), message: z.string() });
export type DoseCheck = z.infer<typeof DoseCheckSchema>;

export const VeinToVeinViewSchema = z.object({
  collectedOn: z.string().nullable(),
  infusedOn: z.string().nullable(),
  days: z.number().int().nullable().describe('collection → infusion, whole days'),
  daysSoFar: z.number().int().nullable().describe('collection → today while not infused'),
  turnaroundDays: z.number().int().nullable().describe('shipped to manufacturer → received, whole days'),
  collectedFrom: z.enum(['collection', 'order']).nullable(),
});

export const ManufacturingOrderViewSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  patientId: z.uuid(),
  productName: z.string(),
  productLabel: z.string(),
  commercial: z.boolean(),
  cellType: z.enum(CELL_TYPES),
  cellOrigin: CellOriginSchema,
  manufacturer: z.string().nullable(),
  coi: z.string(),
  coiSource: z.enum(['assigned', 'external']),
  collectionId: z.uuid().nullable(),
  slotOn: z.string().nullable(),
  status: ManufacturingStatusSchema,
  nextStatuses: z.array(ManufacturingStatusSchema),
  targetDose: z.string().nullable(),
  receivedProductId: z.uuid().nullable(),
  receivedBags: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(ManufacturingStatusEventSchema),
  custody: z.array(CustodyEventSchema),
  receivedProduct: ProductSchema.nullable(),
  doseCheck: DoseCheckSchema.nullable(),
  veinToVein: VeinToVeinViewSchema,
});
export type ManufacturingOrderView = z.infer<typeof ManufacturingOrderViewSchema>;

/** A leukapheresis collection an order can be linked to. */
export const CollectionRefSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  method: z.string(),
  coi: z.string().nullable(),
  firstDay: z.string().nullable(),
  plannedOn: z.string().nullable(),
});
export type CollectionRef = z.infer<typeof CollectionRefSchema>;

export const ManufacturingEpisodeSchema = z.object({
  episode: EpisodeSchema,
  patient: z.object({
    id: z.uuid(),
    mrn: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    weightKg: z.number().nullable(),
  }),
  collections: z.array(CollectionRefSchema),
  orders: z.array(ManufacturingOrderViewSchema),
});
export type ManufacturingEpisodeView = z.infer<typeof ManufacturingEpisodeSchema>;
