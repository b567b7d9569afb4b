import { mod37_2, mod37CheckCharacter } from '@engraft/clinical';
import { z } from 'zod';
import { countQuantity } from './productCounts';

// Vocabulary shared by donors, collections, products, manufacturing and infusion (issue 7). The product
// status machine lives here so the lab pages, the manufacturing flow and the bedside check agree on it.

export const DONOR_SOURCES = {
  autologous: 'Autologous (the patient)',
  related: 'Related donor',
  unrelated: 'Unrelated donor',
  cord: 'Cord blood unit',
} as const;
export const DonorSourceSchema = z.enum(
  Object.keys(DONOR_SOURCES) as [keyof typeof DONOR_SOURCES, ...(keyof typeof DONOR_SOURCES)[]]
);
export type DonorSource = z.infer<typeof DonorSourceSchema>;

/** Donor work-up, in order (domain model: DonorWorkup); `cancelled` may follow any status but `collected`. */
export const DONOR_STATUSES = {
  identified: 'Identified',
  'confirmatory-typing': 'Confirmatory typing',
  workup: 'Work-up',
  'medically-cleared': 'Medically cleared',
  'collection-scheduled': 'Collection scheduled',
  collected: 'Collected',
  cancelled: 'Cancelled',
} as const;
export type DonorStatus = keyof typeof DONOR_STATUSES;
export const DonorStatusSchema = z.enum(Object.keys(DONOR_STATUSES) as [DonorStatus, ...DonorStatus[]]);

export const COLLECTION_METHODS = {
  'bm-harvest': 'Bone marrow harvest',
  apheresis: 'Peripheral blood apheresis (HPC)',
  'cord-receipt': 'Cord blood unit receipt',
  leukapheresis: 'Leukapheresis for cell therapy',
} as const;
export type CollectionMethod = keyof typeof COLLECTION_METHODS;
export const CollectionMethodSchema = z.enum(
  Object.keys(COLLECTION_METHODS) as [CollectionMethod, ...CollectionMethod[]]
);

export const PRODUCT_KINDS = {
  'hpc-apheresis': 'HPC, Apheresis',
  'hpc-marrow': 'HPC, Marrow',
  'hpc-cord': 'HPC, Cord Blood',
  'mnc-apheresis': 'MNC, Apheresis (starting material)',
  'car-t': 'CAR-T cells',
  't-cells': 'T Cells',
  'nk-cells': 'NK Cells',
  'b-cells': 'B Cells',
  dli: 'Donor lymphocytes (DLI)',
} as const;
export type ProductKind = keyof typeof PRODUCT_KINDS;
export const ProductKindSchema = z.enum(Object.keys(PRODUCT_KINDS) as [ProductKind, ...ProductKind[]]);

/** Product status (domain model: collected → in processing → stored → released → shipped → thawed → infused | discarded). */
export const PRODUCT_STATUSES = {
  collected: 'Collected',
  processing: 'In processing',
  stored: 'Cryopreserved / stored',
  released: 'Released for infusion',
  shipped: 'Shipped',
  thawed: 'Thawed',
  infused: 'Infused',
  discarded: 'Discarded',
} as const;
export type ProductStatus = keyof typeof PRODUCT_STATUSES;
export const ProductStatusSchema = z.enum(Object.keys(PRODUCT_STATUSES) as [ProductStatus, ...ProductStatus[]]);

/**
 * The allowed moves. `shipped` covers starting material sent to a manufacturer and products sent to another
 * centre; a product comes back from `shipped` as `stored` (received frozen) or `collected` (received fresh).
 * A released product is thawed (cryopreserved) or infused fresh. Nothing leaves `infused` or `discarded`.
 */
export const PRODUCT_TRANSITIONS: Record<ProductStatus, readonly ProductStatus[]> = {
  collected: ['processing', 'stored', 'released', 'shipped', 'discarded'],
  processing: ['stored', 'released', 'discarded'],
  stored: ['processing', 'released', 'shipped', 'discarded'],
  released: ['thawed', 'infused', 'shipped', 'stored', 'discarded'],
  shipped: ['stored', 'collected', 'discarded'],
  thawed: ['infused', 'discarded'],
  infused: [],
  discarded: [],
};

/** Why a move is refused, in words for the person who tried it; null when allowed. */
export function productTransitionError(from: ProductStatus, to: ProductStatus): string | null {
  if (PRODUCT_TRANSITIONS[from].includes(to)) return null;
  const allowed = PRODUCT_TRANSITIONS[from];
  return (
    `a product that is ${PRODUCT_STATUSES[from].toLowerCase()} cannot become ${PRODUCT_STATUSES[to].toLowerCase()}` +
    (allowed.length ? ` (next: ${allowed.map((s) => PRODUCT_STATUSES[s].toLowerCase()).join(', ')})` : ' (it is final)')
  );
}

export const CmvStatusSchema = z.enum(['positive', 'negative', 'unknown']);
export type CmvStatus = z.infer<typeof CmvStatusSchema>;
export const SterilitySchema = z.enum(['pending', 'negative', 'positive']);

