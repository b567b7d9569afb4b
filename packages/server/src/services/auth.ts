import { createHash, randomBytes } from 'node:crypto';
import type { PasswordChange, Role, SessionInfo, UserCreate } from '@engraft/domain';
import { PasswordChangeSchema, passwordWeakness, UserCreateSchema } from '@engraft/domain';
import { appendAudit } from '../repo/auditLog';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { conflict, EngraftError, invalid } from '../errors';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import * as sessions from '../repo/sessions';
import * as users from '../repo/users';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  centreId: string;
  centreName: string;
  roles: Role[];
  csrfToken: string;
  /** After an administrator's password reset: only the password change (and sign-out) work until it is done. */
  mustChangePassword: boolean;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

const toInfo = (c: AuthContext): SessionInfo => ({
  user: { id: c.userId, username: c.username, displayName: c.displayName, roles: c.roles },
  centre: { id: c.centreId, name: c.centreName },
  csrfToken: c.csrfToken,
  mustChangePassword: c.mustChangePassword,
  idleExpiresAt: c.idleExpiresAt.toISOString(),
  absoluteExpiresAt: c.absoluteExpiresAt.toISOString(),
});
export { toInfo as sessionInfo };

/**
 * One answer for an unknown username, a disabled account, a wrong password and a locked account (issue 14): the
 * answer never tells an attacker which usernames exist or which accounts they have locked.
 */
const BAD_LOGIN =
  'username or password is not correct, or the account is locked after repeated failures (try again later or ask an administrator)';

type PasswordCheck = { ok: true; user: users.UserRow } | { ok: false };

/**
 * The one password check behind sign-in, second-person re-authentication and password change: argon2id against
 * the stored hash (a decoy hash for unknown usernames, so every path costs the same), the lockout policy, and
 * the audit of a failure (action `failure`, with the reason kept in the audit trail only).
 */
async function checkPassword(
  db: Database,
  config: Pick<Config, 'lockout'>,
  creds: { username: string; password: string },
  centreId: string | null,
  failure: string,
  details: Record<string, unknown> = {}
): Promise<PasswordCheck> {
  const user = await users.findUserByUsername(db, creds.username);
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), creds.password);
  const actor = { userId: user?.id ?? null, username: creds.username, centreId };
  const locked = user?.locked_until != null && new Date(user.locked_until) > new Date();
  if (user && !user.disabled && !locked && ok) return { ok: true, user };
  await db.transaction(async (tx) => {
    let reason = !user || user.disabled ? 'unknown or disabled user' : locked ? 'account locked' : 'wrong password';
    let nowLocked: boolean | undefined;
    if (reason === 'wrong password' && user) {
      nowLocked = (await users.recordFailedLogin(tx, user.id, config.lockout.threshold, config.lockout.durationMs))
        .locked;
    } else {
      // the same number of statements as a wrong password, so the timing does not tell the cases apart
      await users.touchUser(tx, user?.id ?? null);
    }
    if (nowLocked) reason = 'wrong password; account now locked';
    await appendAudit(tx, actor, { action: failure, entityType: 'session', after: { ...details, reason } });
  });
  return { ok: false };
}

/**
 * Checks the password (argon2id), applies the lockout policy, opens a server-side session and audits
 * the attempt either way. The message never says whether the username exists or the account is locked.
 */
export async function login(
  db: Database,
  config: Pick<Config, 'session' | 'lockout'>,
  creds: { username: string; password: string }
): Promise<{ token: string; context: AuthContext }> {
  const checked = await checkPassword(db, config, creds, null, 'login-failure');
  if (!checked.ok) throw new EngraftError('unauthenticated', BAD_LOGIN);
  const user = checked.user;
  const actor = { userId: user.id, username: user.username, centreId: null };
  const memberships = await users.membershipsOf(db, user.id);
  const first = memberships[0];
  if (!first) throw new EngraftError('forbidden', 'this account has no role in any centre; ask an administrator');
  const roles = memberships.filter((m) => m.centreId === first.centreId).map((m) => m.role);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const row = await db.transaction(async (tx) => {
    await users.recordSuccessfulLogin(tx, user.id);
    await users.markSignedIn(tx, user.id);
    await sessions.deleteExpiredSessions(tx);
    const s = await sessions.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      centreId: first.centreId,
      csrfToken,
      idleMs: config.session.idleMs,
      absoluteMs: config.session.absoluteMs,
    });
    await appendAudit(
      tx,
      { ...actor, centreId: first.centreId },
      {
        action: 'login-success',
        entityType: 'session',
        after: { roles, mustChangePassword: user.must_change_password },
      }
    );
    return s;
  });
  return {
    token,
    context: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      centreId: first.centreId,
      centreName: first.centreName,
      roles,
      csrfToken,
      mustChangePassword: user.must_change_password,
      idleExpiresAt: new Date(row.idle_expires_at),
      absoluteExpiresAt: new Date(row.absolute_expires_at),
    },
  };
}

