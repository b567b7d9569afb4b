import { z } from 'zod';
import { passwordWeakness } from './passwordStrength';
import { RoleSchema } from './roles';

export const LoginSchema = z.object({
  username: z.string().trim().min(1, 'enter your username').max(64),
  password: z.string().min(1, 'enter your password').max(256),
});
export type Login = z.infer<typeof LoginSchema>;

export const UsernameSchema = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash and underscore only');

/**
 * NIST SP 800-63B §5.1.1.2 (2017): length over composition rules; 12 characters minimum; common and breached
 * passwords refused (`passwordWeakness`). Forms that know the username also refuse its variants.
 */
export const PasswordSchema = z
  .string()
  .max(256)
  .superRefine((p, ctx) => {
    const weak = passwordWeakness(p);
    if (weak) ctx.addIssue({ code: 'custom', message: weak });
  });

const refuseUsernameVariant = (password: string, username: string, path: string, ctx: z.RefinementCtx): void => {
  const weak = passwordWeakness(password, username);
  if (weak && !passwordWeakness(password)) ctx.addIssue({ code: 'custom', path: [path], message: weak });
};

export const UserCreateSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1).max(100),
    password: PasswordSchema,
    roles: z
      .array(RoleSchema)
      .min(1, 'give the user at least one role')
      .refine((r) => new Set(r).size === r.length, 'roles: give each role once'),
  })
  .superRefine((u, ctx) => refuseUsernameVariant(u.password, u.username, 'password', ctx));
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const SessionInfoSchema = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
  }),
  centre: z.object({ id: z.uuid(), name: z.string() }),
  csrfToken: z.string(),
  /** After a password reset by an administrator: nothing else works until the user sets a new password. */
  mustChangePassword: z.boolean(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

// ---- User administration (issue 14) ----

/** One account of the centre as the administrator sees it. */
export const UserSummarySchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  locked: z.boolean(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  /** Who created the account (null: the command line or the demo seeder). */
  createdBy: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;
export const UserListSchema = z.array(UserSummarySchema);

export const UserIdParamsSchema = z.object({ userId: z.uuid() });

/** The answer to creating an account. */
export const UserCreatedSchema = z.object({ id: z.uuid(), username: z.string() });
export type UserCreated = z.infer<typeof UserCreatedSchema>;

const ReasonSchema = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500);

/** Disable, enable, unlock, sign out everywhere: the administrator says why (audited). */
export const UserActionSchema = z.object({ reason: ReasonSchema });
export type UserAction = z.infer<typeof UserActionSchema>;

export const UserRolesSchema = z.object({
  roles: z.array(RoleSchema).min(1, 'give the user at least one role'),
  reason: ReasonSchema,
});
export type UserRoles = z.infer<typeof UserRolesSchema>;

/** An administrator sets a temporary password; the user must choose a new one at the next sign-in. */
export const PasswordResetSchema = z.object({ password: PasswordSchema, reason: ReasonSchema });
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** The signed-in user changes their own password (required after a reset). */
export const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1, 'enter your current password').max(256), newPassword: PasswordSchema })
  .refine((p) => p.currentPassword !== p.newPassword, {
    path: ['newPassword'],
    message: 'the new password must differ from the current one',
  });
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** Accounts created by administrators in the last N days (the two-person window), for review. */
export const RecentAccountsSchema = z.object({
  days: z.number().int().min(0),
  accounts: z.array(
    z.object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      createdAt: z.string(),
      createdBy: z.string(),
    })
  ),
});
export type RecentAccounts = z.infer<typeof RecentAccountsSchema>;
