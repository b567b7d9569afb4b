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
