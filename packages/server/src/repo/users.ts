import type { Role } from '@engraft/domain';
import type { Queryable } from '../db/database';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_demo: boolean;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

export interface Membership {
  centreId: string;
  centreName: string;
  role: Role;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('select * from users where username = $1', [username]))[0];
}

export async function insertUser(
  db: Queryable,
  u: { username: string; displayName: string; passwordHash: string; isDemo: boolean }
): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `insert into users (username, display_name, password_hash, is_demo) values ($1,$2,$3,$4) returning *`,
    [u.username, u.displayName, u.passwordHash, u.isDemo]
  );
  return rows[0]!;
}

export async function setRoles(db: Queryable, userId: string, centreId: string, roles: readonly Role[]): Promise<void> {
  await db.query('delete from memberships where user_id = $1 and centre_id = $2', [userId, centreId]);
  for (const role of roles) {
    await db.query('insert into memberships (user_id, centre_id, role) values ($1,$2,$3)', [userId, centreId, role]);
  }
}

export async function membershipsOf(db: Queryable, userId: string): Promise<Membership[]> {
  return db.query<Membership>(
    `select m.centre_id as "centreId", c.name as "centreName", m.role from memberships m
     join centres c on c.id = m.centre_id where m.user_id = $1 order by c.name, m.role`,
    [userId]
  );
}

export async function recordFailedLogin(db: Queryable, userId: string, threshold: number, lockMs: number): Promise<{ locked: boolean }> {
  const rows = await db.query<{ failed_logins: number; locked_until: Date | null }>(
    `update users set failed_logins = failed_logins + 1,
       locked_until = case when failed_logins + 1 >= $2 then now() + ($3 || ' milliseconds')::interval else locked_until end,
       updated_at = now()
     where id = $1 returning failed_logins, locked_until`,
    [userId, threshold, String(lockMs)]
  );
  return { locked: rows[0]?.locked_until != null };
}

export async function recordSuccessfulLogin(db: Queryable, userId: string): Promise<void> {
  await db.query('update users set failed_logins = 0, locked_until = null where id = $1', [userId]);
}

export async function usersOfCentre(db: Queryable, centreId: string): Promise<(UserRow & { roles: string[] })[]> {
  return db.query<UserRow & { roles: string[] }>(
    `select u.*, array_agg(m.role order by m.role) as roles from users u join memberships m on m.user_id = u.id
     where m.centre_id = $1 group by u.id order by u.username`,
    [centreId]
  );
}
