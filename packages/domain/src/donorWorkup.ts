import { z } from 'zod';
import { IsoDateSchema } from './dates';
import { AboRhSchema } from './patients';
import { countOrderErrors, countQuantity } from './productCounts';
import { ConfirmationsSchema } from './safety/quantity';
import {
  CmvStatusSchema,
  CollectionMethodSchema,
  type DonorStatus,
  DONOR_STATUSES,
  DonorStatusSchema,
  ProductKindSchema,
} from './cellProducts';

// Donor choice and work-up, collections and collection days (issue 7; Duong HK et al., BBMT 2014;20:1262; Dehn J et al., Blood 2019;134:924;
// ICCBBA ST-001 v6.2.2).
// The work-up and collection status machines live here so the API, the web and the demo agree on them.

/** The work-up in order (domain model DonorWorkup); each step moves one forward; `cancelled` from any but collected. */
export const DONOR_WORKUP_ORDER = [
  'identified',
  'confirmatory-typing',
  'workup',
  'medically-cleared',
  'collection-scheduled',
  'collected',
] as const satisfies readonly DonorStatus[];

export const DONOR_TRANSITIONS: Record<DonorStatus, readonly DonorStatus[]> = {
  identified: ['confirmatory-typing', 'cancelled'],
  'confirmatory-typing': ['workup', 'cancelled'],
  workup: ['medically-cleared', 'cancelled'],
  'medically-cleared': ['collection-scheduled', 'cancelled'],
  'collection-scheduled': ['collected', 'cancelled'],
  collected: [],
  cancelled: [],
};

/** The next work-up step (the "next status" button), or null when the work-up is over. */
export function nextDonorStatus(from: DonorStatus): DonorStatus | null {
  return DONOR_TRANSITIONS[from].find((s) => s !== 'cancelled') ?? null;
}

/** Why a work-up move is refused, in words for the person who tried it; null when allowed. */
export function donorTransitionError(from: DonorStatus, to: DonorStatus): string | null {
  if (DONOR_TRANSITIONS[from].includes(to)) return null;
  const label = (s: DonorStatus) => DONOR_STATUSES[s].toLowerCase();
  if (from === to) return `the donor is already ${label(from)}`;
  const allowed = DONOR_TRANSITIONS[from];
  return (
    `a donor at ${label(from)} cannot move to ${label(to)}` +
    (allowed.length ? ` (next: ${allowed.map(label).join(' or ')})` : ' (the work-up is over)')
  );
}

export const DONOR_RELATIONSHIPS = {
  sibling: 'Sibling',
  parent: 'Parent',
  child: 'Child',
  'other-relative': 'Other relative',
} as const;
export const DonorRelationshipSchema = z.enum(
  Object.keys(DONOR_RELATIONSHIPS) as [keyof typeof DONOR_RELATIONSHIPS, ...(keyof typeof DONOR_RELATIONSHIPS)[]]
);
export const DONOR_MATCHES = {
  'hla-identical': 'HLA-identical',
  haploidentical: 'Haploidentical',
  mismatched: 'Mismatched',
} as const;
export const DonorMatchSchema = z.enum(
  Object.keys(DONOR_MATCHES) as [keyof typeof DONOR_MATCHES, ...(keyof typeof DONOR_MATCHES)[]]
);

export const DonorSexSchema = z.enum(['male', 'female']);
const weight = z.number().positive('weight must be above 0 kg').max(250, 'weight above 250 kg is not plausible');
const birthYear = z.number().int('a year').min(1920, 'birth year after 1920').max(2100, 'birth year before 2100');
const cells = z
  .number()
  .nonnegative('a cell count cannot be negative')
  .max(1e13, 'that is more cells than a product holds');
const typing = z.string().trim().max(4000).optional();

/** Details needed downstream (ABO/Rh, CMV, sex, age, weight); all may be completed later in the work-up. */
const donorDetails = {
  hlaTyping: typing.describe('HLA typing as a GL string'),
  sex: DonorSexSchema.optional(),
  birthDate: IsoDateSchema.optional(),
  birthYear: birthYear.optional(),
  aboRh: AboRhSchema.optional(),
  cmv: CmvStatusSchema.default('unknown'),
  weightKg: weight.optional(),
};

export const DonorChooseSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z
        .literal('search-result')
        .describe(
          'an adult donor or cord unit of a search saved on this episode; details are copied from the stored result'
        ),
      searchId: z.uuid('choose a saved search'),
      donorId: z.string().trim().min(1, 'choose a donor of the search').max(64),
      weightKg: weight.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('related'),
      relationship: DonorRelationshipSchema,
      match: DonorMatchSchema,
      displayName: z.string().trim().max(80).optional().describe('a label staff recognise, e.g. "Brother"'),
      ...donorDetails,
    })
    .strict(),
  z
    .object({
      kind: z.literal('unrelated'),
      registryDonorId: z.string().trim().min(1, 'the registry donor id is required').max(64),
      ...donorDetails,
    })
    .strict(),
  z
    .object({
      kind: z.literal('cord'),
      registryDonorId: z.string().trim().min(1, 'the cord unit id is required').max(64),
      cordBank: z.string().trim().max(80).optional(),
      tncCells: cells.optional().describe('total nucleated cells of the unit (absolute, pre-cryopreservation)'),
      cd34Cells: cells.optional(),
      hlaTyping: typing,
      aboRh: AboRhSchema.optional(),
      sex: DonorSexSchema.optional(),
    })
    .strict(),
]);
export type DonorChoose = z.output<typeof DonorChooseSchema>;

