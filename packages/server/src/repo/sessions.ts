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
  must_change_password: boolean;
}

/**
 * Finds a live session with its user and roles, sliding the idle expiry (never past the absolute one). The
 * slide is written at most once per `slideMs` (a tenth of the idle timeout, at most a minute), so most
 * requests only read.
 */
export async function touchLiveSession(
  db: Queryable,
  tokenHash: string,
  idleMs: number
): Promise<LiveSession | undefined> {
  const slideMs = Math.min(60_000, Math.floor(idleMs / 10));
  const rows = await db.query<LiveSession>(
    `with live as (
       select * from sessions where token_hash = $1 and idle_expires_at > now() and absolute_expires_at > now()),
     touched as (
       update sessions s set last_seen_at = now(),
         idle_expires_at = least(now() + ($2 || ' milliseconds')::interval, s.absolute_expires_at)
       from live where s.token_hash = live.token_hash and live.last_seen_at < now() - ($3 || ' milliseconds')::interval
       returning s.*),
     cur as (select * from touched union all select * from live where not exists (select 1 from touched))
     select cur.user_id, u.username, u.display_name, cur.centre_id, c.name as centre_name, cur.csrf_token,
            cur.idle_expires_at, cur.absolute_expires_at, u.must_change_password,
            coalesce((select array_agg(m.role order by m.role) from memberships m
                      where m.user_id = cur.user_id and m.centre_id = cur.centre_id), '{}') as roles
     from cur join users u on u.id = cur.user_id join centres c on c.id = cur.centre_id
     where not u.disabled`,
    [tokenHash, String(idleMs), String(slideMs)]
  );
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('delete from sessions where idle_expires_at <= now() or absolute_expires_at <= now()');
}

/** Ends every session of a user (disable, password reset, sign out everywhere), except `keepTokenHash`. */
export async function deleteSessionsOfUser(db: Queryable, userId: string, keepTokenHash?: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with gone as (delete from sessions where user_id = $1 and token_hash <> coalesce($2, '') returning 1)
     select count(*)::int as n from gone`,
    [userId, keepTokenHash ?? null]
  );
  return rows[0]?.n ?? 0;
}
