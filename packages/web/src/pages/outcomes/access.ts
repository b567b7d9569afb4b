import type { Role } from '@engraft/domain';

/** Who may see programme outcomes (mirrors the server's OUTCOME_READERS; the server still decides). */
export const OUTCOME_READERS: readonly Role[] = ['admin', 'physician', 'coordinator', 'data-manager', 'auditor'];