/** Completing the donor's details during work-up (typing, ABO, CMV, weight …). */
export const DonorDetailsSchema = z.object({ ...donorDetails, cmv: CmvStatusSchema.optional() }).strict();
export type DonorDetails = z.output<typeof DonorDetailsSchema>;

export const DonorStatusChangeSchema = z
  .object({
    status: DonorStatusSchema,
    on: IsoDateSchema.describe('the date the step happened'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type DonorStatusChange = z.output<typeof DonorStatusChangeSchema>;

export const DonorSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  source: z.enum(['autologous', 'related', 'unrelated', 'cord']),
  relationship: z.string().nullable(),
  matchGrade: z.string().nullable(),
  registryDonorId: z.string().nullable(),
  donorSearchId: z.string().nullable(),
  displayName: z.string(),
  hlaTyping: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthYear: z.number().nullable(),
  aboRh: z.string().nullable(),
  cmv: CmvStatusSchema,
  weightKg: z.number().nullable(),
  cordBank: z.string().nullable(),
  cordTnc: z.number().nullable(),
  cordCd34: z.number().nullable(),
  status: DonorStatusSchema,
  statusOn: z.string(),
  history: z.array(
    z.object({
      status: DonorStatusSchema,
      on: z.string(),
      note: z.string().nullable(),
      recordedBy: z.string().nullable(),
    })
  ),
  createdAt: z.string(),
});
export type Donor = z.infer<typeof DonorSchema>;

// ---- Collections ----

export const COLLECTION_STATUSES = {
  planned: 'Planned',
  'in-progress': 'In progress',
  complete: 'Complete',
  cancelled: 'Cancelled',
} as const;
export type CollectionStatus = keyof typeof COLLECTION_STATUSES;
export const CollectionStatusSchema = z.enum(
  Object.keys(COLLECTION_STATUSES) as [CollectionStatus, ...CollectionStatus[]]
);

export const COLLECTION_TRANSITIONS: Record<CollectionStatus, readonly CollectionStatus[]> = {
  planned: ['in-progress', 'complete', 'cancelled'],
  'in-progress': ['complete', 'cancelled'],
  complete: [],
  cancelled: [],
};

export function collectionTransitionError(from: CollectionStatus, to: CollectionStatus): string | null {
  if (COLLECTION_TRANSITIONS[from].includes(to)) return null;
  const label = (s: CollectionStatus) => COLLECTION_STATUSES[s].toLowerCase();
  if (from === to) return `the collection is already ${label(from)}`;
  const allowed = COLLECTION_TRANSITIONS[from];
  return (
    `a collection that is ${label(from)} cannot become ${label(to)}` +
    (allowed.length ? ` (next: ${allowed.map(label).join(', ')})` : ' (it is final)')
  );
}

/** CD34+ ×10^6/kg targets (Duong HK et al., BBMT 2014;20:1262); omitted values take the published defaults for the source. */
export const CollectionTargetsSchema = z
  .object({
    minimum: z.number().min(0).max(50),
    target: z.number().min(0).max(50),
    maximum: z.number().min(0).max(50).nullable(),
  })
  .strict()
  .refine((t) => t.minimum <= t.target && (t.maximum == null || t.target <= t.maximum), {
    message: 'targets must be minimum ≤ target ≤ maximum',
    path: ['target'],
  });

export const CollectionCreateSchema = z
  .object({
    method: CollectionMethodSchema,
    donorId: z.uuid().optional().describe('the chosen donor; omitted: the patient (autologous, CAR-T)'),
    mobilisation: z
      .string()
      .trim()
      .max(120)
      .optional()
      .describe('apheresis: G-CSF, G-CSF + plerixafor, chemotherapy + G-CSF …'),
    plannedOn: IsoDateSchema.optional(),
    recipientWeightKg: weight
      .optional()
      .describe(
        "the recipient weight (kg) that CD34+ doses per kg are computed against; default: the patient's recorded weight"
      ),
    tandem: z.boolean().default(false).describe('autologous: collect for two transplants (§6.1 tandem targets)'),
    targets: CollectionTargetsSchema.optional(),
  })
  .strict();
export type CollectionCreate = z.output<typeof CollectionCreateSchema>;

export const CollectionStatusChangeSchema = z
  .object({ status: CollectionStatusSchema, on: IsoDateSchema, note: z.string().trim().max(500).optional() })
  .strict();
export type CollectionStatusChange = z.output<typeof CollectionStatusChangeSchema>;

/** The bag made from a collection day, registered as a product in the same transaction. */
export const CollectionBagSchema = z
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
    volumeMl: countQuantity('volumeMl').optional(),
  })
  .strict();
export type CollectionBag = z.output<typeof CollectionBagSchema>;

export const CollectionDayCreateSchema = z
  .object({
    collectedOn: IsoDateSchema,
    processedVolumeL: z
      .number()
      .positive('processed volume must be above 0 L')
      .max(60, 'more than 60 L processed is not plausible')
      .optional(),
    cd34Cells: countQuantity('cd34Cells').optional().describe('absolute CD34+ cells collected that day (e.g. 2.1e8)'),
    tncCells: countQuantity('tncCells').optional(),
    product: CollectionBagSchema.optional().describe('register the bag as a product in the same transaction'),
    /** Confirmations (field + reason) of counts outside the plausible range of the bag's kind (productCounts.ts). */
    confirmations: ConfirmationsSchema.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const e of countOrderErrors(d)) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
  });
export type CollectionDayCreate = z.output<typeof CollectionDayCreateSchema>;
