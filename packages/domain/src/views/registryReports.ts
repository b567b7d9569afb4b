import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EpisodeTypeSchema } from '../episodes';

// Registry reporting to CIBMTR and EBMT (issue 17 §3, ADR 0710): the response contract of /api/v1/registry-reports.

export const REGISTRIES = { cibmtr: 'CIBMTR', ebmt: 'EBMT' } as const;
export const RegistrySchema = z.enum(['cibmtr', 'ebmt']);
export type Registry = z.infer<typeof RegistrySchema>;

/** Export formats: the CIBMTR FHIR R4 Bundle (JSON) and the EBMT MED-A row (CSV). */
export const RegistryFormatSchema = z.enum(['fhir-json', 'csv']);
export type RegistryFormat = z.infer<typeof RegistryFormatSchema>;
export const formatOfRegistry = (r: Registry): RegistryFormat => (r === 'cibmtr' ? 'fhir-json' : 'csv');

export const RegistryReportStatusSchema = z.enum(['upcoming', 'due', 'overdue', 'submitted']);
export type RegistryReportStatus = z.infer<typeof RegistryReportStatusSchema>;

/** A required item the report has no answer for, and the web page where it is entered. */
export const RegistryMissingItemSchema = z.object({
  item: z.string(),
  label: z.string(),
  detail: z.string(),
  link: z.string(),
});
export type RegistryMissingItem = z.infer<typeof RegistryMissingItemSchema>;

export const RegistrySubmissionSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  key: z.string(),
  registry: RegistrySchema,
  format: RegistryFormatSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  missingItems: z.array(z.string()),
  overrideReason: z.string().nullable(),
});
export type RegistrySubmission = z.infer<typeof RegistrySubmissionSchema>;

export const RegistryReportSummarySchema = z.object({
  episodeId: z.uuid(),
  patientId: z.uuid(),
  patient: z.string(),
  mrn: z.string(),
  episodeType: EpisodeTypeSchema,
  key: z.string(),
  registry: RegistrySchema,
  form: z.string(),
  label: z.string(),
  day: z.number().int(),
  dueDate: z.string(),
  status: RegistryReportStatusSchema,
  required: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  lastSubmission: RegistrySubmissionSchema.nullable(),
});
export type RegistryReportSummary = z.infer<typeof RegistryReportSummarySchema>;

export const RegistryReportListSchema = z.object({
  today: z.string(),
  reports: z.array(RegistryReportSummarySchema),
});
export type RegistryReportList = z.infer<typeof RegistryReportListSchema>;

export const RegistryReportPreviewSchema = z.object({
  report: RegistryReportSummarySchema,
  missingItems: z.array(RegistryMissingItemSchema),
  /** CIBMTR: the FHIR R4 Bundle as exported (JSON object). */
  bundle: z.record(z.string(), z.unknown()).nullable(),
  /** EBMT: the MED-A columns and this report's row. */
  medA: z.object({ columns: z.array(z.string()), row: z.record(z.string(), z.string()) }).nullable(),
  content: z.object({ format: RegistryFormatSchema, sha256: z.string(), bytes: z.number().int() }),
  submissions: z.array(RegistrySubmissionSchema),
});
export type RegistryReportPreview = z.infer<typeof RegistryReportPreviewSchema>;

/** Recording a report as submitted: with required items missing, only with a reason (audited). */
export const RegistrySubmitSchema = z.object({
  overrideReason: z
    .string()
    .trim()
    .min(10, 'give the reason for submitting with items missing (at least 10 characters)')
    .max(500)
    .optional(),
});
export type RegistrySubmit = z.infer<typeof RegistrySubmitSchema>;

export const RegistryBatchQuerySchema = z.object({
  form: z.string().regex(/^(2400|2450|4000|4100|MED-A|MED-A-FU)$/, 'a CIBMTR form number or MED-A / MED-A-FU'),
  from: IsoDateSchema,
  to: IsoDateSchema,
});
export type RegistryBatchQuery = z.infer<typeof RegistryBatchQuerySchema>;
