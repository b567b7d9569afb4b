import { z } from 'zod';
import { DiagnosisSchema } from '../diagnoses';
import { EpisodeEventSchema, EpisodeSchema } from '../episodes';
import { PatientSchema } from '../patients';

/** A patient's record as the patient page reads it (response contract ADR 0020). */
export const PatientRecordSchema = z.object({
  patient: PatientSchema,
  diagnoses: z.array(DiagnosisSchema),
  episodes: z.array(EpisodeSchema),
  events: z.array(EpisodeEventSchema),
  today: z.string(),
});
export type PatientRecord = z.infer<typeof PatientRecordSchema>;
