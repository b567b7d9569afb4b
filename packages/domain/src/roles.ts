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
