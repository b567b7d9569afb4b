// The readable (non --json) output of km and cif written as bytes into 1 MB buffers (issue 15 §2), the same text
// as the string rendering it replaced (fmt/String per cell, right-aligned columns, parts joined by newlines,
// trailing white space trimmed, one final newline; tested against it). A table's column widths need every cell
// first: each column's cells are formatted once into bytes with their lengths (a few bytes a cell instead of a
// string, an array entry and a row array), then the rows are written from them. CIF makes each cause's curve,
// keeps its three columns' texts and drops it before the next (`curvesByGroup`).
import type { CifGroupCurves, GroupKey, KmCurve } from '@engraft/outcomes';
import { ascii, ByteChunks, type ByteSink } from './byteChunks';
import { fmt, pValue, table } from './format';

/** The cells of a column as text: their bytes end to end, each one's length, and the widest. */
export interface Cells {
  bytes: Buffer;
  lengths: Uint8Array;
  width: number;
}

/** The n cells cell(0..n-1) (ASCII: number texts), formatted once. */
export function cells(n: number, cell: (i: number) => string): Cells {
  const chunks: Uint8Array[] = [];
  let done = 0;
  const out = new ByteChunks((b) => {
    chunks.push(b);
    done += b.length;
  });
  const lengths = new Uint8Array(n);
  let width = 0;
  for (let i = 0; i < n; i++) {
    const s = cell(i);
    const k = s.length;
    if (k > 255) throw new Error(`a table cell of ${k} characters`);
    out.asciiText(s);
    lengths[i] = k;
    if (k > width) width = k;
  }
  out.flush();
  return { bytes: Buffer.concat(chunks, done), lengths, width };
}

const SPACES = ascii(' '.repeat(256));
const GAP = ascii('  ');
const NEWLINE = ascii('\n');

/** table(header, rows) of format.ts, rows given as columns of cells, written without a string per line. */
export function writeTable(out: ByteChunks, header: readonly string[], columns: readonly Cells[], rows: number): void {
  const widths = header.map((h, j) => Math.max(h.length, columns[j]?.width ?? 0));
  header.forEach((h, j) => {
    if (j > 0) out.bytes(GAP);
    out.text(h.padStart(widths[j]!));
  });
  const at = new Float64Array(columns.length);
  for (let i = 0; i < rows; i++) {
    out.bytes(NEWLINE);
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j]!;
      const k = c.lengths[i]!;
      if (j > 0) out.bytes(GAP);
      const from = at[j]!;
      out.copy(SPACES, 0, widths[j]! - k);
      out.copy(c.bytes, from, from + k);
      at[j] = from + k;
    }
  }
}

/**
 * The parts of the text joined by newlines, then trimEnd() and a newline, as `parts.join('\n').trimEnd() + '\n'`:
 * white space at the end of a part is held until something other than white space follows.
 */
class Parts {
  private first = true;
  private held = '';
  readonly out: ByteChunks;
  constructor(sink: ByteSink) {
    this.out = new ByteChunks(sink);
  }

  private separator(): string {
    const s = this.first ? '' : '\n';
    this.first = false;
    return s;
  }

  text(part: string): void {
    const s = this.separator() + part;
    const kept = s.trimEnd();
    if (kept === '') {
      this.held += s;
      return;
    }
    this.out.text(this.held + kept);
    this.held = s.slice(kept.length);
  }

  /** A part written by `write` straight into the bytes: it must not end in white space (a table does not). */
  written(write: (out: ByteChunks) => void): void {
    this.out.text(this.held + this.separator());
    this.held = '';
    write(this.out);
  }

  end(): void {
    this.out.text('\n');
    this.out.flush();
  }
}

const nameOf = (k: GroupKey | null): string | null => (k == null ? null : String(k));
const heading = (group: string | undefined, name: GroupKey | null): string =>
  name == null ? 'All subjects' : `${group} = ${nameOf(name)}`;

