import { z } from 'zod';
import { CmvStatusSchema } from './cellProducts';
import { DateOfBirthSchema } from './dates';
import { PersonNameSchema } from './names';
import { pageOffset } from './paging';
import { ConfirmationsSchema, type Finding, plausibility, quantity, type QuantitySpec } from './safety/quantity';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const SexSchema = z.enum(SEXES);
export const ABO_RH = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'unknown'] as const;
export const AboRhSchema = z.enum(ABO_RH);

/** MRN: what the hospital prints on wristbands: letters, digits and dashes, unique per centre. */
export const MrnSchema = z
  .string()
  .trim()
  .min(1, 'MRN is required')
  .max(32, 'MRN is at most 32 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'MRN may contain letters, digits and dashes only');

/**
 * Body size on the patient record, from newborns to the heaviest adults (issue 13). Possible: a weight over
 * 0.3 kg (the smallest surviving premature newborns weigh about 0.3-0.4 kg) up to 400 kg, a length of 20-250 cm.
 * Plausible for a transplant or CAR-T patient: 2-200 kg and 45-220 cm (infants with SCID are transplanted from
 * the first weeks of life, at about 2-4 kg and 45-55 cm; WHO Child Growth Standards 2006, length/height-for-age
 * and weight-for-age tables). Outside it, the value needs a recorded confirmation.
 */
export const PATIENT_WEIGHT: QuantitySpec = {
  label: 'weight',
  unit: 'kg',
  min: 0.3,
  max: 400,
  plausible: { min: 2, max: 200 },
};
export const PATIENT_HEIGHT: QuantitySpec = {
  label: 'height',
  unit: 'cm',
  min: 20,
  max: 250,
  plausible: { min: 45, max: 220 },
};

/** Findings on a patient's body size that need a confirmation (fields weightKg, heightCm). */
export function patientFindings(p: { weightKg?: number | null; heightCm?: number | null }): Finding[] {
  return [
    plausibility('weightKg', p.weightKg, PATIENT_WEIGHT),
    plausibility('heightCm', p.heightCm, PATIENT_HEIGHT),
  ].filter((f): f is Finding => f !== null);
}

const NameSchema = PersonNameSchema;

export const PatientCreateSchema = z.object({
  mrn: MrnSchema,
  familyName: NameSchema,
  givenName: NameSchema,
  dateOfBirth: DateOfBirthSchema,
  sex: SexSchema,
  aboRh: AboRhSchema.default('unknown'),
  /** CMV IgG serostatus of the recipient (migration 0025). */
  cmv: CmvStatusSchema.default('unknown'),
  weightKg: quantity(PATIENT_WEIGHT).nullable().optional(),
  heightCm: quantity(PATIENT_HEIGHT).nullable().optional(),
  /** Reasons for a weight or height outside the usual range, recorded in the audit event. */
  confirmations: ConfirmationsSchema.optional(),
});
export type PatientCreate = z.input<typeof PatientCreateSchema>;

export const PatientSchema = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  mrn: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  dateOfBirth: z.string(),
  sex: SexSchema,
  aboRh: AboRhSchema,
  /** CMV IgG serostatus (migration 0025); optional for answers of servers before it. */
  cmv: CmvStatusSchema.optional(),
  weightKg: z.number().nullable(),
  heightCm: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Patient = z.infer<typeof PatientSchema>;

export const PatientSearchQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: pageOffset(),
});
export type PatientSearchQuery = z.infer<typeof PatientSearchQuerySchema>;

/** The search counts matches up to this many; beyond it the total reads "1,000+" (ADR 0008). */
export const PATIENT_SEARCH_COUNT_CAP = 1000;

export const PatientListItemSchema = PatientSchema.pick({
  id: true,
  mrn: true,
  familyName: true,
  givenName: true,
  dateOfBirth: true,
  sex: true,
}).extend({
  episode: z.object({ id: z.uuid(), type: z.string(), phase: z.string(), dayZero: z.string() }).nullable(),
});
export type PatientListItem = z.infer<typeof PatientListItemSchema>;

/** One page of a patient search, in the order lower(family name), lower(given name), MRN. */
export const PatientListSchema = z.object({
  /** Number of matches, counted up to PATIENT_SEARCH_COUNT_CAP. */
  total: z.number().int(),
  /** True when there are more matches than `total` (the count stopped at the cap): show "1,000+". */
  totalIsLowerBound: z.boolean(),
  items: z.array(PatientListItemSchema),
  today: z.string(),
});
export type PatientList = z.infer<typeof PatientListSchema>;
