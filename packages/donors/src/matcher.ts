import type { HlaEngine, TceVersion } from '@engraft/hla';
import { isHlaError, truncateAllele } from '@engraft/hla';
import { expressesNothing, oneWayCount, sharedByThree } from './directions';
import type { Locus } from './loci';
import { TypingError, checkLocusText } from './typing';

// Matching core (issue 6; ADR 0400). The matching unit is the lgx name of an expressed
// allele (P group, NMDP "small g" with ping); the antigen unit is its serological antigen from rel_dna_ser, or
// its first field where the release has none (C without Cw equivalent, DPB1, DQA1, DPA1).

export type Grade = 'definite' | 'potential' | 'mismatch';
export type MatchLevel = 'allele' | 'antigen';

/** Null-allele handling of one position (ADR 0400). */
export type NullStatus =
  /** no null allele in the typing */
  | 'none'
  /** an allele list or MAC that also lists expressed alleles: the nulls are ignored */
  | 'ignored'
  /** only null alleles: the position expresses nothing, so the locus counts as homozygous for the other position */
  | 'expressed-vs-null'
  /** both positions only null alleles: the locus expresses nothing (no GvH target on a patient, none for HvG on a donor) */
  | 'null-locus';

/** One of the two positions of a locus genotype, resolved to matching units. */
export interface Position {
  /** The names as written (`A*01:AB`, `A*01:01/A*01:02`, `A1`). */
  /** Interned id (Matcher.position(id)); equal ids are the same position. */
  readonly id: number;
  readonly written: string;
  /** Sorted ids of the expressed lgx units it may be (UnitTable ids). Empty only if the whole locus is null. */
  readonly units: readonly number[];
  /** Sorted ids of the antigens it may be. */
  readonly antigens: readonly number[];
  readonly nullStatus: NullStatus;
  /** DPB1 T-cell-epitope group shared by all its expressed alleles, if any. */
  readonly tce: { readonly group: string; readonly predicted: boolean } | undefined;
}

/** One locus typing resolved: its genotype alternatives (`|`), each two positions (homozygous when written with one). */
export interface ResolvedLocus {
  readonly locus: Locus;
  readonly text: string;
  readonly genotypes: readonly (readonly [Position, Position])[];
}

export interface PositionMatch {
  /** 0 or 1: which patient position and which donor position were compared. */
  readonly patient: number;
  readonly donor: number;
  readonly allele: Grade;
  readonly antigen: Grade;
}

export interface LocusMatch {
  readonly locus: Locus;
  readonly level: MatchLevel;
  /** 'typed', or which side has no typing at this locus (then both positions are potential matches). */
  readonly typed: 'typed' | 'donor-untyped' | 'patient-untyped' | 'both-untyped';
  readonly positions: readonly [PositionMatch, PositionMatch];
  /** Mismatched positions at `level` (0-2), after choosing the better of direct and cross orientation. */
  readonly mismatches: number;
  /** Positions that match only potentially at `level` (0-2). */
  readonly potential: number;
  /** Graft-versus-host direction: patient positions absent from the donor (0-2), the minimum over every genotype
   *  pair the typings allow (one allele per position); 0 if the patient expresses nothing at the locus. */
  readonly gvh: number;
  /** Host-versus-graft direction: donor positions absent from the patient (0-2), as gvh; 0 for a null donor locus. */
  readonly hvg: number;
  /** Genotype alternatives compared (patient × donor); >1 demotes disagreeing definite grades to potential. */
  readonly alternatives: number;
}

export type Dpb1Category = 'match' | 'permissive' | 'non-permissive-gvh' | 'non-permissive-hvg' | 'unknown';

export interface Dpb1Result {
  readonly category: Dpb1Category;
  readonly patientGroups: readonly (string | undefined)[];
  readonly donorGroups: readonly (string | undefined)[];
  readonly predicted: boolean;
}

/** Interns unit names (lgx names, antigens) to small integers. */
export class UnitTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  name(id: number): string {
    return this.names[id] ?? `?${id}`;
  }
}

