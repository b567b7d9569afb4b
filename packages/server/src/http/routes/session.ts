import { ALL_ROLES, LoginSchema, NoContentSchema, PasswordChangeSchema, SessionInfoSchema } from '@engraft/domain';
import { changePassword, login, logout, sessionInfo } from '../../services/auth';
import { authOf, SESSION_COOKIE } from '../access';
import type { TypedApp } from '../app';

export function registerSessionRoutes(app: TypedApp): void {
  const { db, config } = app.deps;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.session.secureCookies,
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  };

  app.post(
    '/session',
    {
      config: { access: 'public' }, // rate-limited per address and per account with every password check (app.ts)
      schema: { summary: 'Sign in', tags: ['session'], body: LoginSchema, response: { 200: SessionInfoSchema } },
    },
    async (req, reply) => {
      const { token, context } = await login(db, config, req.body);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return sessionInfo(context);
    }
  );

  app.get(
    '/session',
    {
      config: { access: ALL_ROLES },
      schema: { summary: 'Who is signed in', tags: ['session'], response: { 200: SessionInfoSchema } },
    },
    async (req) => sessionInfo(authOf(req))
  );

  app.delete(
    '/session',
    {
      config: { access: ALL_ROLES },
      schema: { summary: 'Sign out', tags: ['session'], response: { 204: NoContentSchema } },
    },
    async (req, reply) => {
      await logout(db, authOf(req), req.sessionToken ?? '');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    }
  );

  app.post(
    '/session/password',
    {
      config: { access: ALL_ROLES },
      schema: {
        summary: 'Change your own password (required after a reset by an administrator); other sessions end',
        tags: ['session'],
        body: PasswordChangeSchema,
        response: { 200: SessionInfoSchema },
      },
    },
    async (req) => {
      const a = authOf(req);
      await changePassword(db, config, a, req.sessionToken ?? '', req.body);
      return sessionInfo({ ...a, mustChangePassword: false });
    }
  );
}
