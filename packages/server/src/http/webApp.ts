import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './problem';

/** Where the built single-page app lives: ENGRAFT_WEB_DIR, else packages/web/dist. */
export function resolveWebDir(configured: string | undefined): string | undefined {
  if (configured) return configured;
  try {
    const pkg = createRequire(import.meta.url).resolve('@engraft/web/package.json');
    const dist = path.join(path.dirname(pkg), 'dist');
    return existsSync(path.join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/** Serves the web app with client-side routing: unknown non-API GETs get index.html. */
export async function registerWebApp(app: FastifyInstance, configured: string | undefined): Promise<void> {
  const root = resolveWebDir(configured);
  if (root) {
    await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) {
      if (root) return reply.sendFile('index.html');
      return reply.type('text/plain').send('The web app is not built. Run `npm run build` (or `npm start`).');
    }
    return sendProblem(reply, problem(404, `no route ${req.method} ${req.url}`));
  });
}