export interface MatcherOptions {
  /** TCE assignment version for DPB1 (default V2). */
  readonly tceVersion?: TceVersion;
}

/**
 * Resolves locus typings against one HLA engine (release + MACs) and grades patient/donor pairs. Resolved
 * typings are cached by locus and text, so a registry where many donors share an allele list resolves it once.
 */
export class Matcher {
  readonly units = new UnitTable();
  readonly antigens = new UnitTable();
  readonly tceVersion: TceVersion;
  private readonly cache = new Map<string, ResolvedLocus | TypingError>();
  private readonly positions = new Map<string, Position>();
  private readonly positionList: Position[] = [];
  private readonly alleleUnit: Int32Array;

  constructor(
    readonly engine: HlaEngine,
    options: MatcherOptions = {}
  ) {
    this.tceVersion = options.tceVersion ?? 'V2';
    this.alleleUnit = new Int32Array(engine.release.alleles.length).fill(-1);
  }

  /** The nomenclature release the matcher resolves against (recorded with every search). */
  get release(): string {
    return this.engine.release.version;
  }

  /** Resolves one locus typing. @throws TypingError (HLA errors are wrapped, naming the locus) */
  resolveLocus(locus: Locus, text: string): ResolvedLocus {
    const key = `${locus}\t${text}`;
    const hit = this.cache.get(key);
    if (hit instanceof TypingError) throw hit;
    if (hit) return hit;
    try {
      checkLocusText(locus, text);
      const genotypes = text.split('|').map((alt) => {
        const sides = alt.split('+').map((side) => this.positionCached(locus, side));
        const first = sides[0] as Position;
        const second = sides[1] ?? first;
        return applyNulls(first, second, (q) => this.register(q));
      });
      const resolved: ResolvedLocus = { locus, text, genotypes };
      this.cache.set(key, resolved);
      return resolved;
    } catch (err) {
      const wrapped =
        err instanceof TypingError
          ? err
          : isHlaError(err)
            ? new TypingError(locus, `${locus}: ${err.message}`)
            : undefined;
      if (!wrapped) throw err;
      this.cache.set(key, wrapped);
      throw wrapped;
    }
  }

  /** Grades a patient locus against a donor locus at a level (undefined = untyped). */
  compareLocus(
    locus: Locus,
    patient: ResolvedLocus | undefined,
    donor: ResolvedLocus | undefined,
    level: MatchLevel = 'allele'
  ): LocusMatch {
    if (!patient || !donor) {
      const typed = !patient && !donor ? 'both-untyped' : !patient ? 'patient-untyped' : 'donor-untyped';
      const p: PositionMatch = { patient: 0, donor: 0, allele: 'potential', antigen: 'potential' };
      return {
        locus,
        level,
        typed,
        positions: [p, { ...p, patient: 1, donor: 1 }],
        mismatches: 0,
        potential: 2,
        gvh: 0,
        hvg: 0,
        alternatives: 1,
      };
    }
    let best: Omit<LocusMatch, 'alternatives' | 'locus' | 'level' | 'typed'> | undefined;
    let definiteEverywhere = Infinity;
    let pairs = 0;
    // Each direction is counted over genotypes on its own: the best pair for GvH need not be the best for HvG.
    let gvh = 2;
    let hvg = 2;
    for (const pg of patient.genotypes) {
      for (const dg of donor.genotypes) {
        pairs++;
        const r = compareGenotype(pg, dg, level);
        gvh = Math.min(gvh, r.gvh);
        hvg = Math.min(hvg, r.hvg);
        const definite = 2 - r.mismatches - r.potential;
        definiteEverywhere = Math.min(definiteEverywhere, definite);
        if (
          !best ||
          r.mismatches < best.mismatches ||
          (r.mismatches === best.mismatches && r.potential < best.potential)
        ) {
          best = r;
        }
      }
    }
    if (!best) throw new Error('unreachable: a resolved locus has at least one genotype');
    if (pairs > 1 && 2 - best.mismatches - best.potential > definiteEverywhere) {
      // Genotype alternatives disagree: a definite match in the best pair is only potential overall.
      let demote = 2 - best.mismatches - best.potential - definiteEverywhere;
      const positions = best.positions.map((p) => {
        if (demote > 0 && gradeAt(p, level) === 'definite') {
          demote--;
          const demoted: PositionMatch = {
            ...p,
            allele: p.allele === 'definite' ? 'potential' : p.allele,
            antigen: p.antigen === 'definite' ? 'potential' : p.antigen,
          };
          return demoted;
        }
        return p;
      }) as unknown as readonly [PositionMatch, PositionMatch];
      best = { ...best, positions, potential: 2 - best.mismatches - definiteEverywhere };
    }
    return { locus, level, typed: 'typed', alternatives: pairs, ...best, gvh, hvg };
  }

