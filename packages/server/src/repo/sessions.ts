import type { Role } from '@engraft/domain';
import type { Queryable } from '../db/database';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  centre_id: string;
  csrf_token: string;
  idle_expires_at: Date;
  absolute_expires_at: Date;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; userId: string; centreId: string; csrfToken: string; idleMs: number; absoluteMs: number }
): Promise<SessionRow> {
  const rows = await db.query<SessionRow>(
    `insert into sessions (token_hash, user_id, centre_id, csrf_token, idle_expires_at, absolute_expires_at)
     values ($1,$2,$3,$4, now() + ($5 || ' milliseconds')::interval, now() + ($6 || ' milliseconds')::interval) returning *`,
    [s.tokenHash, s.userId, s.centreId, s.csrfToken, String(s.idleMs), String(s.absoluteMs)]
  );
  return rows[0]!;
}

export interface LiveSession {
  user_id: string;
  username: string;
  display_name: string;
  centre_id: string;
  centre_name: string;
  csrf_token: string;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  roles: Role[];
}

/** Finds a live session with its user and roles, sliding the idle expiry (never past the absolute one). */
export async function touchLiveSession(db: Queryable, tokenHash: string, idleMs: number): Promise<LiveSession | undefined> {
  const rows = await db.query<LiveSession>(
    `with s as (
       update sessions set last_seen_at = now(),
         idle_expires_at = least(now() + ($2 || ' milliseconds')::interval, absolute_expires_at)
       where token_hash = $1 and idle_expires_at > now() and absolute_expires_at > now()
       returning *)
     select s.user_id, u.username, u.display_name, s.centre_id, c.name as centre_name, s.csrf_token,
            s.idle_expires_at, s.absolute_expires_at,
            coalesce((select array_agg(m.role order by m.role) from memberships m
                      where m.user_id = s.user_id and m.centre_id = s.centre_id), '{}') as roles
     from s join users u on u.id = s.user_id join centres c on c.id = s.centre_id
     where not u.disabled`,
    [tokenHash, String(idleMs)]
  );
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('delete from sessions where idle_expires_at <= now() or absolute_expires_at <= now()');
}
