// JSON output of km and cif written straight from the estimators' typed-array tables (issue 15 §2): the same
// text as JSON.stringify of the KmJson/CifJson objects (tested), without one object per table row (a 1M-row
// curve made 1M objects and a second copy of them before). Numbers as JSON.stringify writes them: String(x),
// and null for NaN and ±Infinity.
import type { CifCurve, GroupKey, KmCurve } from '@engraft/outcomes';

/** Receives the JSON text in pieces (~1 MB). */
export type Sink = (chunk: string) => void;

const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');
const nameOf = (k: GroupKey | null): string | null => (k == null ? null : String(k));

/** Collects pieces and hands them on in chunks of about 1 MB. */
class Chunker {
  private buf = '';
  constructor(private readonly sink: Sink) {}
  push(s: string): void {
    this.buf += s;
    if (this.buf.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length > 0) this.sink(this.buf);
    this.buf = '';
  }
}

/** `{"groups":[…],"logRank":…}` as runKm's json, then a newline. */
export function writeKmJson(
  curves: readonly KmCurve[],
  atRisk: ((c: KmCurve) => { time: number; nRisk: number }[]) | undefined,
  logRank: unknown,
  sink: Sink
): void {
  const out = new Chunker(sink);
  out.push('{"groups":[');
  curves.forEach((c, gi) => {
    const head = JSON.stringify({
      name: nameOf(c.name),
      n: c.n,
      events: c.events,
      median: c.median,
      medianLower: c.medianLower,
      medianUpper: c.medianUpper,
    });
    out.push(`${gi > 0 ? ',' : ''}${head.slice(0, -1)},"table":[`);
    const t = c.table;
    for (let j = 0; j < t.time.length; j++) {
      out.push(
        `${j > 0 ? ',' : ''}{"time":${num(t.time[j]!)},"nRisk":${num(t.nRisk[j]!)},"nEvent":${num(t.nEvent[j]!)},"nCensor":${num(t.nCensor[j]!)},"survival":${num(t.survival[j]!)},"stdErr":${num(t.stdErr[j]!)},"lower":${num(t.lower[j]!)},"upper":${num(t.upper[j]!)}}`
      );
    }
    out.push(atRisk ? `],"atRisk":${JSON.stringify(atRisk(c))}}` : ']}');
  });
  out.push(`],"logRank":${JSON.stringify(logRank)}}\n`);
  out.flush();
}

/** `{"groups":[…],"gray":…}` as runCif's json, then a newline. */
export function writeCifJson(
  groups: readonly { name: GroupKey | null; causes: readonly CifCurve[] }[],
  gray: unknown,
  sink: Sink
): void {
  const out = new Chunker(sink);
  out.push('{"groups":[');
  groups.forEach((g, gi) => {
    out.push(`${gi > 0 ? ',' : ''}{"name":${JSON.stringify(nameOf(g.name))},"causes":[`);
    g.causes.forEach((c, ci) => {
      out.push(`${ci > 0 ? ',' : ''}{"cause":${num(c.cause)},"table":[`);
      const t = c.table;
      for (let j = 0; j < t.time.length; j++) {
        out.push(
          `${j > 0 ? ',' : ''}{"time":${num(t.time[j]!)},"estimate":${num(t.estimate[j]!)},"variance":${num(t.variance[j]!)}}`
        );
      }
      out.push(']}');
    });
    out.push(']}');
  });
  out.push(`],"gray":${JSON.stringify(gray)}}\n`);
  out.flush();
}
