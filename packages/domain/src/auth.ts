import { z } from 'zod';
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

/** NIST SP 800-63B: length over composition rules; 12 characters minimum. */
export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(256);

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(100),
  password: PasswordSchema,
  roles: z.array(RoleSchema).min(1, 'give the user at least one role').refine((r) => new Set(r).size === r.length, 'roles: give each role once'),
});
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
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
