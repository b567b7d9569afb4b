import {
  DoneSchema,
  PasswordResetSchema,
  RecentAccountsSchema,
  USER_ADMINS,
  UserActionSchema,
  UserCreatedSchema,
  UserCreateSchema,
  UserIdParamsSchema,
  UserListSchema,
  UserRolesSchema,
} from '@engraft/domain';
import { createUser } from '../../services/auth';
import * as svc from '../../services/users';
import { authOf } from '../access';
import type { TypedApp } from '../app';

/** User administration (issue 14): administrators manage the accounts of their centre; every action is audited. */
export function registerUserRoutes(app: TypedApp): void {
  const { db } = app.deps;
  const actorOf = (req: Parameters<typeof authOf>[0]) => {
    const a = authOf(req);
    return { userId: a.userId, username: a.username, centreId: a.centreId };
  };
  app.get(
    '/users',
    {
      config: { access: USER_ADMINS },
      schema: { summary: 'Accounts of this centre', tags: ['users'], response: { 200: UserListSchema } },
    },
    async (req) => svc.listUsers(db, authOf(req).centreId)
  );
  app.get(
    '/users/created-recently',
    {
      config: { access: USER_ADMINS },
      schema: {
        summary: 'Accounts created by administrators within the two-person window (review)',
        tags: ['users'],
        response: { 200: RecentAccountsSchema },
      },
    },
    async (req) => svc.recentAccounts(db, authOf(req).centreId)
  );
  app.post(
    '/users',
    {
      config: { access: USER_ADMINS },
      schema: {
        summary: 'Create a local account',
        tags: ['users'],
        body: UserCreateSchema,
        response: { 201: UserCreatedSchema },
      },
    },
    async (req, reply) => {
      const a = actorOf(req);
      const user = await createUser(db, a, a.centreId, req.body);
      return reply.code(201).send(user);
    }
  );

  const action = (path: string, summary: string, run: typeof svc.disableUser) =>
    app.post(
      `/users/:userId/${path}`,
      {
        config: { access: USER_ADMINS },
        schema: {
          summary,
          tags: ['users'],
          params: UserIdParamsSchema,
          body: UserActionSchema,
          response: { 200: DoneSchema },
        },
      },
      async (req) => {
        await run(db, actorOf(req), req.params.userId, req.body);
        return { ok: true as const };
      }
    );
  action('disable', 'Disable an account (it cannot sign in; its sessions end at once)', svc.disableUser);
  action('enable', 'Enable a disabled account', svc.enableUser);
  action('unlock', 'Unlock an account locked after repeated failed sign-ins', svc.unlockUser);
  action('sign-out', 'Sign an account out everywhere (end all its sessions)', async (d, a, id, body) => {
    await svc.signOutEverywhere(d, a, id, body);
  });

  app.put(
    '/users/:userId/roles',
    {
      config: { access: USER_ADMINS },
      schema: {
        summary: 'Set the roles of an account in this centre',
        tags: ['users'],
        params: UserIdParamsSchema,
        body: UserRolesSchema,
        response: { 200: DoneSchema },
      },
    },
    async (req) => {
      await svc.setUserRoles(db, actorOf(req), req.params.userId, req.body);
      return { ok: true as const };
    }
  );
  app.post(
    '/users/:userId/password-reset',
    {
      config: { access: USER_ADMINS },
      schema: {
        summary: 'Set a temporary password; the user must choose a new one at the next sign-in',
        tags: ['users'],
        params: UserIdParamsSchema,
        body: PasswordResetSchema,
        response: { 200: DoneSchema },
      },
    },
    async (req) => {
      await svc.resetPassword(db, actorOf(req), req.params.userId, req.body);
      return { ok: true as const };
    }
  );
}
