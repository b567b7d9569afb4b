import { z } from 'zod';

/** Roles per the domain model; `auditor` is read-only everywhere. */
export const ROLES = ['admin', 'physician', 'nurse', 'coordinator', 'lab', 'hla', 'data-manager', 'auditor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  physician: 'Physician',
  nurse: 'Nurse',
  coordinator: 'Transplant coordinator',
  lab: 'Cell therapy laboratory',
  hla: 'HLA / donor search',
  'data-manager': 'Data manager',
  auditor: 'Auditor (read-only)',
};

/** Everyone with clinical read access (every role but none). */
export const ALL_ROLES: readonly Role[] = ROLES;
/** Roles that may register patients, diagnoses and episodes. */
export const PATIENT_WRITERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'data-manager'];
/** Roles that move an episode between phases: coordinators schedule, physicians direct care. */
export const PHASE_CHANGERS: readonly Role[] = ['admin', 'physician', 'coordinator'];
/** The care team notes events on the timeline; auditors and HLA/lab staff do not. */
export const EVENT_WRITERS: readonly Role[] = ['admin', 'physician', 'nurse', 'coordinator', 'data-manager'];
/** Follow-up visits and registry reports are marked done by clinicians, coordinators and data managers. */
export const FOLLOW_UP_WRITERS: readonly Role[] = ['admin', 'physician', 'nurse', 'coordinator', 'data-manager'];
/** Lab results come from the lab and the wards; data managers enter what is missing. */
export const RESULT_WRITERS: readonly Role[] = ['admin', 'physician', 'nurse', 'lab', 'data-manager'];
/** Transfusions are given and recorded by the clinical team. */
export const TRANSFUSION_WRITERS: readonly Role[] = ['admin', 'physician', 'nurse', 'data-manager'];
/** Bedside grading (CRS/ICANS, GVHD): nurses and physicians. */
export const ASSESSORS: readonly Role[] = ['admin', 'physician', 'nurse'];
/** Programme outcomes are for those who report and review them. */
export const OUTCOME_READERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'data-manager', 'auditor'];
/** Unrelated donor searches are run by the HLA/donor-search team, physicians and coordinators. */
export const DONOR_SEARCHERS: readonly Role[] = ['admin', 'physician', 'hla', 'coordinator'];
/** Donor choice and work-up, collection scheduling: coordinators schedule, physicians decide, HLA staff type. */
/** Haplotype frequency sets (reference data for match probabilities) are loaded by administrators and HLA staff. */
export const FREQUENCY_SET_ADMINS: readonly Role[] = ['admin', 'hla'];
export const DONOR_WORKUP_WRITERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'hla'];
/** Collections are scheduled by coordinators and recorded by the apheresis/lab team. */
export const COLLECTION_WRITERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'nurse', 'lab'];
/** Lab staff register, process, store, QC, release, thaw and discard products (issue 7: "lab staff process and release"). */
export const PRODUCT_PROCESSORS: readonly Role[] = ['admin', 'lab'];
/** Cell-therapy orders: clinicians prescribe, coordinators schedule slots and shipments, lab staff hand over. */
export const MANUFACTURING_WRITERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'lab'];
/** Conditioning plans are prescribed and verified by physicians (issue 7: "clinicians prescribe"). */
export const PRESCRIBERS: readonly Role[] = ['admin', 'physician'];
/** Bedside checks and infusions are done by nurses (with physicians). */
export const INFUSERS: readonly Role[] = ['admin', 'nurse', 'physician'];
/**
 * Registering the bag of a collection as a product (ISBT 128 DIN, product code, division): the team that
 * records the collection labels the bag at the machine, and the lab may register it on receipt (ADR 0500).
 */
export const COLLECTION_PRODUCT_REGISTRARS: readonly Role[] = [
  ...new Set([...COLLECTION_WRITERS, ...PRODUCT_PROCESSORS]),
];
/** Centre settings (worklist and monitoring thresholds) are changed by administrators; everyone reads them. */
export const SETTINGS_WRITERS: readonly Role[] = ['admin'];
/**
 * ISBT 128 product labels are printed by the processing laboratory only: a label is an identity document, and
 * FACT-JACIE labelling controls keep printing and affixing in the facility that processed the product (ADR 0510).
 * Nurses check labels at the bedside; they do not print them.
 */
export const LABEL_PRINTERS: readonly Role[] = ['admin', 'lab'];
/** Releasing a product with a positive culture is a medical decision: a physician records it with a reason (ADR 0510). */
export const EXCEPTIONAL_RELEASERS: readonly Role[] = ['admin', 'physician'];
/** Reopening a closed episode (with a reason, audited) is an administrator's correction (ADR 0610). */
export const EPISODE_REOPENERS: readonly Role[] = ['admin'];
/** Alerts on Today are acknowledged by the clinical team (who, when, note; ADR 0610). */
export const ALERT_ACKNOWLEDGERS: readonly Role[] = ['admin', 'physician', 'nurse', 'coordinator'];
/**
 * The review queue of the hospital's HL7 v2 feed (issue 17 §2): data managers and coordinators reconcile what the
 * feed could not file; applying held lab results also needs a RESULT_WRITERS role.
 */
export const HL7_REVIEWERS: readonly Role[] = ['admin', 'coordinator', 'data-manager'];
/** User administration (create, disable, unlock, roles, password reset, sign out everywhere): administrators only. */
export const USER_ADMINS: readonly Role[] = ['admin'];
/** The audit trail (chain verification, a patient's access log): administrators and auditors. */
export const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
/** Backup of the embedded database: administrators only. */
export const BACKUP_OPERATORS: readonly Role[] = ['admin'];
/** Registry reports (CIBMTR, EBMT; issue 17 §3): data managers export and record submissions; physicians read them. */
export const REGISTRY_REPORTERS: readonly Role[] = ['admin', 'data-manager'];
export const REGISTRY_READERS: readonly Role[] = ['admin', 'data-manager', 'physician', 'auditor'];
