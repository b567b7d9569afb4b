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
  created_at: Date;
  created_by: string | null;
  must_change_password: boolean;
  last_sign_in_at: Date | null;
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
  u: { username: string; displayName: string; passwordHash: string; isDemo: boolean; createdBy: string | null }
): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `insert into users (username, display_name, password_hash, is_demo, created_by) values ($1,$2,$3,$4,$5) returning *`,
    [u.username, u.displayName, u.passwordHash, u.isDemo, u.createdBy]
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

export async function recordFailedLogin(
  db: Queryable,
  userId: string,
  threshold: number,
  lockMs: number
): Promise<{ locked: boolean }> {
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

export type CentreUserRow = UserRow & { roles: string[]; created_by_username: string | null };

export async function usersOfCentre(db: Queryable, centreId: string): Promise<CentreUserRow[]> {
  return db.query<CentreUserRow>(
    `select u.*, array_agg(m.role order by m.role) as roles, cb.username as created_by_username
     from users u join memberships m on m.user_id = u.id left join users cb on cb.id = u.created_by
     where m.centre_id = $1 group by u.id, cb.username order by u.username`,
    [centreId]
  );
}

/** The account if it has a role in the centre (an administrator manages the accounts of their centre only). */
export async function findCentreUser(
  db: Queryable,
  centreId: string,
  userId: string,
  opts: { forUpdate?: boolean } = {}
): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `select u.* from users u where u.id = $1 and exists (select 1 from memberships m where m.user_id = u.id and m.centre_id = $2)
     ${opts.forUpdate ? 'for update' : ''}`,
    [userId, centreId]
  );
  return rows[0];
}

export async function findUserById(db: Queryable, userId: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('select * from users where id = $1', [userId]))[0];
}

export async function setDisabled(db: Queryable, userId: string, disabled: boolean): Promise<void> {
  await db.query('update users set disabled = $2, updated_at = now() where id = $1', [userId, disabled]);
}

export async function unlock(db: Queryable, userId: string): Promise<void> {
  await db.query('update users set failed_logins = 0, locked_until = null, updated_at = now() where id = $1', [userId]);
}

/** Sets a new password hash; `mustChange` after an administrator's reset, false when the user chose it. */
export async function setPassword(
  db: Queryable,
  userId: string,
  passwordHash: string,
  mustChange: boolean
): Promise<void> {
  await db.query(
    'update users set password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until = null, updated_at = now() where id = $1',
    [userId, passwordHash, mustChange]
  );
}

export async function markSignedIn(db: Queryable, userId: string): Promise<void> {
  await db.query('update users set last_sign_in_at = now() where id = $1', [userId]);
}

/** Accounts with a role in the centre created by an identified user (an administrator) since `days` ago. */
export async function accountsCreatedByUsers(
  db: Queryable,
  centreId: string,
  days: number
): Promise<{ id: string; username: string; display_name: string; created_at: Date; created_by_username: string }[]> {
  return db.query(
    `select u.id, u.username, u.display_name, u.created_at, cb.username as created_by_username
     from users u join users cb on cb.id = u.created_by
     where exists (select 1 from memberships m where m.user_id = u.id and m.centre_id = $1)
       and u.created_at > now() - ($2 || ' days')::interval
     order by u.created_at desc`,
    [centreId, String(days)]
  );
}

export interface AccountOrigin {
  id: string;
  created_by: string | null;
  /** Created within the window. */
  recent: boolean;
}

/** Who created each account and whether that was within the last `days` days (two-person controls). */
export async function accountOrigins(db: Queryable, ids: readonly string[], days: number): Promise<AccountOrigin[]> {
  return db.query<AccountOrigin>(
    `select id, created_by, created_at > now() - ($2 || ' days')::interval as recent from users where id = any($1::uuid[])`,
    [ids, String(days)]
  );
}

/** One statement reading an account (or none): a refused sign-in takes as many statements as a wrong password. */
export async function touchUser(db: Queryable, userId: string | null): Promise<void> {
  await db.query('select 1 from users where id = $1', [userId ?? '00000000-0000-0000-0000-000000000000']);
}
