import type { FastifyInstance } from 'fastify';
import { nextTurnAfter, type NextTurn, RequestsInFlight } from '../services/requestTurns';

/** Default bound of the pause between a lab import's chunks while other requests are in flight (ADR 0014). */
export const IMPORT_PAUSE_MS = 50;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A long write that yields to other requests between its chunks: not counted as in flight itself. */
    yieldsToOthers?: boolean;
  }
  interface FastifyInstance {
    /** Between two chunks of a long write: waits (bounded) while other requests are in flight. */
    nextTurn: NextTurn;
  }
}

/**
 * Counts the requests in flight (onRequest until the response closes, answered or aborted), those of routes that
 * yield to others excluded, and decorates the app with the pause those routes take between chunks.
 */
export function registerRequestsInFlight(app: FastifyInstance, pauseMs: number = IMPORT_PAUSE_MS): void {
  const inFlight = new RequestsInFlight();
  app.decorate('nextTurn', nextTurnAfter(inFlight, pauseMs));
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config.yieldsToOthers) return;
    inFlight.enter();
    // 'close' comes once, whether the response was sent or the client went away ('finish' does not come then).
    reply.raw.once('close', () => inFlight.leave());
  });
}
