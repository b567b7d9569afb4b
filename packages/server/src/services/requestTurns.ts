/**
 * Turns between a long write and the other requests of the server (issue 14, ADR 0014). On 2 cores a lab import's
 * chunks compete with page reads for CPU (the server's and the database's); between chunks the import waits while
 * other requests are in flight, at most `maxWaitMs` per chunk, so a busy server slows an import but never stops it.
 */
export class RequestsInFlight {
  #count = 0;

  /** A request (not a yielding one) has started. */
  enter(): void {
    this.#count++;
  }

  /** That request has ended (answered, failed or aborted): called once per enter(). */
  leave(): void {
    if (this.#count > 0) this.#count--;
  }

  /** The requests in flight now, the yielding ones excluded. */
  get count(): number {
    return this.#count;
  }
}

/** How a long write gives others their turn: resolves when it may go on, with the milliseconds it waited. */
export type NextTurn = () => Promise<number>;

/** How often a waiting write looks again whether the others have finished. */
const POLL_MS = 1;

const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pause between two chunks: one event-loop turn (so requests already received are read), then, while any
 * other request is in flight, short sleeps until none is or `maxWaitMs` have passed. maxWaitMs 0: only the turn.
 */
export function nextTurnAfter(others: { readonly count: number }, maxWaitMs: number): NextTurn {
  return async () => {
    const started = performance.now();
    await immediate();
    while (others.count > 0 && performance.now() - started < maxWaitMs) {
      await sleep(Math.min(POLL_MS, maxWaitMs - (performance.now() - started)));
    }
    return performance.now() - started;
  };
}

/** One event-loop turn and no wait (no server: the demo seed, the CLI). */
export const eventLoopTurn: NextTurn = nextTurnAfter({ count: 0 }, 0);
