import { z } from 'zod';
import { ProductSchema } from '../cellProducts';
import { EpisodeTypeSchema } from '../episodes';
import { ProductDoseSchema, ProductEventSchema } from '../productLab';

// The processing laboratory's answers (ADR 0510, 0511; response contract ADR 0020).

/** What blocks release (`releaseCheck`) and who signed. */
export const ProductReleaseViewSchema = z.object({
  releasable: z.boolean(),
  blockers: z.array(z.string()),
  warnings: z.array(z.string()),
  requestedBy: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

export const PendingDiscardSchema = z.object({
  requestedById: z.uuid().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  reason: z.string(),
});

/** A product with its history, doses per kg of the recipient, release and label checks. */
export const ProductDetailSchema = z.object({
  product: ProductSchema.extend({ collectionType: z.string() }),
  patient: z.object({
    id: z.uuid(),
    mrn: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    weightKg: z.number().nullable(),
    aboRh: z.string(),
  }),
  episode: z.object({ id: z.uuid(), type: EpisodeTypeSchema }),
  autologous: z.boolean(),
  eyeReadable: z.object({ din: z.string(), checkCharacter: z.string() }),
  /** ISBT 128 bar-code data (ST-001 §2.4; `@engraft/clinical` `labelBarcodes`). */
  barcodes: z.object({ din: z.string(), productCode: z.string(), expiry: z.string().nullable(), compound: z.string() }),
  doses: z.array(ProductDoseSchema).nullable(),
  dosesNote: z.string().nullable(),
  postThaw: z
    .object({
      thawedAt: z.string(),
      counts: z.record(z.string(), z.number()),
      doses: z.array(ProductDoseSchema).nullable(),
    })
    .nullable(),
  release: ProductReleaseViewSchema,
  label: z.object({ printable: z.boolean(), blockers: z.array(z.string()) }),
  discardRequest: PendingDiscardSchema.nullable(),
  events: z.array(ProductEventSchema),
});
export type ProductDetail = z.infer<typeof ProductDetailSchema>;

export const LabWorklistRowSchema = ProductSchema.extend({
  collectionType: z.string().nullable(),
  patient: z.object({ id: z.uuid(), mrn: z.string(), familyName: z.string(), givenName: z.string() }),
  releaseRequestedAt: z.string().nullable(),
  awaitingSecondSignature: z.boolean(),
});
export type LabWorklistRow = z.infer<typeof LabWorklistRowSchema>;

export const LabWorklistSchema = z.object({
  today: z.string(),
  products: z.array(LabWorklistRowSchema),
});
export type LabWorklist = z.infer<typeof LabWorklistSchema>;
