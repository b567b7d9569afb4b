import type { Role } from '@engraft/domain';
import type { Database } from '../db/database';
import { usersOfCentre } from '../repo/users';

export async function listUsers(db: Database, centreId: string) {
  const rows = await usersOfCentre(db, centreId);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    locked: r.locked_until != null && new Date(r.locked_until).getTime() > now,
    disabled: r.disabled,
  }));
}