  /** DPB1 T-cell-epitope category (ADR 0400). */
  dpb1(patient: ResolvedLocus | undefined, donor: ResolvedLocus | undefined): Dpb1Result {
    const unknown = (pg: readonly (string | undefined)[], dg: readonly (string | undefined)[]): Dpb1Result => ({
      category: 'unknown',
      patientGroups: pg,
      donorGroups: dg,
      predicted: false,
    });
    if (!patient || !donor) return unknown([], []);
    const pg = single(patient);
    const dg = single(donor);
    const groups = (g: readonly [Position, Position] | undefined) => (g ? [g[0].tce?.group, g[1].tce?.group] : []);
    if (!pg || !dg) return unknown(groups(pg), groups(dg));
    const patientGroups = groups(pg);
    const donorGroups = groups(dg);
    const predicted = [...pg, ...dg].some((p) => p.tce?.predicted === true);
    const alleleMatch = this.compareLocus('DPB1', patient, donor, 'allele');
    if (alleleMatch.mismatches === 0 && alleleMatch.potential === 0) {
      return { category: 'match', patientGroups, donorGroups, predicted };
    }
    const pr = patientGroups.map(tceRank);
    const dr = donorGroups.map(tceRank);
    if (pr.some((r) => r === undefined) || dr.some((r) => r === undefined)) {
      return { category: 'unknown', patientGroups, donorGroups, predicted };
    }
    const pMin = Math.min(...(pr as number[]));
    const dMin = Math.min(...(dr as number[]));
    const category: Dpb1Category =
      pMin === dMin ? 'permissive' : pMin < dMin ? 'non-permissive-hvg' : 'non-permissive-gvh';
    return { category, patientGroups, donorGroups, predicted };
  }

  private positionCached(locus: Locus, written: string): Position {
    let p = this.positions.get(written);
    if (!p) {
      p = this.register(this.position(locus, written));
      this.positions.set(written, p);
    }
    return p;
  }

  private register(p: Omit<Position, 'id'>): Position {
    const withId: Position = { ...p, id: this.positionList.length };
    this.positionList.push(withId);
    return withId;
  }

  /** A position by its interned id. */
  positionById(id: number): Position | undefined {
    return this.positionList[id];
  }

  /** Number of interned positions (ids are 0 .. count-1). */
  get positionCount(): number {
    return this.positionList.length;
  }

  private unitOf(id: number): number {
    let u = this.alleleUnit[id] ?? -1;
    if (u < 0) {
      u = this.units.id(this.engine.lgxOf(id));
      this.alleleUnit[id] = u;
    }
    return u;
  }

