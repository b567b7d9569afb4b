import { z } from 'zod';
import { CollectionMethodSchema } from '../cellProducts';
import { CollectionStatusSchema, DonorSchema } from '../donorWorkup';
import { EpisodeSchema } from '../episodes';

// Donors and collections as the API answers them (ADR 0500; response contract ADR 0020).

/** The donors chosen for an episode; `takesDonor` false for autologous episodes (the patient is the source). */
export const EpisodeDonorsSchema = z.object({
  episode: EpisodeSchema,
  patient: z.object({
    id: z.uuid(),
    mrn: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    aboRh: z.string().nullable(),
    weightKg: z.number().nullable(),
  }),
  takesDonor: z.boolean(),
  donors: z.array(DonorSchema),
  today: z.string().describe("the centre's date today"),
});
export type EpisodeDonors = z.infer<typeof EpisodeDonorsSchema>;

const ApheresisStatusSchema = z.enum(['below minimum', 'minimum reached', 'target reached', 'above maximum']);

/** Cumulative CD34+ ×10^6/kg against the targets (`@engraft/clinical` `apheresisProgress`: Duong et al., BBMT 2014). */
export const ApheresisProgressSchema = z.object({
  recipientWeightKg: z.number(),
  targets: z.object({ minimum: z.number(), target: z.number(), maximum: z.number().nullable() }),
  days: z.array(
    z.object({
      date: z.string(),
      cd34Cells: z.number().nullable(),
      cd34PerKg: z.number().nullable(),
      cumulativePerKg: z.number(),
      status: ApheresisStatusSchema,
    })
  ),
  cumulativePerKg: z.number(),
  remainingToMinimum: z.number(),
  remainingToTarget: z.number(),
  status: ApheresisStatusSchema,
  anotherDayNeeded: z.boolean(),
  message: z.string(),
});

export const CollectionDaySchema = z.object({
  id: z.uuid(),
  collectedOn: z.string(),
  processedVolumeL: z.number().nullable(),
  cd34Cells: z.number().nullable(),
  tncCells: z.number().nullable(),
  productId: z.uuid().nullable(),
  product: z.object({ din: z.string(), productCode: z.string(), division: z.string() }).nullable(),
  recordedBy: z.string().nullable(),
});
export type CollectionDay = z.infer<typeof CollectionDaySchema>;

export const CollectionSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  donorId: z.uuid().nullable(),
  method: CollectionMethodSchema,
  mobilisation: z.string().nullable(),
  targets: z.object({ minimum: z.number().nullable(), target: z.number().nullable(), maximum: z.number().nullable() }),
  recipientWeightKg: z.number().nullable(),
  status: CollectionStatusSchema,
  statusOn: z.string().nullable(),
  plannedOn: z.string().nullable(),
  days: z.array(CollectionDaySchema),
  createdAt: z.string(),
  progress: ApheresisProgressSchema.nullable(),
});
export type Collection = z.infer<typeof CollectionSchema>;