export const StorageLocationSchema = z.object({
  freezer: z.string().trim().min(1, 'name the freezer or tank').max(60),
  rack: z.string().trim().max(30).optional(),
  box: z.string().trim().max(30).optional(),
  position: z.string().trim().max(30).optional(),
});
export type StorageLocation = z.infer<typeof StorageLocationSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD');

/** A product as the API returns it (absolute cell numbers; per-kg doses are computed, never stored). */
export const ProductSchema = z.object({
  id: z.string().uuid(),
  patientId: z.string().uuid(),
  episodeId: z.string().uuid(),
  collectionId: z.string().uuid().nullable(),
  donorId: z.string().uuid().nullable(),
  manufacturingOrderId: z.string().uuid().nullable(),
  din: z.string(),
  dinCheckCharacter: z.string(),
  productCode: z.string(),
  division: z.string(),
  description: z.string(),
  kind: ProductKindSchema,
  status: ProductStatusSchema,
  collectedOn: z.string().nullable(),
  volumeMl: z.number().nullable(),
  tncCells: z.number().nullable(),
  cd34Cells: z.number().nullable(),
  cd3Cells: z.number().nullable(),
  carTCells: z.number().nullable(),
  viabilityPct: z.number().nullable(),
  sterility: SterilitySchema,
  aboRh: z.string().nullable(),
  cryopreserved: z.boolean(),
  expiresAt: z.string().nullable(),
  storage: StorageLocationSchema.nullable(),
  coi: z.string().nullable(),
  releaseRequestedBy: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Product = z.infer<typeof ProductSchema>;

/**
 * Registering a product (lab; also used by manufacturing receipt and the demo). The DIN is checked with
 * @engraft/clinical `checkDin` at the service (ISBT 128 ST-001 §2.4.1): a keyboard check character, if typed,
 * must match; bar-code data "=DIN" + flags is accepted.
 */
export const ProductRegisterSchema = z
  .object({
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
    kind: ProductKindSchema,
    description: z.string().trim().max(80).optional(),
    collectionId: z.string().uuid().optional(),
    donorId: z.string().uuid().optional(),
    collectedOn: isoDate.optional(),
    // Each count a quantity with its unit and possible range (productCounts.ts; issue 13).
    volumeMl: countQuantity('volumeMl').optional(),
    tncCells: countQuantity('tncCells').optional(),
    cd34Cells: countQuantity('cd34Cells').optional(),
    cd3Cells: countQuantity('cd3Cells').optional(),
    carTCells: countQuantity('carTCells').optional(),
    viabilityPct: countQuantity('viabilityPct').optional(),
    aboRh: z.string().trim().max(4).optional(),
    cryopreserved: z.boolean().default(false),
    expiresAt: z
      .string()
      .datetime({ offset: true, message: 'expiry is a date-time, e.g. 2026-12-01T23:59:00Z' })
      .optional(),
    coi: z.string().trim().max(20).optional(),
  })
  .strict();
export type ProductRegister = z.output<typeof ProductRegisterSchema>;

/** The keyboard check character K of a 13-character DIN (ISO/IEC 7064 MOD 37-2; ISBT 128 ST-001 §7.5), printed beside the DIN. */
export function mod37CheckOf(din: string): string {
  const checksum = mod37_2(din);
  if (checksum == null) throw new Error('not a DIN: characters outside 0-9, A-Z, *');
  return mod37CheckCharacter(checksum);
}

/** Donor type as outcomes reports group it (CIBMTR/EBMT: autologous, matched related, haploidentical, unrelated, cord). */
export const DONOR_TYPES = {
  autologous: 'Autologous',
  'matched-related': 'Matched related',
  haploidentical: 'Haploidentical relative',
  'other-related': 'Other related (mismatched or match not recorded)',
  unrelated: 'Unrelated adult',
  cord: 'Cord blood',
  'not-recorded': 'Donor not recorded',
} as const;
export type DonorType = keyof typeof DONOR_TYPES;
export const DonorTypeSchema = z.enum(Object.keys(DONOR_TYPES) as [DonorType, ...DonorType[]]);

/**
 * The donor type of an episode: autologous episodes (autologous HCT, autologous cell therapy) are autologous
 * whatever is recorded; otherwise the episode's chosen donor decides, a related donor by its recorded match.
 */
export function donorTypeOf(
  episode: { type: string; cellOrigin: string | null },
  donor: { source: string; relationship: string | null; matchGrade: string | null } | null
): DonorType {
  if (episode.type === 'autologous-hct' || episode.cellOrigin === 'autologous') return 'autologous';
  if (!donor) return 'not-recorded';
  if (donor.source === 'autologous') return 'autologous';
  if (donor.source === 'unrelated') return 'unrelated';
  if (donor.source === 'cord') return 'cord';
  // Related donors record their match as @engraft/domain DONOR_MATCHES: hla-identical | haploidentical | mismatched.
  if (donor.matchGrade === 'haploidentical') return 'haploidentical';
  if (donor.matchGrade === 'hla-identical') return 'matched-related';
  return 'other-related';
}