  private position(locus: Locus, written: string): Omit<Position, 'id'> {
    const release = this.engine.release;
    const alleleIds: number[] = [];
    let nulls = 0;
    // A unit (allele, truncated name, MAC/XX member, antigen allele) whose alleles are all null is a null;
    // null alleles under an expressed name (A*01:01 covers A*01:01:01:02N) are not what the typing means.
    const serology: string[] = [];
    for (const name of written.split('/')) {
      // A serological typing is its antigen (and the splits of a broad), not every antigen of the alleles under it.
      if (!name.includes('*')) serology.push(...this.antigenWithSplits(name.startsWith('HLA-') ? name.slice(4) : name));
      for (const unit of this.engine.resolve(name).units) {
        const expressed = unit.members.filter((id) => !(release.alleles[id] ?? '').endsWith('N'));
        if (expressed.length === 0) nulls++;
        else for (const id of expressed) alleleIds.push(id);
      }
    }
    const units = new Set<number>();
    const antigens = new Set<number>();
    for (const a of serology) antigens.add(this.antigens.id(a));
    for (const id of alleleIds) {
      units.add(this.unitOf(id));
      if (serology.length > 0) continue;
      const sero = release.serologyOf[id] ?? [];
      if (sero.length > 0) for (const a of sero) antigens.add(this.antigens.id(a));
      else antigens.add(this.antigens.id(truncateAllele(release.alleles[id] ?? '', 1)));
    }
    const nullStatus: NullStatus = nulls === 0 ? 'none' : alleleIds.length > 0 ? 'ignored' : 'expressed-vs-null';
    return {
      written,
      units: [...units].sort((a, b) => a - b),
      antigens: [...antigens].sort((a, b) => a - b),
      nullStatus,
      tce: locus === 'DPB1' ? this.tceOf(alleleIds) : undefined,
    };
  }

  private antigenWithSplits(antigen: string, depth = 0): string[] {
    const splits = this.engine.release.splits.get(antigen) ?? [];
    return depth > 3 ? [antigen] : [antigen, ...splits.flatMap((s) => this.antigenWithSplits(s, depth + 1))];
  }

  private tceOf(alleleIds: readonly number[]): Position['tce'] {
    const table = this.engine.release.tce;
    if (!table || alleleIds.length === 0) return undefined;
    let group: string | undefined;
    let predicted = false;
    for (const id of alleleIds) {
      const row = table.get(this.engine.release.alleles[id] ?? '');
      const a = this.tceVersion === 'V1' ? row?.v1 : row?.v2;
      if (!a) continue; // alleles without an assignment take the shared group of the rest (ATLAS-989)
      if (group !== undefined && group !== a.group) return undefined;
      group = a.group;
      predicted ||= a.predicted;
    }
    return group === undefined ? undefined : { group, predicted };
  }
}

// A null-only position expresses nothing: the locus is homozygous for the other position (ATLAS; ADR 0400).
function applyNulls(
  first: Position,
  second: Position,
  register: (p: Omit<Position, 'id'>) => Position
): readonly [Position, Position] {
  const firstNull = first.nullStatus === 'expressed-vs-null';
  const secondNull = second.nullStatus === 'expressed-vs-null';
  if (firstNull && secondNull) {
    // Both null: the locus expresses nothing (ADR 0400); the positions keep their names for the explanation.
    return [register({ ...first, nullStatus: 'null-locus' }), register({ ...second, nullStatus: 'null-locus' })];
  }
  if (firstNull && !secondNull) {
    return [register({ ...second, written: first.written, nullStatus: 'expressed-vs-null' }), second];
  }
  if (secondNull && !firstNull) {
    return [first, register({ ...first, written: second.written, nullStatus: 'expressed-vs-null' })];
  }
  return [first, second];
}

function single(locus: ResolvedLocus): readonly [Position, Position] | undefined {
  return locus.genotypes.length === 1 ? locus.genotypes[0] : undefined;
}

// Immunogenicity order of TCE groups, most immunogenic first: 1, 2, 2a, 3 ('2a' placed between 2 and 3; ADR 0400).
const TCE_RANK: Readonly<Record<string, number>> = { '1': 1, '2': 2, '2a': 2.5, '3': 3 };
function tceRank(group: string | undefined): number | undefined {
  return group === undefined ? undefined : TCE_RANK[group];
}
/** Grade of one position pair on unit sets (sorted). Empty sets: a locus where both sides express nothing. */
export function gradeSets(a: readonly number[], b: readonly number[]): Grade {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 'definite' : 'mismatch';
  if (a.length === 1 && b.length === 1) return a[0] === b[0] ? 'definite' : 'mismatch';
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) return 'potential';
    if (x < y) i++;
    else j++;
  }
  return 'mismatch';
}

