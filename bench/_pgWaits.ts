// Where PostgreSQL backends wait while a benchmark runs (issue 14: concurrent reads during a lab import): samples
// pg_stat_activity every few milliseconds from a connection of its own and counts, per kind of statement, the
// samples spent running on a CPU, waiting for a lock (e.g. the audit chain's advisory lock, ADR 0004), for I/O or
// for the client. A count of samples is a share of time that other load on the machine disturbs little.
import pg from 'pg';

export interface WaitSampler {
  stop(): Promise<string[]>;
}

/** Kind of statement, from its first words (no parameters or values are read: the query text only). */
function kindOf(query: string): string {
  const q = query.replace(/\s+/g, ' ').trim().toLowerCase();
  if (q.includes('audit_append')) return 'statement with audit_append';
  if (q.startsWith('insert into observations') || q.includes('unnest')) return 'import insert';
  return q.split(' ').slice(0, 3).join(' ');
}

export async function sampleWaits(url: string, everyMs = 5): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const res = await client.query<{ wait: string; state: string; query: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as wait, state, query
           from pg_stat_activity
          where backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'`
      );
      samples++;
      for (const r of res.rows) {
        const key = `${r.wait.padEnd(28)} ${r.state.padEnd(20)} ${kindOf(r.query)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      const lines = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
      return [
        `pg_stat_activity samples: ${samples} (every ${everyMs} ms); active backends seen, by wait / state / statement:`,
        ...lines.map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`),
      ];
    },
  };
}
