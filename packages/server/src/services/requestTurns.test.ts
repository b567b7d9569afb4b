import { describe, expect, it } from 'vitest';
import { eventLoopTurn, nextTurnAfter, RequestsInFlight } from './requestTurns';

describe('RequestsInFlight', () => {
  it('counts requests that have started and not ended, never below zero', () => {
    const inFlight = new RequestsInFlight();
    inFlight.enter();
    inFlight.enter();
    expect(inFlight.count).toBe(2);
    inFlight.leave();
    inFlight.leave();
    inFlight.leave();
    expect(inFlight.count).toBe(0);
  });
});

describe('nextTurnAfter', () => {
  it('goes on after one event-loop turn when no other request is in flight', async () => {
    const waited = await nextTurnAfter(new RequestsInFlight(), 50)();
    expect(waited).toBeLessThan(40);
  });

  it('waits while another request is in flight and goes on soon after it ends', async () => {
    const inFlight = new RequestsInFlight();
    inFlight.enter();
    setTimeout(() => inFlight.leave(), 20);
    const waited = await nextTurnAfter(inFlight, 200)();
    expect(waited).toBeGreaterThanOrEqual(19);
    expect(waited).toBeLessThan(150);
  });

  it('waits no longer than its bound while requests stay in flight, so an import never starves', async () => {
    const inFlight = new RequestsInFlight();
    inFlight.enter();
    const waited = await nextTurnAfter(inFlight, 50)();
    expect(inFlight.count).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(49);
    expect(waited).toBeLessThan(120);
  });

  it('with a bound of 0 it does not wait for requests in flight (the pause off)', async () => {
    const inFlight = new RequestsInFlight();
    inFlight.enter();
    expect(await nextTurnAfter(inFlight, 0)()).toBeLessThan(40);
    expect(await eventLoopTurn()).toBeLessThan(40);
  });
});
