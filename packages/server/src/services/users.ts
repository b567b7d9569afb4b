// User administration (issue 14): an administrator manages the accounts that have a role in their centre. Every
// change is one transaction with its audit event (who, which account, before/after, the reason); disabling,
// resetting a password and "sign out everywhere" end the account's sessions in the same transaction, so a
// session still open in a browser stops working on its next request.
import {
  type PasswordReset,
  PasswordResetSchema,
  passwordWeakness,
  type RecentAccounts,
  type Role,
  type UserAction,
  UserActionSchema,
  type UserRoles,
  UserRolesSchema,
  type UserSummary,
} from '@engraft/domain';
import { hashPassword } from '../auth/passwords';
import type { Database, Queryable } from '../db/database';
import { conflict, invalid, notFound } from '../errors';
import { type Actor, appendAudit } from '../repo/auditLog';
import * as sessions from '../repo/sessions';
import * as users from '../repo/users';
import { twoPersonNewAccountDays } from './twoPerson';

/** An administrator acting in their centre. */
export type AdminActor = Actor & { centreId: string };

const iso = (d: Date | string | null): string | null => (d == null ? null : new Date(d).toISOString());

export async function listUsers(db: Database, centreId: string): Promise<UserSummary[]> {
  const rows = await users.usersOfCentre(db, centreId);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    locked: r.locked_until != null && new Date(r.locked_until).getTime() > now,
    disabled: r.disabled,
    mustChangePassword: r.must_change_password,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by_username,
    lastSignInAt: iso(r.last_sign_in_at),
  }));
}

/** Accounts of the centre created by an administrator within the two-person window, newest first. */
export async function recentAccounts(db: Database, centreId: string): Promise<RecentAccounts> {
  const days = twoPersonNewAccountDays();
  const rows = await users.accountsCreatedByUsers(db, centreId, days);
  return {
    days,
    accounts: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      createdAt: iso(r.created_at)!,
      createdBy: r.created_by_username,
    })),
  };
}

async function target(tx: Queryable, actor: AdminActor, userId: string): Promise<users.UserRow> {
  const u = await users.findCentreUser(tx, actor.centreId, userId, { forUpdate: true });
  if (!u) throw notFound('the account');
  return u;
}

const notSelf = (actor: AdminActor, userId: string, what: string): void => {
  if (actor.userId === userId) {
    throw conflict(`you cannot ${what} your own account; ask another administrator`, 'userId');
  }
};

/** Disables an account: it cannot sign in or act as a second person, and its sessions end now. */
export async function disableUser(db: Database, actor: AdminActor, userId: string, input: UserAction): Promise<void> {
  const { reason } = UserActionSchema.parse(input);
  notSelf(actor, userId, 'disable');
  await db.transaction(async (tx) => {
    const u = await target(tx, actor, userId);
    if (u.disabled) throw conflict(`${u.username} is already disabled`);
    await users.setDisabled(tx, userId, true);
    const ended = await sessions.deleteSessionsOfUser(tx, userId);
    await appendAudit(tx, actor, {
      action: 'disable',
      entityType: 'user',
      entityId: userId,
      before: { disabled: false },
      after: { disabled: true, username: u.username, sessionsEnded: ended },
      reason,
    });
  });
}

export async function enableUser(db: Database, actor: AdminActor, userId: string, input: UserAction): Promise<void> {
  const { reason } = UserActionSchema.parse(input);
  await db.transaction(async (tx) => {
    const u = await target(tx, actor, userId);
    if (!u.disabled) throw conflict(`${u.username} is not disabled`);
    await users.setDisabled(tx, userId, false);
    await appendAudit(tx, actor, {
      action: 'enable',
      entityType: 'user',
      entityId: userId,
      before: { disabled: true },
      after: { disabled: false, username: u.username },
      reason,
    });
  });
}

/** Clears the lockout after repeated failed sign-ins. */
export async function unlockUser(db: Database, actor: AdminActor, userId: string, input: UserAction): Promise<void> {
  const { reason } = UserActionSchema.parse(input);
  await db.transaction(async (tx) => {
    const u = await target(tx, actor, userId);
    await users.unlock(tx, userId);
    await appendAudit(tx, actor, {
      action: 'unlock',
      entityType: 'user',
      entityId: userId,
      before: { failedLogins: u.failed_logins, lockedUntil: iso(u.locked_until) },
      after: { failedLogins: 0, lockedUntil: null, username: u.username },
      reason,
    });
  });
}

/** Replaces the account's roles in this centre (other centres are untouched). An administrator keeps their own admin role. */
export async function setUserRoles(db: Database, actor: AdminActor, userId: string, input: UserRoles): Promise<void> {
  const { roles, reason } = UserRolesSchema.parse(input);
  if (actor.userId === userId && !roles.includes('admin')) {
    throw invalid('roles', 'you cannot remove your own administrator role; ask another administrator');
  }
  await db.transaction(async (tx) => {
    const u = await target(tx, actor, userId);
    const before = (await users.membershipsOf(tx, userId))
      .filter((m) => m.centreId === actor.centreId)
      .map((m) => m.role);
    const after = [...new Set(roles)].sort();
    await users.setRoles(tx, userId, actor.centreId, after);
    await appendAudit(tx, actor, {
      action: 'roles',
      entityType: 'user',
      entityId: userId,
      before: { roles: before },
      after: { roles: after, username: u.username },
      reason,
    });
  });
}

/**
 * An administrator sets a temporary password (told to the user in person): the account must choose a new one
 * before anything else works, its sessions end and its lockout is cleared.
 */
export async function resetPassword(
  db: Database,
  actor: AdminActor,
  userId: string,
  input: PasswordReset
): Promise<void> {
  const { password, reason } = PasswordResetSchema.parse(input);
  notSelf(actor, userId, 'reset the password of (change it yourself)');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const u = await target(tx, actor, userId);
    const weak = passwordWeakness(password, u.username);
    if (weak) throw invalid('password', weak);
    await users.setPassword(tx, userId, passwordHash, true);
    const ended = await sessions.deleteSessionsOfUser(tx, userId);
    await appendAudit(tx, actor, {
      action: 'password-reset',
      entityType: 'user',
      entityId: userId,
      after: { username: u.username, mustChangePassword: true, sessionsEnded: ended },
      reason,
    });
  });
}

/** Ends every session of the account, on every device. */
export async function signOutEverywhere(
  db: Database,
  actor: AdminActor,
  userId: string,
  input: UserAction
): Promise<{ sessionsEnded: number }> {
  const { reason } = UserActionSchema.parse(input);
  return db.transaction(async (tx) => {
    const u = await target(tx, actor, userId);
    const ended = await sessions.deleteSessionsOfUser(tx, userId);
    await appendAudit(tx, actor, {
      action: 'sign-out-everywhere',
      entityType: 'user',
      entityId: userId,
      after: { username: u.username, sessionsEnded: ended },
      reason,
    });
    return { sessionsEnded: ended };
  });
}

/** The id of the account with this username in the centre (for the command line, which names accounts). */
export async function userIdInCentre(db: Database, centreId: string, username: string): Promise<string> {
  const u = await users.findUserByUsername(db, username);
  if (!u || !(await users.findCentreUser(db, centreId, u.id))) throw notFound(`the account ${username} in this centre`);
  return u.id;
}