function gradeAt(p: PositionMatch, level: MatchLevel): Grade {
  return level === 'allele' ? p.allele : p.antigen;
}

function pairGrade(p: Position, d: Position, pi: number, di: number): PositionMatch {
  const allele = gradeSets(p.units, d.units);
  let antigen = gradeSets(p.antigens, d.antigens);
  // The same P group is the same antigen, even where rel_dna_ser lists a member under several antigens.
  if (allele === 'definite' || (allele === 'potential' && antigen === 'mismatch')) antigen = allele;
  return { patient: pi, donor: di, allele, antigen };
}

const RANK: Readonly<Record<Grade, number>> = { definite: 0, potential: 1, mismatch: 2 };

function compareGenotype(pg: readonly [Position, Position], dg: readonly [Position, Position], level: MatchLevel) {
  const m = [
    [pairGrade(pg[0], dg[0], 0, 0), pairGrade(pg[0], dg[1], 0, 1)],
    [pairGrade(pg[1], dg[0], 1, 0), pairGrade(pg[1], dg[1], 1, 1)],
  ] as const;
  const direct = [m[0][0], m[1][1]] as const;
  const cross = [m[0][1], m[1][0]] as const;
  const score = (o: readonly [PositionMatch, PositionMatch]) => {
    let mm = 0;
    let pot = 0;
    for (const p of o) {
      const g = gradeAt(p, level);
      if (g === 'mismatch') mm++;
      else if (g === 'potential') pot++;
    }
    return { mm, pot, key: mm * 3 + pot * 1 + (RANK[p0(o).allele] + RANK[p1(o).allele]) / 10 };
  };
  const sd = score(direct);
  const sc = score(cross);
  const useCross = sc.key < sd.key;
  const positions = useCross ? cross : direct;
  const s = useCross ? sc : sd;
  // GvH: patient positions absent from the donor; HvG: donor positions absent from the patient (directions.ts).
  const c = (i: 0 | 1, j: 0 | 1) => gradeAt(m[i][j], level) !== 'mismatch';
  const gvh = oneWayCount(c(0, 0), c(0, 1), c(1, 0), c(1, 1), expressesNothing(pg), (j) =>
    sharedByThree(pg[0], pg[1], dg[j], level)
  );
  const hvg = oneWayCount(c(0, 0), c(1, 0), c(0, 1), c(1, 1), expressesNothing(dg), (j) =>
    sharedByThree(dg[0], dg[1], pg[j], level)
  );
  return { positions, mismatches: s.mm, potential: s.pot, gvh, hvg };
}

const p0 = (o: readonly [PositionMatch, PositionMatch]) => o[0];
const p1 = (o: readonly [PositionMatch, PositionMatch]) => o[1];

const G_DEF = 0;
const G_POT = 1;
const G_MM = 2;

function gradeCode(a: readonly number[], b: readonly number[]): number {
  const g = gradeSets(a, b);
  return g === 'definite' ? G_DEF : g === 'potential' ? G_POT : G_MM;
}

function levelCode(p: Position, d: Position, level: MatchLevel): number {
  const allele = gradeCode(p.units, d.units);
  if (level === 'allele') return allele;
  const antigen = gradeCode(p.antigens, d.antigens);
  // as pairGrade: the same P group is the same antigen
  return allele === G_DEF || (allele === G_POT && antigen === G_MM) ? allele : antigen;
}

/**
 * The packed scan code of one patient/donor locus pair without building a LocusMatch: mismatches in the
 * requested direction | potential << 2. Same result as compareLocus (tested); falls back to it for genotype
 * alternatives and untyped sides.
 */
