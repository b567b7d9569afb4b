import { z } from 'zod';
import { AdministrationOutcomeSchema } from '../conditioningAdministrations';

// Administered conditioning doses as the API answers them (ADR 0702; response contract ADR 0020).

export const AdministrationViewSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  episodeId: z.uuid(),
  patientId: z.uuid(),
  agentIndex: z.number().int(),
  agent: z.string(),
  agentLabel: z.string(),
  day: z.number().int(),
  sequence: z.number().int(),
  plannedAmount: z.number().nullable().describe('the amount per administration of the verified plan'),
  unit: z.enum(['mg', 'Gy']),
  outcome: AdministrationOutcomeSchema,
  amount: z.number().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  reason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  correctedBy: z.string().nullable(),
  correctedAt: z.string().nullable(),
  correctionReason: z.string().nullable(),
});
export type AdministrationView = z.infer<typeof AdministrationViewSchema>;

export const AdministrationListSchema = z.object({
  planId: z.uuid(),
  planStatus: z.string(),
  items: z.array(AdministrationViewSchema),
});
export type AdministrationList = z.infer<typeof AdministrationListSchema>;
