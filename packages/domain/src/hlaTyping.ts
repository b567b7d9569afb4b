import { z } from 'zod';
import { pastOrTodayDate } from './dates';
import type { Role } from './roles';

// A patient's own HLA typing (issue 15, ADR 0108): versioned, each version with its source. One schema per
// contract, shared by the API, the CLI and the web.

/** Who records a patient's typing: HLA staff, physicians and coordinators (as for donor typings). */
export const HLA_TYPING_WRITERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'hla'];

/** HML files are a few kB per sample; 1 MB (the server's request body limit) bounds a lab's whole batch. */
export const HML_MAX_CHARS = 1_000_000;

const glString = z
  .string()
  .trim()
  .min(1, 'the GL string is empty')
  .max(4000, 'a GL string of more than 4000 characters is not a typing');
const release = z
  .string()
  .trim()
  .regex(/^\d+\.\d+\.\d+$/, 'the IPD-IMGT/HLA release is written like 3.58.0');
const lab = z.string().trim().min(1).max(200);

export const PatientHlaTypingCreateSchema = z
  .object({
    glString: glString.describe('the typing as a GL string, e.g. A*01:01+A*02:01^B*08:01+B*44:02'),
    lab: lab.optional().describe('the laboratory that typed the sample'),
    typingDate: pastOrTodayDate('typing date').optional(),
    release: release.optional().describe('IPD-IMGT/HLA release the lab named the alleles in'),
  })
  .strict();
export type PatientHlaTypingCreate = z.output<typeof PatientHlaTypingCreateSchema>;

export const HmlUploadSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255).describe('the HML file name as uploaded'),
    content: z.string().min(1, 'the HML file is empty').max(HML_MAX_CHARS, 'the HML file is larger than 1 MB'),
    sampleId: z.string().trim().min(1).max(200).optional().describe('which sample, when the file holds several'),
    lab: lab.optional(),
  })
  .strict();
export type HmlUpload = z.output<typeof HmlUploadSchema>;

export const HLA_TYPING_SOURCES = ['entered', 'hml'] as const;

export const PatientHlaTypingSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  version: z.number().int().min(1),
  glString: z.string(),
  source: z.enum(HLA_TYPING_SOURCES),
  hmlFileName: z.string().nullable(),
  hmlSampleId: z.string().nullable(),
  lab: z.string().nullable(),
  typingDate: z.string().nullable(),
  release: z.string().nullable(),
  /** HML typing methods of the loci (sbt-ngs, sso, ssp, sbt-sanger), comma-separated. */
  methods: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type PatientHlaTyping = z.output<typeof PatientHlaTypingSchema>;

export const PatientHlaTypingHistorySchema = z.object({
  current: PatientHlaTypingSchema.nullable(),
  /** Newest first. */
  versions: z.array(PatientHlaTypingSchema),
});
export type PatientHlaTypingHistory = z.output<typeof PatientHlaTypingHistorySchema>;
