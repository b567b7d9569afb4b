import { z } from 'zod';
import { IsoDateSchema } from './dates';

/**
 * Indications for HCT and cellular therapy (the mission's list), grouped as CIBMTR/EBMT registries group
 * primary diseases. Codes are Engraft's own; registry exports map them.
 */
export const DISEASES = {
  AML: { label: 'Acute myeloid leukemia', group: 'Leukemia' },
  ALL: { label: 'Acute lymphoblastic leukemia', group: 'Leukemia' },
  CML: { label: 'Chronic myeloid leukemia', group: 'Leukemia' },
  CLL: { label: 'Chronic lymphocytic leukemia', group: 'Leukemia' },
  MDS: { label: 'Myelodysplastic syndrome', group: 'Leukemia' },
  OTHER_LEUKEMIA: { label: 'Other leukemia', group: 'Leukemia' },
  HL: { label: 'Hodgkin lymphoma', group: 'Lymphoma' },
  NHL: { label: 'Non-Hodgkin lymphoma', group: 'Lymphoma' },
  MM: { label: 'Multiple myeloma', group: 'Plasma cell disorder' },
  AA: { label: 'Aplastic anemia', group: 'Marrow failure' },
  OTHER_MARROW_FAILURE: { label: 'Other marrow failure syndrome', group: 'Marrow failure' },
  HEMOGLOBINOPATHY: { label: 'Hemoglobinopathy (sickle cell disease, thalassemia)', group: 'Hemoglobinopathy' },
  SCID: { label: 'Severe combined immunodeficiency (SCID)', group: 'Inherited immune disorder' },
  OTHER_IMMUNE: { label: 'Other inherited immune disorder', group: 'Inherited immune disorder' },
  HURLER: { label: 'Hurler syndrome (MPS I-H)', group: 'Inherited metabolic disorder' },
  OTHER_METABOLIC: { label: 'Other inherited metabolic disorder', group: 'Inherited metabolic disorder' },
} as const;
export type DiseaseCode = keyof typeof DISEASES;
export const DISEASE_CODES = Object.keys(DISEASES) as [DiseaseCode, ...DiseaseCode[]];
export const DiseaseCodeSchema = z.enum(DISEASE_CODES);

/** Disease status (simplified CIBMTR/EBMT pre-transplant status). */
export const DISEASE_STATUSES = {
  'new-diagnosis': 'Newly diagnosed / untreated',
  CR1: 'First complete remission',
  CR2: 'Second complete remission',
  'CR3+': 'Third or later complete remission',
  PR: 'Partial remission',
  SD: 'Stable disease',
  PD: 'Progressive disease',
  relapse: 'Relapse',
  refractory: 'Primary refractory / induction failure',
  'not-applicable': 'Not applicable (non-malignant)',
} as const;
export type DiseaseStatus = keyof typeof DISEASE_STATUSES;
export const DiseaseStatusSchema = z.enum(Object.keys(DISEASE_STATUSES) as [DiseaseStatus, ...DiseaseStatus[]]);

export const DiagnosisCreateSchema = z.object({
  disease: DiseaseCodeSchema,
  diagnosisDate: IsoDateSchema,
  status: DiseaseStatusSchema,
  subtype: z.string().trim().max(200).optional(),
});
export type DiagnosisCreate = z.infer<typeof DiagnosisCreateSchema>;

export const DiagnosisSchema = DiagnosisCreateSchema.extend({
  id: z.uuid(),
  patientId: z.uuid(),
  subtype: z.string().nullable(),
  createdAt: z.string(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
