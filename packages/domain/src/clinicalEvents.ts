import { z } from 'zod';
import { pastOrTodayDate } from './dates';

/**
 * Events recorded during follow-up from which outcomes are derived (Kim & Armand, BBMT 2013;19:860; Holtan et al., Blood 2015;125:1333): relapse or
 * progression, death, last contact (alive), chronic GVHD needing systemic therapy (a GRFS event), infections.
 */
export const CLINICAL_EVENT_KINDS = {
  relapse: 'Relapse',
  progression: 'Progression',
  death: 'Death',
  'last-contact': 'Last contact (alive)',
  'cgvhd-systemic-therapy': 'Chronic GVHD needing systemic therapy',
  infection: 'Infection',
} as const;
export type ClinicalEventKind = keyof typeof CLINICAL_EVENT_KINDS;
export const ClinicalEventKindSchema = z.enum(
  Object.keys(CLINICAL_EVENT_KINDS) as [ClinicalEventKind, ...ClinicalEventKind[]]
);

export const ClinicalEventCreateSchema = z
  .object({
    kind: ClinicalEventKindSchema,
    occurredOn: pastOrTodayDate('event date'),
    causeOfDeath: z.enum(['relapse-or-progression', 'gvhd', 'infection', 'organ-toxicity', 'other']).optional(),
    organism: z.string().trim().max(120).optional(),
    site: z.string().trim().max(120).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.kind === 'death' && !e.causeOfDeath) {
      ctx.addIssue({ code: 'custom', path: ['causeOfDeath'], message: 'give the main cause of death' });
    }
    if (e.kind === 'infection' && !e.organism) {
      ctx.addIssue({ code: 'custom', path: ['organism'], message: 'name the organism (or "unknown")' });
    }
  });
export type ClinicalEventCreate = z.infer<typeof ClinicalEventCreateSchema>;

export const ClinicalEventSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  kind: ClinicalEventKindSchema,
  occurredOn: z.string(),
  details: z.record(z.string(), z.unknown()),
  recordedBy: z.string().nullable(),
});
export type ClinicalEvent = z.infer<typeof ClinicalEventSchema>;
