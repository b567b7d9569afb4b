import { z } from 'zod';
import { LOCI } from './loci';
import type { Locus } from './loci';

// Donor record model (issue 6). Typings are GL strings per locus, at whatever resolution the registry holds.

const typingShape = Object.fromEntries(LOCI.map((l) => [l, z.string().min(1).optional()])) as Record<
  Locus,
  z.ZodOptional<z.ZodString>
>;
export const TypingSchema = z.object(typingShape).strict();
/** Per-locus GL strings, e.g. `{ A: 'A*01:01+A*02:AB', B: 'B8+B44' }`. */
export type Typing = z.infer<typeof TypingSchema>;

export const CordInfoSchema = z.object({
  /** Total nucleated cells of the unit, x10^7 (pre-cryopreservation). */
  tncE7: z.number().positive(),
  /** CD34+ cells of the unit, x10^5; absent if not measured. */
  cd34E5: z.number().positive().optional(),
  volumeMl: z.number().positive().optional(),
  bank: z.string().min(1).optional(),
});
export type CordInfo = z.infer<typeof CordInfoSchema>;

export const DONOR_KINDS = ['adult', 'cord'] as const;
export const AVAILABILITY = ['available', 'reserved', 'unavailable'] as const;
export const ABO = ['A', 'B', 'AB', 'O'] as const;

export const DonorRecordSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^\s%,]+$/, 'no whitespace, % or comma'),
    registry: z.string().min(1).max(32),
    kind: z.enum(DONOR_KINDS),
    sex: z.enum(['M', 'F']).optional(),
    birthDate: z.iso.date().optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    abo: z.enum(ABO).optional(),
    rh: z.enum(['+', '-']).optional(),
    cmv: z.enum(['pos', 'neg']).optional(),
    population: z.string().min(1).max(32).optional(),
    availability: z.enum(AVAILABILITY).default('available'),
    typing: TypingSchema,
    cord: CordInfoSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'cord' && !d.cord) {
      ctx.addIssue({ code: 'custom', path: ['cord'], message: 'a cord unit needs its TNC (cord.tncE7)' });
    }
    if (d.kind === 'adult' && d.cord) {
      ctx.addIssue({ code: 'custom', path: ['cord'], message: 'cord fields on an adult donor' });
    }
    if (d.birthDate && d.birthYear !== undefined && Number(d.birthDate.slice(0, 4)) !== d.birthYear) {
      ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'birthYear disagrees with birthDate' });
    }
  });
export type DonorRecord = z.infer<typeof DonorRecordSchema>;
export type DonorRecordInput = z.input<typeof DonorRecordSchema>;

/** Birth year of a record (from birthDate when only that is given). */
export function birthYearOf(d: Pick<DonorRecord, 'birthDate' | 'birthYear'>): number | undefined {
  return d.birthYear ?? (d.birthDate ? Number(d.birthDate.slice(0, 4)) : undefined);
}

/** A patient as the search sees it: typing plus what the ranking and cord dose need. */
export const PatientSchema = z.object({
  typing: z.union([z.string().min(1), TypingSchema]),
  weightKg: z.number().positive().max(500).optional(),
  cmv: z.enum(['pos', 'neg']).optional(),
  abo: z.enum(ABO).optional(),
});
export type Patient = z.infer<typeof PatientSchema>;
