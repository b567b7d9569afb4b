import { z } from 'zod';
import { IsoDateSchema, todayIso } from './dates';
import { PersonNameSchema } from './names';
import { pageOffset } from './paging';

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

const NameSchema = PersonNameSchema;

export const PatientCreateSchema = z.object({
  mrn: MrnSchema,
  familyName: NameSchema,
  givenName: NameSchema,
  dateOfBirth: IsoDateSchema.refine((d) => d <= todayIso(), 'date of birth cannot be in the future'),
  sex: SexSchema,
  aboRh: AboRhSchema.default('unknown'),
  weightKg: z.number().min(0.5, 'weight must be at least 0.5 kg').max(400, 'weight must be at most 400 kg').nullable().optional(),
  heightCm: z.number().min(20, 'height must be at least 20 cm').max(250, 'height must be at most 250 cm').nullable().optional(),
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

export const PatientListItemSchema = PatientSchema.pick({ id: true, mrn: true, familyName: true, givenName: true, dateOfBirth: true, sex: true }).extend({
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
