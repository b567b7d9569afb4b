import { z } from 'zod';

// Shared pieces of the response contract (ADR 0020).

/** A 204 answer: no body. */
export const NoContentSchema = z.void().describe('no content');

/** `{ ok: true }`: an action that changes state and has nothing else to say. */
export const DoneSchema = z.object({ ok: z.literal(true) });
