import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionInfo, UserCreate } from '@engraft/domain';
import { UserCreateSchema } from '@engraft/domain';
import { appendAudit } from '../repo/auditLog';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { conflict, EngraftError } from '../errors';
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
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

const toInfo = (c: AuthContext): SessionInfo => ({
  user: { id: c.userId, username: c.username, displayName: c.displayName, roles: c.roles },
  centre: { id: c.centreId, name: c.centreName },
  csrfToken: c.csrfToken,
  idleExpiresAt: c.idleExpiresAt.toISOString(),
  absoluteExpiresAt: c.absoluteExpiresAt.toISOString(),
});
export { toInfo as sessionInfo };

const BAD_LOGIN = 'username or password is not correct';

/**
 * Checks the password (argon2id), applies the lockout policy, opens a server-side session and audits
 * the attempt either way. The message never says whether the username exists.
 */
export async function login(
  db: Database,
  config: Pick<Config, 'session' | 'lockout'>,
  creds: { username: string; password: string }
): Promise<{ token: string; context: AuthContext }> {
  const user = await users.findUserByUsername(db, creds.username);
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), creds.password);
  const actor = { userId: user?.id ?? null, username: creds.username, centreId: null };
  if (!user || user.disabled) {
    await db.transaction((tx) => appendAudit(tx, actor, { action: 'login-failure', entityType: 'session', after: { reason: 'unknown or disabled user' } }));
    throw new EngraftError('unauthenticated', BAD_LOGIN);
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await db.transaction((tx) => appendAudit(tx, actor, { action: 'login-failure', entityType: 'session', after: { reason: 'account locked' } }));
    throw new EngraftError('locked', 'this account is locked after repeated failed logins; try again later or ask an administrator');
  }
  if (!ok) {
    const { locked } = await db.transaction(async (tx) => {
      const r = await users.recordFailedLogin(tx, user.id, config.lockout.threshold, config.lockout.durationMs);
      await appendAudit(tx, actor, { action: 'login-failure', entityType: 'session', after: { reason: 'wrong password', locked: r.locked } });
      return r;
    });
    if (locked) throw new EngraftError('locked', 'this account is locked after repeated failed logins; try again later or ask an administrator');
    throw new EngraftError('unauthenticated', BAD_LOGIN);
  }
  const memberships = await users.membershipsOf(db, user.id);
  const first = memberships[0];
  if (!first) throw new EngraftError('forbidden', 'this account has no role in any centre; ask an administrator');
  const roles = memberships.filter((m) => m.centreId === first.centreId).map((m) => m.role);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const row = await db.transaction(async (tx) => {
    await users.recordSuccessfulLogin(tx, user.id);
    await sessions.deleteExpiredSessions(tx);
    const s = await sessions.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      centreId: first.centreId,
      csrfToken,
      idleMs: config.session.idleMs,
      absoluteMs: config.session.absoluteMs,
    });
    await appendAudit(tx, { ...actor, centreId: first.centreId }, { action: 'login-success', entityType: 'session', after: { roles } });
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
    idleExpiresAt: new Date(r.idle_expires_at),
    absoluteExpiresAt: new Date(r.absolute_expires_at),
  };
}

export async function logout(db: Database, ctx: AuthContext, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    await sessions.deleteSession(tx, hashToken(token));
    await appendAudit(tx, { userId: ctx.userId, username: ctx.username, centreId: ctx.centreId }, { action: 'logout', entityType: 'session' });
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
    if (await users.findUserByUsername(tx, u.username)) throw conflict(`the username ${u.username} is taken`, 'username');
    const row = await users.insertUser(tx, { username: u.username, displayName: u.displayName, passwordHash, isDemo: opts.isDemo ?? false });
    await users.setRoles(tx, row.id, centreId, u.roles);
    await appendAudit(tx, { ...actor, centreId }, {
      action: 'create',
      entityType: 'user',
      entityId: row.id,
      after: { username: u.username, displayName: u.displayName, roles: u.roles, isDemo: opts.isDemo ?? false },
    });
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
  const user = await users.findUserByUsername(db, creds.username);
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), creds.password);
  const actor = { userId: user?.id ?? null, username: creds.username, centreId };
  const refuse = (): EngraftError => new EngraftError('invalid', `second person: ${BAD_LOGIN}`, [{ path: 'password', message: BAD_LOGIN }]);
  if (!user || user.disabled) {
    await db.transaction((tx) => appendAudit(tx, actor, { action: 'reauth-failure', entityType: 'session', after: { purpose, reason: 'unknown or disabled user' } }));
    throw refuse();
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await db.transaction((tx) => appendAudit(tx, actor, { action: 'reauth-failure', entityType: 'session', after: { purpose, reason: 'account locked' } }));
    throw new EngraftError('locked', 'the second person’s account is locked after repeated failed logins; try again later or ask an administrator');
  }
  if (!ok) {
    const { locked } = await db.transaction(async (tx) => {
      const r = await users.recordFailedLogin(tx, user.id, config.lockout.threshold, config.lockout.durationMs);
      await appendAudit(tx, actor, { action: 'reauth-failure', entityType: 'session', after: { purpose, reason: 'wrong password', locked: r.locked } });
      return r;
    });
    if (locked) throw new EngraftError('locked', 'the second person’s account is locked after repeated failed logins; try again later or ask an administrator');
    throw refuse();
  }
  const roles = (await users.membershipsOf(db, user.id)).filter((m) => m.centreId === centreId).map((m) => m.role);
  await db.transaction(async (tx) => {
    await users.recordSuccessfulLogin(tx, user.id);
    await appendAudit(tx, actor, { action: 'reauth-success', entityType: 'session', after: { purpose, roles } });
  });
  return { userId: user.id, username: user.username, displayName: user.display_name, roles };
}
