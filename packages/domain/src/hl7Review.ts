import { z } from 'zod';
import { ChangeReasonSchema } from './labs';
import { pageOffset } from './paging';

/**
 * What an HL7 v2 message from the hospital could not apply by itself waits in a review queue (issue 17 §2,
 * ADR 0701) until a person applies or discards it, with a reason (audited).
 * - unknown-patient: lab results for an MRN not registered in the centre (applied once the patient is registered)
 * - needs-confirmation: a result outside the analyte's usual range (applied with the reviewer's reason)
 * - demographics-conflict: ADT name, date of birth or sex that differ from the record (applied: record updated)
 * - possible-duplicate: a registration that looks like a patient already registered (applied: registered)
 * - merge (A40), unknown-analyte, invalid-value, invalid-demographics, not-stored: done by hand, then discarded
 */
export const HL7_REVIEW_KINDS = {
  'unknown-patient': 'Results for an unregistered MRN',
  'needs-confirmation': 'Result outside the usual range',
  'demographics-conflict': 'Demographics differ from the record',
  'possible-duplicate': 'Registration looks like an existing patient',
  merge: 'Merge request (A40)',
  'unknown-analyte': 'Analyte not followed by Engraft',
  'invalid-value': 'Result that cannot be stored',
  'invalid-demographics': 'Registration that cannot be read',
  'not-stored': 'Result change to make by hand',
} as const;
export type Hl7ReviewKind = keyof typeof HL7_REVIEW_KINDS;
/** Kinds Engraft can apply itself; the others are handled by hand and then discarded with a reason. */
export const HL7_APPLICABLE_KINDS: readonly string[] = [
  'unknown-patient',
  'needs-confirmation',
  'demographics-conflict',
  'possible-duplicate',
];

export const HL7_REVIEW_STATUSES = ['open', 'applied', 'discarded'] as const;

export const Hl7ReviewQuerySchema = z.object({
  status: z.enum(HL7_REVIEW_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: pageOffset(),
});
export type Hl7ReviewQuery = z.infer<typeof Hl7ReviewQuerySchema>;

export const Hl7ReviewItemSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  segment: z.string(),
  mrn: z.string().nullable(),
  patientId: z.uuid().nullable(),
  summary: z.string(),
  /** What applying would write (results, demographics), as read from the message. */
  proposal: z.record(z.string(), z.unknown()),
  status: z.enum(HL7_REVIEW_STATUSES),
  createdAt: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionReason: z.string().nullable(),
  message: z.object({ id: z.uuid(), controlId: z.string(), type: z.string(), sendingFacility: z.string() }),
});
export type Hl7ReviewItem = z.infer<typeof Hl7ReviewItemSchema>;

export const Hl7ReviewListSchema = z.object({ items: z.array(Hl7ReviewItemSchema), total: z.number().int() });
export type Hl7ReviewList = z.infer<typeof Hl7ReviewListSchema>;

export const Hl7ReviewIdParamsSchema = z.object({ id: z.uuid('review item id must be a UUID') });

/** Apply what the message proposed, or discard it; either way with a reason, kept in the audit trail. */
export const Hl7ReviewResolutionSchema = z.object({
  action: z.enum(['apply', 'discard']),
  reason: ChangeReasonSchema,
});
export type Hl7ReviewResolution = z.infer<typeof Hl7ReviewResolutionSchema>;
