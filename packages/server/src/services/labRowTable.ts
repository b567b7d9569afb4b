import type { Finding, LabRow, ObservationCreate, TransfusionCreate } from '@engraft/domain';

/**
 * A lab file's validated rows kept column-wise until they are written (issue 14, ADR 0014): typed arrays for the
 * numbers and codes into one table of distinct strings (dates, units, MRNs repeat), instead of three or four
 * objects per row. A 32,000-row file then leaves a few thousand objects alive between its parse and its insert
 * rather than ~200,000, so the young-generation collections during the parse have little to copy. Rows are built
 * again as `LabRow` objects only for the chunk being written (`slice`), and die with it.
 */
export class LabRowTable {
  #length = 0;
  #line = new Int32Array(1024);
  /** 1: observation, 2: transfusion. */
  #kind = new Uint8Array(1024);
  #value = new Float64Array(1024);
  /** Codes into #strings: analyte or product, date, unit, lineage and MRN (0: null). */
  #what = new Int32Array(1024);
  #date = new Int32Array(1024);
  #unit = new Int32Array(1024);
  #lineage = new Int32Array(1024);
  #mrn = new Int32Array(1024);
  #strings: (string | null)[] = [null];
  #codes = new Map<string, number>();
  /** The few rows outside their analyte's usual range, by row index (in line order). */
  #findings = new Map<number, Finding>();

  /** A table of rows given as objects (FHIR bundles, tests). */
  static of(rows: Iterable<LabRow>): LabRowTable {
    const t = new LabRowTable();
    for (const r of rows) t.push(r);
    return t;
  }

  get length(): number {
    return this.#length;
  }

  #code(s: string | null | undefined): number {
    if (s === null || s === undefined) return 0;
    let c = this.#codes.get(s);
    if (c === undefined) {
      c = this.#strings.length;
      this.#strings.push(s);
      this.#codes.set(s, c);
    }
    return c;
  }

  #grow(): void {
    const n = this.#line.length * 2;
    const grow = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.#line = grow(this.#line, (k) => new Int32Array(k));
    this.#kind = grow(this.#kind, (k) => new Uint8Array(k));
    this.#value = grow(this.#value, (k) => new Float64Array(k));
    this.#what = grow(this.#what, (k) => new Int32Array(k));
    this.#date = grow(this.#date, (k) => new Int32Array(k));
    this.#unit = grow(this.#unit, (k) => new Int32Array(k));
    this.#lineage = grow(this.#lineage, (k) => new Int32Array(k));
    this.#mrn = grow(this.#mrn, (k) => new Int32Array(k));
  }

  push(r: LabRow): void {
    if (this.#length === this.#line.length) this.#grow();
    const i = this.#length++;
    this.#line[i] = r.line;
    this.#mrn[i] = this.#code(r.mrn);
    if (r.kind === 'observation') {
      const o = r.observation;
      this.#kind[i] = 1;
      this.#what[i] = this.#code(o.analyte);
      this.#date[i] = this.#code(o.observedOn);
      this.#value[i] = o.value;
      this.#unit[i] = this.#code(o.unit);
      // The CSV and FHIR readers always give a lineage or null; undefined (absent) is kept as absent.
      this.#lineage[i] = o.lineage === undefined ? -1 : this.#code(o.lineage);
      if (o.confirmations !== undefined) throw new RangeError('a lab file row carries no confirmations');
      if (r.finding) this.#findings.set(i, r.finding);
    } else {
      this.#kind[i] = 2;
      this.#what[i] = this.#code(r.transfusion.product);
      this.#date[i] = this.#code(r.transfusion.givenOn);
    }
  }

  line(i: number): number {
    return this.#line[i]!;
  }

  mrn(i: number): string | null {
    return this.#strings[this.#mrn[i]!]!;
  }

  /** The result date (observation) or the date given (transfusion). */
  date(i: number): string {
    return this.#strings[this.#date[i]!]!;
  }

  /** Row i as the readers gave it. */
  row(i: number): LabRow {
    const line = this.#line[i]!;
    const mrn = this.mrn(i);
    if (this.#kind[i] === 2) {
      const transfusion: TransfusionCreate = {
        product: this.#strings[this.#what[i]!] as TransfusionCreate['product'],
        givenOn: this.date(i),
      };
      return { line, mrn, kind: 'transfusion', transfusion };
    }
    const lineage = this.#lineage[i]!;
    const observation: ObservationCreate = {
      analyte: this.#strings[this.#what[i]!] as ObservationCreate['analyte'],
      observedOn: this.date(i),
      value: this.#value[i]!,
      unit: this.#strings[this.#unit[i]!]!,
      ...(lineage >= 0 ? { lineage: this.#strings[lineage] as ObservationCreate['lineage'] } : {}),
    };
    return { line, mrn, kind: 'observation', observation, finding: this.#findings.get(i) ?? null };
  }

  /** Rows start to end (exclusive) as objects: one chunk's worth, built just before it is written. */
  slice(start: number, end: number): LabRow[] {
    const rows: LabRow[] = [];
    for (let i = start; i < Math.min(end, this.#length); i++) rows.push(this.row(i));
    return rows;
  }

  /** The findings of the file, one per flagged line, in line order (as `labFileFindings`). */
  findings(): Finding[] {
    return [...this.#findings.values()];
  }
}