export function locusCode(
  matcher: Matcher,
  locus: Locus,
  p: ResolvedLocus | undefined,
  d: ResolvedLocus | undefined,
  level: MatchLevel,
  direction: 'bidirectional' | 'gvh' | 'hvg'
): number {
  if (p && d && p.genotypes.length === 1 && d.genotypes.length === 1) {
    const pg = p.genotypes[0] as readonly [Position, Position];
    const dg = d.genotypes[0] as readonly [Position, Position];
    const m00 = levelCode(pg[0], dg[0], level);
    const m01 = levelCode(pg[0], dg[1], level);
    const m10 = levelCode(pg[1], dg[0], level);
    const m11 = levelCode(pg[1], dg[1], level);
    return combine(m00, m01, m10, m11, direction, pg, dg, level);
  }
  const m = matcher.compareLocus(locus, p, d, level);
  const mm = direction === 'gvh' ? m.gvh : direction === 'hvg' ? m.hvg : m.mismatches;
  return mm | (m.potential << 2);
}

/**
 * Scan codes of a patient locus against many donor locus typings (a dictionary), like locusCode for each,
 * but grading each distinct donor position once against the patient's two positions (memoised by position id).
 */
export function locusCodes(
  matcher: Matcher,
  locus: Locus,
  p: ResolvedLocus | undefined,
  donors: readonly (ResolvedLocus | undefined)[],
  level: MatchLevel,
  direction: 'bidirectional' | 'gvh' | 'hvg',
  out: Uint8Array
): void {
  const pg = p && p.genotypes.length === 1 ? p.genotypes[0] : undefined;
  if (!pg) {
    for (let i = 0; i < donors.length; i++) out[i] = locusCode(matcher, locus, p, donors[i], level, direction);
    return;
  }
  const n = matcher.positionCount;
  const g0 = new Int8Array(n).fill(-1);
  const g1 = new Int8Array(n).fill(-1);
  const grade = (memo: Int8Array, pp: Position, d: Position): number => {
    let g = memo[d.id] as number;
    if (g < 0) {
      g = levelCode(pp, d, level);
      memo[d.id] = g;
    }
    return g;
  };
  for (let i = 0; i < donors.length; i++) {
    const d = donors[i];
    if (!d || d.genotypes.length !== 1) {
      out[i] = locusCode(matcher, locus, p, d, level, direction);
      continue;
    }
    const dg = d.genotypes[0] as readonly [Position, Position];
    out[i] = combine(
      grade(g0, pg[0], dg[0]),
      grade(g0, pg[0], dg[1]),
      grade(g1, pg[1], dg[0]),
      grade(g1, pg[1], dg[1]),
      direction,
      pg,
      dg,
      level
    );
  }
}

function combine(
  m00: number,
  m01: number,
  m10: number,
  m11: number,
  direction: 'bidirectional' | 'gvh' | 'hvg',
  pg: readonly [Position, Position],
  dg: readonly [Position, Position],
  level: MatchLevel
): number {
  const dmm = (m00 === G_MM ? 1 : 0) + (m11 === G_MM ? 1 : 0);
  const dpot = (m00 === G_POT ? 1 : 0) + (m11 === G_POT ? 1 : 0);
  const cmm = (m01 === G_MM ? 1 : 0) + (m10 === G_MM ? 1 : 0);
  const cpot = (m01 === G_POT ? 1 : 0) + (m10 === G_POT ? 1 : 0);
  const useCross = cmm * 3 + cpot < dmm * 3 + dpot;
  let mm = useCross ? cmm : dmm;
  const pot = useCross ? cpot : dpot;
  if (direction === 'gvh') {
    mm = oneWayCount(m00 !== G_MM, m01 !== G_MM, m10 !== G_MM, m11 !== G_MM, expressesNothing(pg), (j) =>
      sharedByThree(pg[0], pg[1], dg[j], level)
    );
  } else if (direction === 'hvg') {
    mm = oneWayCount(m00 !== G_MM, m10 !== G_MM, m01 !== G_MM, m11 !== G_MM, expressesNothing(dg), (j) =>
      sharedByThree(dg[0], dg[1], pg[j], level)
    );
  }
  return mm | (pot << 2);
}
