// Password checks are limited per client address and per account (issue 14): sign-in, the bedside second
// person's re-authentication, the password change and any later re-authentication share the same budgets.
// The counters are per server instance (ADR 0004); the lockout in the database is the shared control.

export interface LimitDecision {
  ok: boolean;
  /** Seconds until the oldest attempt in the window leaves it. */
  retryAfterSeconds: number;
}

/** Sliding-window counter: at most `max` attempts per key in any `windowMs`. */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now
  ) {}

  /** Counts an attempt for the key unless the key is at its limit. */
  take(key: string, max: number): LimitDecision {
    const t = this.now();
    const from = t - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((x) => x > from);
    if (list.length >= max) {
      this.hits.set(key, list);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((list[0]! + this.windowMs - t) / 1000)) };
    }
    list.push(t);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.sweep(from);
    return { ok: true, retryAfterSeconds: 0 };
  }

  private sweep(from: number): void {
    for (const [k, v] of this.hits) if (!v.some((x) => x > from)) this.hits.delete(k);
  }
}

/** The credentials a request body carries, when it carries a password to check (not a new one to set). */
export function passwordCheckOf(body: unknown): { username: string | undefined } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.currentPassword === 'string') return { username: undefined };
  if (typeof b.password === 'string' && typeof b.username === 'string') {
    return { username: b.username.trim().toLowerCase() };
  }
  return undefined;
}