export interface KmTextArgs {
  group?: string;
  confLevel: number;
  at?: number[];
}

/** runKm's readable text: per group a summary line, its table (and numbers at risk), then the log-rank test. */
export function writeKmText(
  curves: readonly KmCurve[],
  args: KmTextArgs,
  atRisk: ((c: KmCurve) => { time: number; nRisk: number }[]) | undefined,
  logRank: { chisq: number; df: number; p: number } | null,
  warnings: readonly string[],
  sink: ByteSink
): void {
  const parts = new Parts(sink);
  const pct = Math.round(args.confLevel * 100);
  const header = ['time', 'n.risk', 'n.event', 'n.censor', 'survival', 'std.err', `lower ${pct}%`, `upper ${pct}%`];
  for (const c of curves) {
    parts.text(
      `${heading(args.group, c.name)}: n = ${c.n}, events = ${c.events}, ` +
        `median = ${fmt(c.median)} (${pct}% CI ${fmt(c.medianLower)} to ${fmt(c.medianUpper)})`
    );
    const t = c.table;
    const n = t.time.length;
    // NaN and null both print as NA (fmt), so the columns are read as they are.
    const num = (xs: Float64Array) => cells(n, (i) => fmt(xs[i]));
    const int = (xs: Float64Array) => cells(n, (i) => String(xs[i]));
    const columns = [
      num(t.time),
      int(t.nRisk),
      int(t.nEvent),
      int(t.nCensor),
      num(t.survival),
      num(t.stdErr),
      num(t.lower),
      num(t.upper),
    ];
    parts.written((out) => writeTable(out, header, columns, n));
    if (atRisk) {
      parts.text(
        table(
          ['time', 'n.risk'],
          atRisk(c).map((a) => [fmt(a.time), String(a.nRisk)])
        )
      );
    }
    parts.text('');
  }
  if (logRank) {
    parts.text(`Log-rank test: chisq = ${fmt(logRank.chisq)} on ${logRank.df} df, p = ${pValue(logRank.p)}`);
  }
  for (const w of warnings) parts.text(`Warning: ${w}`);
  parts.end();
}

/**
 * runCif's readable text: per group a summary line and one table with a row per time and, per cause, the
 * estimate, its standard error and the events; then Gray's test per cause. One curve is held at a time.
 */
export function writeCifText(
  groups: readonly CifGroupCurves[],
  group: string | undefined,
  gray: readonly { cause: number; stat: number; df: number; p: number }[] | null,
  warnings: readonly string[],
  sink: ByteSink
): void {
  const parts = new Parts(sink);
  for (const g of groups) {
    parts.text(`${heading(group, g.name)}: n = ${g.n}`);
    const header = ['time', 'n.risk'];
    const columns: Cells[] = [];
    let rows = 0;
    for (const c of g.curves()) {
      const t = c.table;
      if (columns.length === 0) {
        // The first cause's rows and times for all (every cause of a group has the group's times).
        rows = t.time.length;
        columns.push(
          cells(rows, (i) => fmt(t.time[i])),
          cells(rows, (i) => String(t.nRisk[i]))
        );
      }
      header.push(`cause ${c.cause}`, 'std.err', 'n.event');
      columns.push(
        cells(rows, (i) => fmt(t.estimate[i])),
        cells(rows, (i) => fmt(Math.sqrt(t.variance[i]!))),
        cells(rows, (i) => String(t.nEvent[i]))
      );
    }
    parts.written((out) => writeTable(out, header, columns, rows));
    parts.text('');
  }
  if (gray) {
    for (const x of gray) {
      parts.text(`Gray's test, cause ${x.cause}: stat = ${fmt(x.stat)} on ${x.df} df, p = ${pValue(x.p)}`);
    }
  }
  for (const w of warnings) parts.text(`Warning: ${w}`);
  parts.end();
}
