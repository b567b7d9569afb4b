import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerRequestsInFlight } from './requestsInFlight';

/** An app with one route that answers when released, and one that yields to others (as the lab import does). */
async function appWithHeldRoutes(pauseMs: number) {
  const app = Fastify();
  registerRequestsInFlight(app, pauseMs);
  const held: (() => void)[] = [];
  let entered = 0;
  const hold = () =>
    new Promise<string>((resolve) => {
      entered++;
      held.push(() => resolve('done'));
    });
  app.get('/read', hold);
  app.get('/import', { config: { yieldsToOthers: true } }, hold);
  await app.ready();
  const untilEntered = async (n: number) => {
    while (entered < n) await new Promise((r) => setTimeout(r, 1));
  };
  return { app, held, untilEntered };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('requests in flight (Fastify hooks)', () => {
  it('the pause waits while a read is in flight and goes on once it is answered', async () => {
    const { app, held, untilEntered } = await appWithHeldRoutes(500);
    close = () => app.close();
    const read = app.inject({ method: 'GET', url: '/read' });
    await untilEntered(1);
    setTimeout(() => held[0]!(), 30);
    const waited = await app.nextTurn();
    expect((await read).statusCode).toBe(200);
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(400);
    expect(await app.nextTurn()).toBeLessThan(40);
  });

  it('a request of a route that yields to others is not counted: two imports do not wait for each other', async () => {
    const { app, held, untilEntered } = await appWithHeldRoutes(500);
    close = () => app.close();
    const imported = app.inject({ method: 'GET', url: '/import' });
    await untilEntered(1);
    expect(await app.nextTurn()).toBeLessThan(40);
    held[0]!();
    expect((await imported).statusCode).toBe(200);
  });

  it('a read still in flight holds the pause no longer than its bound', async () => {
    const { app, held, untilEntered } = await appWithHeldRoutes(50);
    close = () => app.close();
    const read = app.inject({ method: 'GET', url: '/read' });
    await untilEntered(1);
    const waited = await app.nextTurn();
    expect(waited).toBeGreaterThanOrEqual(49);
    expect(waited).toBeLessThan(150);
    held[0]!();
    await read;
  });
});
