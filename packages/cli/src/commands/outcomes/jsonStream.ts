// JSON output of km and cif written straight from the estimators' typed-array tables (issue 15 §2): the same
// text as JSON.stringify of the KmJson/CifJson objects (tested), without one object or string per table row:
// bytes into 1 MB buffers (byteChunks.ts), numbers as JSON.stringify writes them (String(x), null for NaN and
// ±Infinity). A group's CIF causes share their time column: its text is made once and copied for each cause.
import type { CifGroupCurves, GroupKey, KmCurve } from '@engraft/outcomes';
import { ascii, ByteChunks, type ByteSink } from './byteChunks';

export type { ByteSink as Sink } from './byteChunks';

const nameOf = (k: GroupKey | null): string | null => (k == null ? null : String(k));

const KM_TIME = ascii('{"time":');
const KM_RISK = ascii(',"nRisk":');
const KM_EVENT = ascii(',"nEvent":');
const KM_CENSOR = ascii(',"nCensor":');
const KM_SURV = ascii(',"survival":');
const KM_SE = ascii(',"stdErr":');
const KM_LOWER = ascii(',"lower":');
const KM_UPPER = ascii(',"upper":');
const CIF_TIME = KM_TIME;
const CIF_EST = ascii(',"estimate":');
const CIF_VAR = ascii(',"variance":');
const COMMA = ascii(',');
const CLOSE = ascii('}');

/** `{"groups":[…],"logRank":…}` as runKm's json, then a newline. */
export function writeKmJson(
  curves: readonly KmCurve[],
  atRisk: ((c: KmCurve) => { time: number; nRisk: number }[]) | undefined,
  logRank: unknown,
  sink: ByteSink
): void {
  const out = new ByteChunks(sink);
  out.text('{"groups":[');
  curves.forEach((c, gi) => {
    const head = JSON.stringify({
      name: nameOf(c.name),
      n: c.n,
      events: c.events,
      median: c.median,
      medianLower: c.medianLower,
      medianUpper: c.medianUpper,
    });
    out.text(`${gi > 0 ? ',' : ''}${head.slice(0, -1)},"table":[`);
    const t = c.table;
    for (let j = 0; j < t.time.length; j++) {
      if (j > 0) out.bytes(COMMA);
      out.bytes(KM_TIME);
      out.num(t.time[j]!);
      out.bytes(KM_RISK);
      out.num(t.nRisk[j]!);
      out.bytes(KM_EVENT);
      out.num(t.nEvent[j]!);
      out.bytes(KM_CENSOR);
      out.num(t.nCensor[j]!);
      out.bytes(KM_SURV);
      out.num(t.survival[j]!);
      out.bytes(KM_SE);
      out.num(t.stdErr[j]!);
      out.bytes(KM_LOWER);
      out.num(t.lower[j]!);
      out.bytes(KM_UPPER);
      out.num(t.upper[j]!);
      out.bytes(CLOSE);
    }
    out.text(atRisk ? `],"atRisk":${JSON.stringify(atRisk(c))}}` : ']}');
  });
  out.text(`],"logRank":${JSON.stringify(logRank)}}\n`);
  out.flush();
}

/** The JSON text of each number of a column, end to end, with where each ends. */
interface Texts {
  bytes: Buffer;
  ends: Uint32Array;
}

function numberTexts(xs: Float64Array): Texts {
  const chunks: Uint8Array[] = [];
  const ends = new Uint32Array(xs.length);
  let done = 0;
  const out = new ByteChunks((b) => {
    chunks.push(b);
    done += b.length;
  });
  for (let j = 0; j < xs.length; j++) {
    out.num(xs[j]!);
    ends[j] = done + out.pending();
  }
  out.flush();
  return { bytes: Buffer.concat(chunks, done), ends };
}

const sameValues = (a: Float64Array, b: Float64Array): boolean =>
  a === b || (a.length === b.length && a.every((x, i) => Object.is(x, b[i])));

/**
 * `{"groups":[…],"gray":…}` as runCif's json, then a newline. Each cause's curve is made when written and
 * dropped after (`curves()`), so one curve is held at a time.
 */
export function writeCifJson(groups: readonly CifGroupCurves[], gray: unknown, sink: ByteSink): void {
  const out = new ByteChunks(sink);
  out.text('{"groups":[');
  groups.forEach((g, gi) => {
    out.text(`${gi > 0 ? ',' : ''}{"name":${JSON.stringify(nameOf(g.name))},"causes":[`);
    // The causes of a group have one row per distinct time of the group: the same time column, whose text is
    // made with the first cause and copied for each (checked, not assumed).
    let first: Float64Array | undefined;
    let times: Texts | undefined;
    let ci = 0;
    for (const c of g.curves()) {
      out.text(`${ci > 0 ? ',' : ''}{"cause":${JSON.stringify(c.cause)},"table":[`);
      const t = c.table;
      if (ci === 0) {
        first = t.time;
        times = numberTexts(first);
      }
      const shared = sameValues(t.time, first!) ? times : undefined;
      for (let j = 0; j < t.time.length; j++) {
        if (j > 0) out.bytes(COMMA);
        out.bytes(CIF_TIME);
        if (shared) out.copy(shared.bytes, j > 0 ? shared.ends[j - 1]! : 0, shared.ends[j]!);
        else out.num(t.time[j]!);
        out.bytes(CIF_EST);
        out.num(t.estimate[j]!);
        out.bytes(CIF_VAR);
        out.num(t.variance[j]!);
        out.bytes(CLOSE);
      }
      out.text(']}');
      ci++;
    }
    out.text(']}');
  });
  out.text(`],"gray":${JSON.stringify(gray)}}\n`);
  out.flush();
}
