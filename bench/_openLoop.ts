// An open-loop load: requests arrive at a fixed rate whatever the server's speed, spread over a fixed pool of
// keep-alive connections (autocannon's overallRate is not one: each connection fires its per-second quota
// back to back at the start of every second, a burst of closed-loop load). Each latency is measured from the
// moment the request was due, so time spent waiting for a free connection counts (no coordinated omission).
import http from 'node:http';

export interface OpenLoopResult {
  /** Offered rate, requests per second. */
  rate: number;
  /** Requests completed per second over the run. */
  achieved: number;
  sent: number;
  completed: number;
  /** Non-2xx answers and transport errors. */
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

export async function openLoop(opts: {
  url: string;
  cookie: string;
  rate: number;
  seconds: number;
  connections: number;
  path: () => string;
}): Promise<OpenLoopResult> {
  const { hostname, port } = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let pending = 0;
  const send = (due: number) => {
    sent++;
    pending++;
    const req = http.request({ agent, hostname, port, path: opts.path(), headers: { cookie: opts.cookie } }, (res) => {
      res.resume();
      res.on('end', () => {
        pending--;
        if (res.statusCode !== 200) errors++;
        latencies.push(performance.now() - due);
      });
    });
    req.on('error', () => {
      pending--;
      errors++;
    });
    req.end();
  };
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = Math.min(performance.now(), end);
      // Every request due by now, each stamped with the time it was due (fixed spacing, 1/rate apart).
      while (start + (sent * 1000) / opts.rate <= now) send(start + (sent * 1000) / opts.rate);
      if (performance.now() >= end) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  // Let the requests in flight finish (they count), up to 10 s.
  const drainUntil = performance.now() + 10_000;
  while (pending > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate: opts.rate,
    achieved: latencies.length / elapsed,
    sent,
    completed: latencies.length,
    errors: errors + pending,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