/** Resolves a session cookie to who is acting, sliding the idle timeout. */
export async function resolveSession(db: Database, idleMs: number, token: string): Promise<AuthContext | undefined> {
  const r = await sessions.touchLiveSession(db, hashToken(token), idleMs);
  if (!r) return undefined;
  return {
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    centreId: r.centre_id,
    centreName: r.centre_name,
    roles: r.roles,
    csrfToken: r.csrf_token,
    mustChangePassword: r.must_change_password,
    idleExpiresAt: new Date(r.idle_expires_at),
    absoluteExpiresAt: new Date(r.absolute_expires_at),
  };
}

export async function logout(db: Database, ctx: AuthContext, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    await sessions.deleteSession(tx, hashToken(token));
    await appendAudit(
      tx,
      { userId: ctx.userId, username: ctx.username, centreId: ctx.centreId },
      { action: 'logout', entityType: 'session' }
    );
  });
}

/** Creates a local account with roles in one centre; the password is stored only as an argon2id hash. */
export async function createUser(
  db: Database,
  actor: { userId: string | null; username: string },
  centreId: string,
  input: UserCreate,
  opts: { isDemo?: boolean } = {}
): Promise<{ id: string; username: string }> {
  const u = UserCreateSchema.parse(input);
  const passwordHash = await hashPassword(u.password);
  return db.transaction(async (tx) => {
    if (await users.findUserByUsername(tx, u.username)) {
      throw conflict(`the username ${u.username} is taken`, 'username');
    }
    const row = await users.insertUser(tx, {
      username: u.username,
      displayName: u.displayName,
      passwordHash,
      isDemo: opts.isDemo ?? false,
      createdBy: actor.userId,
    });
    await users.setRoles(tx, row.id, centreId, u.roles);
    await appendAudit(
      tx,
      { ...actor, centreId },
      {
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        // createdBy: the administrator (two-person controls treat their new accounts as theirs for a while, ADR 0011)
        after: {
          username: u.username,
          displayName: u.displayName,
          roles: u.roles,
          isDemo: opts.isDemo ?? false,
          createdBy: actor.userId ? actor.username : null,
        },
      }
    );
    return { id: row.id, username: row.username };
  });
}

/**
 * Re-authenticates a second person who signs on a device someone else is signed in on (bedside confirmation,
 * ADR 0540): the same password check, lockout and audit as a login, but no session is opened and the device's
 * session stays its owner's. A wrong password answers 400 (not 401, which would end the signed-in user's
 * session in the web app). Returns the person's roles in the given centre.
 */
export async function reauthenticate(
  db: Database,
  config: Pick<Config, 'lockout'>,
  creds: { username: string; password: string },
  centreId: string,
  purpose: string
): Promise<{ userId: string; username: string; displayName: string; roles: Role[] }> {
  const checked = await checkPassword(db, config, creds, centreId, 'reauth-failure', { purpose });
  if (!checked.ok) {
    throw new EngraftError('invalid', `second person: ${BAD_LOGIN}`, [{ path: 'password', message: BAD_LOGIN }]);
  }
  const user = checked.user;
  const actor = { userId: user.id, username: user.username, centreId };
  if (user.must_change_password) {
    throw new EngraftError(
      'forbidden',
      'the second person must first set a new password (their password was reset by an administrator)'
    );
  }
  const roles = (await users.membershipsOf(db, user.id)).filter((m) => m.centreId === centreId).map((m) => m.role);
  await db.transaction(async (tx) => {
    await users.recordSuccessfulLogin(tx, user.id);
    await appendAudit(tx, actor, { action: 'reauth-success', entityType: 'session', after: { purpose, roles } });
  });
  return { userId: user.id, username: user.username, displayName: user.display_name, roles };
}

/**
 * The signed-in user changes their own password: the current one is checked like a sign-in (rate limit,
 * lockout, audit), the new one must be strong and not the username; the forced change after a reset is cleared
 * and every other session of the user ends. A wrong current password answers 400 on `currentPassword`.
 */
export async function changePassword(
  db: Database,
  config: Pick<Config, 'lockout'>,
  ctx: AuthContext,
  token: string,
  input: PasswordChange
): Promise<void> {
  const p = PasswordChangeSchema.parse(input);
  const weak = passwordWeakness(p.newPassword, ctx.username);
  if (weak) throw invalid('newPassword', weak);
  const checked = await checkPassword(
    db,
    config,
    { username: ctx.username, password: p.currentPassword },
    ctx.centreId,
    'password-change-failure'
  );
  if (!checked.ok) {
    throw invalid(
      'currentPassword',
      'the current password is not correct (or the account is locked after repeated failures)'
    );
  }
  const passwordHash = await hashPassword(p.newPassword);
  await db.transaction(async (tx) => {
    await users.setPassword(tx, ctx.userId, passwordHash, false);
    const ended = await sessions.deleteSessionsOfUser(tx, ctx.userId, hashToken(token));
    await appendAudit(
      tx,
      { userId: ctx.userId, username: ctx.username, centreId: ctx.centreId },
      {
        action: 'password-change',
        entityType: 'user',
        entityId: ctx.userId,
        after: { forced: ctx.mustChangePassword, otherSessionsEnded: ended },
      }
    );
  });
}
