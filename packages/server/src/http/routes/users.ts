import { RoleSchema, UserCreateSchema } from '@engraft/domain';
import { z } from 'zod';
import { createUser } from '../../services/auth';
import { listUsers } from '../../services/users';
import { authOf } from '../access';
import type { TypedApp } from '../app';

const UserListSchema = z.array(
  z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), roles: z.array(RoleSchema), locked: z.boolean(), disabled: z.boolean() })
);

export function registerUserRoutes(app: TypedApp): void {
  const { db } = app.deps;
  app.get(
    '/users',
    { config: { access: ['admin'] }, schema: { summary: 'Accounts of this centre', tags: ['users'], response: { 200: UserListSchema } } },
    async (req) => listUsers(db, authOf(req).centreId)
  );
  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: { summary: 'Create a local account', tags: ['users'], body: UserCreateSchema, response: { 201: z.object({ id: z.uuid(), username: z.string() }) } },
    },
    async (req, reply) => {
      const a = authOf(req);
      const user = await createUser(db, { userId: a.userId, username: a.username }, a.centreId, req.body);
      return reply.code(201).send(user);
    }
  );
}
