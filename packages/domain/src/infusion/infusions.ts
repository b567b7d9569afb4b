// Contracts of the bedside check and the infusion record (issue 7 "Infusion at the bedside"; ADR 0540), shared
// by the API routes and the web bedside page.
import { CartProductSchema } from '@engraft/clinical';
import { z } from 'zod';
import { quantity, type QuantitySpec } from '../safety/quantity';
import { BEDSIDE_FINDINGS, type BedsideCode } from './bedsideCheck';

/** Weight on the day of the infusion: the divisor of every dose per kg. */
export const INFUSION_WEIGHT: QuantitySpec = { label: 'weight', unit: 'kg', min: 0.5, max: 400 };
/** Volume of a cell product infused (a bag holds at most a few hundred mL; 5,000 mL is not a cell product). */
export const INFUSION_VOLUME: QuantitySpec = {
  label: 'volume infused',
  unit: 'mL',
  min: 0,
  exclusiveMin: true,
  max: 5000,
};

/** What the scanner (or the keyboard) gave. Raw values are stored as scanned; names never are. */
export const BedsideScanSchema = z
  .object({
    mrn: z.string().trim().min(1, 'scan the patient wristband (MRN)').max(40),
    din: z.string().trim().min(1, 'scan the product DIN').max(40),
    productCode: z.string().trim().max(20).optional(),
    division: z.string().trim().max(4).optional(),
    coi: z.string().trim().max(30).optional(),
  })
  .strict();
export type BedsideScanInput = z.infer<typeof BedsideScanSchema>;

/**
 * The second person confirms. With `username` + `password` the second person signs on the device in use
 * (re-authenticated server-side, the session stays the first user's); without, the signed-in user confirms.
 */
export const BedsideConfirmSchema = z
  .object({
    username: z.string().trim().min(1, 'the second person’s username').max(64).optional(),
    password: z.string().min(1, 'the second person’s password').max(200).optional(),
  })
  .strict()
  .refine((b) => (b.username == null) === (b.password == null), {
    message: 'give both the username and the password of the second person',
    path: ['password'],
  });
export type BedsideConfirm = z.infer<typeof BedsideConfirmSchema>;

const dateTime = z.iso.datetime({ offset: true, message: 'a date-time, e.g. 2026-03-15T10:30:00Z' });

export const InfusionStartSchema = z
  .object({
    startedAt: dateTime.optional(),
    /** Weight on the day, kg; default the patient's recorded weight. */
    weightKg: quantity(INFUSION_WEIGHT).optional(),
    /** CAR-T label entry to check the dose against, when the order's product name does not say. */
    cartProduct: CartProductSchema.optional(),
  })
  .strict();
export type InfusionStart = z.infer<typeof InfusionStartSchema>;

export const INFUSION_REACTIONS = {
  none: 'None',
  fever: 'Fever',
  chills: 'Chills / rigors',
  hypotension: 'Hypotension',
  allergic: 'Allergic (urticaria, bronchospasm …)',
  other: 'Other',
} as const;
export type InfusionReaction = keyof typeof INFUSION_REACTIONS;
export const InfusionReactionSchema = z.enum(
  Object.keys(INFUSION_REACTIONS) as [InfusionReaction, ...InfusionReaction[]]
);

export const InfusionCompleteSchema = z
  .object({
    endedAt: dateTime,
    volumeMl: quantity(INFUSION_VOLUME),
    reactions: z.array(InfusionReactionSchema).min(1, 'choose "None" or the reactions seen'),
    reactionNote: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.reactions.includes('none') && b.reactions.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['reactions'], message: '"None" cannot go with a reaction' });
    }
    if (b.reactions.includes('other') && !b.reactionNote) {
      ctx.addIssue({ code: 'custom', path: ['reactionNote'], message: 'describe the other reaction' });
    }
  });
export type InfusionComplete = z.infer<typeof InfusionCompleteSchema>;

const codes = Object.keys(BEDSIDE_FINDINGS) as [BedsideCode, ...BedsideCode[]];
export const BedsideFindingSchema = z.object({
  code: z.enum(codes),
  severity: z.enum(['stop', 'warning']),
  message: z.string(),
});

/** A stored check as the API returns it. `productId` is null when the bag found was another patient's. */
export const BedsideCheckSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  productId: z.uuid().nullable(),
  product: z
    .object({
      din: z.string(),
      productCode: z.string(),
      division: z.string(),
      description: z.string(),
      kind: z.string(),
    })
    .nullable(),
  scanned: z.object({
    mrn: z.string(),
    din: z.string(),
    productCode: z.string().nullable(),
    division: z.string().nullable(),
    coi: z.string().nullable(),
  }),
  result: z.enum(['pass', 'stop']),
  stops: z.array(BedsideFindingSchema),
  warnings: z.array(BedsideFindingSchema),
  ruleId: z.string(),
  performedBy: z.string(),
  performedAt: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  infusionId: z.uuid().nullable(),
});
export type BedsideCheck = z.infer<typeof BedsideCheckSchema>;

export const DoseMeasureSchema = z.object({
  measure: z.string(),
  product: z.string(),
  totalCells: z.number(),
  cellsPerKg: z.number(),
  value: z.number(),
  unit: z.string(),
  adequate: z.boolean(),
  explanation: z.string(),
  ruleId: z.string(),
});

export const InfusionSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  productId: z.uuid(),
  bedsideCheckId: z.uuid(),
  product: z.object({
    din: z.string(),
    productCode: z.string(),
    division: z.string(),
    description: z.string(),
    kind: z.string(),
  }),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  volumeMl: z.number().nullable(),
  reactions: z.array(InfusionReactionSchema),
  reactionNote: z.string().nullable(),
  weightKg: z.number().nullable(),
  dose: z
    .object({
      weightKg: z.number(),
      measures: z.array(DoseMeasureSchema),
      cartLabel: z
        .object({ product: z.string(), withinLabel: z.boolean(), explanation: z.string(), ruleId: z.string() })
        .nullable(),
      ruleIds: z.array(z.string()),
    })
    .nullable(),
  checkedBy: z.string(),
  confirmedBy: z.string(),
  startedBy: z.string(),
  completedBy: z.string().nullable(),
});
export type Infusion = z.infer<typeof InfusionSchema>;

/** Everything the bedside page shows for an episode. */
export const BedsideOverviewSchema = z.object({
  today: z.string(),
  patient: z.object({
    id: z.uuid(),
    mrn: z.string(),
    name: z.string(),
    dateOfBirth: z.string(),
    aboRh: z.string(),
    weightKg: z.number().nullable(),
  }),
  episode: z.object({
    id: z.uuid(),
    type: z.string(),
    phase: z.string(),
    plannedDayZero: z.string(),
    actualDayZero: z.string().nullable(),
  }),
  checks: z.array(BedsideCheckSchema),
  infusions: z.array(InfusionSchema),
});
export type BedsideOverview = z.infer<typeof BedsideOverviewSchema>;
