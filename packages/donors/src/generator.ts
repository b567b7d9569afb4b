import type { HlaEngine } from '@engraft/hla';
import { compareNatural, truncateAllele } from '@engraft/hla';
import type { DonorRecord } from './schema';

// Synthetic registries for tests and benchmarks (issue 6; ADR 0403). Haplotypes are sampled from a frequency
// file in the format of shared/data/freqs/CAU.freqs.gz (`A~C~B~DRB1~DQB1,count,frequency`), DPB1 from the
// common alleles of a CIWD table, and typings are masked to a mix of resolutions modelled on the WMDA donor
// set: most donors A, B, DRB1 only, as allele lists or MACs; some high resolution; cord units.

/** Seeded PRNG (mulberry32): the same seed gives the same registry. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weighted<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(pairs.length);
  let sum = 0;
  pairs.forEach(([, w], i) => (cumulative[i] = sum += w));
  return { items: pairs.map(([t]) => t), cumulative };
}

function pick<T>(w: Weighted<T>, rnd: () => number): T {
  const x = rnd() * (w.cumulative[w.cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = w.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((w.cumulative[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return w.items[lo] as T;
}

/** Resolution classes of generated adult donors and their shares (sum 1); ADR 0403. */
export const RESOLUTION_MIX = [
  ['ABDR-lists', 0.42], // A, B, DRB1 as allele lists or MACs (the WMDA set's commonest shape)
  ['ABDR-xx', 0.08], // A, B as XX codes, DRB1 as a list
  ['AB-serology', 0.05], // A, B serology, DRB1 XX
  ['ACBDR-lists', 0.13], // A, C, B, DRB1 lists
  ['ABDRDQ-lists', 0.07], // A, B, DRB1, DQB1 lists
  ['high-5', 0.15], // 2-field A, B, C, DRB1, DQB1
  ['high-6', 0.1], // 2-field A, B, C, DRB1, DQB1, DPB1
] as const;
export type Resolution = (typeof RESOLUTION_MIX)[number][0];

export interface GeneratorInput {
  readonly engine: HlaEngine;
  /** Text of a haplotype frequency file (CAU.freqs format, gunzipped). */
  readonly freqs: string;
  /** Text of a CIWD table (ciwd.3.0.0.csv); DPB1 alleles common in EURO (or TOTAL) are used. */
  readonly ciwd: string;
  readonly seed: number;
  /** Share of cord units (default 0.02). */
  readonly cordShare?: number;
  readonly registries?: readonly string[];
  /** Reference year for birth years (default 2026: adult donors 18-60, cord units collected 2000-2025). */
  readonly year?: number;
  readonly idPrefix?: string;
}

const HAPLOTYPE_LOCI = ['A', 'C', 'B', 'DRB1', 'DQB1'] as const;

// Rough CAU DPB1 allele shares for the commonest alleles; other CIWD-common alleles share the rest.
const DPB1_WEIGHTS: Readonly<Record<string, number>> = {
  'DPB1*04:01': 40,
  'DPB1*02:01': 12,
  'DPB1*04:02': 10,
  'DPB1*03:01': 9,
  'DPB1*01:01': 5,
  'DPB1*05:01': 2,
  'DPB1*06:01': 2,
  'DPB1*11:01': 2,
  'DPB1*13:01': 2,
  'DPB1*14:01': 2,
};

/** A synthetic registry generator; `next()` returns donor records with ids `<prefix><n>`. */
export class RegistryGenerator {
  private readonly rnd: () => number;
  private readonly haplotypes: Weighted<readonly string[]>;
  private readonly dpb1: Weighted<string>;
  private readonly resolutions: Weighted<Resolution>;
  private readonly siblings = new Map<string, string[]>();
  private readonly kits = new Map<string, string>();
  private readonly registries: Weighted<string>;
  private n = 0;
  /** Haplotypes dropped because an allele is not in the engine's release. */
  readonly droppedHaplotypes: number;

  constructor(private readonly input: GeneratorInput) {
    this.rnd = prng(input.seed);
    const valid = (name: string): boolean => {
      try {
        return input.engine.resolve(name).units.length > 0;
      } catch {
        return false;
      }
    };
    const haps: [string[], number][] = [];
    let dropped = 0;
    for (const line of input.freqs.split('\n')) {
      const [hap, , freq] = line.trim().split(',');
      if (!hap || !freq) continue;
      const alleles = hap.split('~');
      if (alleles.length !== HAPLOTYPE_LOCI.length || !alleles.every(valid)) {
        dropped++;
        continue;
      }
      haps.push([alleles, Number(freq)]);
    }
    if (haps.length === 0) throw new Error('no usable haplotype in the frequency file');
    this.droppedHaplotypes = dropped;
    this.haplotypes = weighted(haps);
    const dpb1: [string, number][] = [];
    for (const line of input.ciwd.split('\n')) {
      const f = line.split(',');
      const allele = f[0] ?? '';
      if (!/^DPB1\*\d+:\d+$/.test(allele) || (f[4] !== 'C' && f[1] !== 'C') || !valid(allele)) continue;
      dpb1.push([allele, DPB1_WEIGHTS[allele] ?? 0.5]);
    }
    this.dpb1 = weighted(dpb1.length > 0 ? dpb1 : [['DPB1*04:01', 1]]);
    this.resolutions = weighted(RESOLUTION_MIX);
    const regs = input.registries ?? ['DE', 'US', 'UK', 'PL', 'IL', 'FR'];
    this.registries = weighted(regs.map((r, i) => [r, 1 / (i + 1)] as const));
  }

  /** The next donor. */
  next(): DonorRecord {
    const rnd = this.rnd;
    this.n++;
    const id = `${this.input.idPrefix ?? 'S'}${String(this.n).padStart(8, '0')}`;
    const h1 = pick(this.haplotypes, rnd);
    const h2 = pick(this.haplotypes, rnd);
    const geno = (locus: (typeof HAPLOTYPE_LOCI)[number]): [string, string] => {
      const i = HAPLOTYPE_LOCI.indexOf(locus);
      return [h1[i] ?? '', h2[i] ?? ''];
    };
    const dp: [string, string] = [pick(this.dpb1, rnd), pick(this.dpb1, rnd)];
    const year = this.input.year ?? 2026;
    const cord = rnd() < (this.input.cordShare ?? 0.02);
    const base = {
      id,
      registry: pick(this.registries, rnd),
      sex: rnd() < (cord ? 0.5 : 0.6) ? ('M' as const) : ('F' as const),
      abo: pick(ABO_W, rnd),
      rh: rnd() < 0.85 ? ('+' as const) : ('-' as const),
      availability: pick(AVAIL_W, rnd),
    };
    if (cord) {
      const tncE7 = Math.round(Math.exp(Math.log(130) + 0.45 * gauss(rnd)) * 10) / 10;
      return {
        ...base,
        kind: 'cord',
        birthYear: year - 1 - Math.floor(rnd() * 25),
        typing: {
          A: this.high(geno('A')),
          B: this.high(geno('B')),
          C: this.high(geno('C')),
          DRB1: this.high(geno('DRB1')),
          ...(rnd() < 0.5 ? { DQB1: this.high(geno('DQB1')) } : {}),
        },
        cord: {
          tncE7,
          cd34E5: Math.round(tncE7 * (0.15 + 0.45 * rnd()) * 10) / 10,
          volumeMl: Math.round(60 + rnd() * 90),
          bank: pick(BANKS, rnd),
        },
      };
    }
    const adult = {
      ...base,
      kind: 'adult' as const,
      birthYear: year - 18 - Math.floor(rnd() * 43),
      cmv: rnd() < 0.5 ? ('pos' as const) : ('neg' as const),
    };
    const res = pick(this.resolutions, rnd);
    switch (res) {
      case 'ABDR-lists':
        return {
          ...adult,
          typing: { A: this.list(geno('A')), B: this.list(geno('B')), DRB1: this.list(geno('DRB1')) },
        };
      case 'ABDR-xx':
        return { ...adult, typing: { A: this.xx(geno('A')), B: this.xx(geno('B')), DRB1: this.list(geno('DRB1')) } };
      case 'AB-serology':
        return {
          ...adult,
          typing: { A: this.serology(geno('A')), B: this.serology(geno('B')), DRB1: this.xx(geno('DRB1')) },
        };
      case 'ACBDR-lists':
        return {
          ...adult,
          typing: {
            A: this.list(geno('A')),
            C: this.list(geno('C')),
            B: this.list(geno('B')),
            DRB1: this.list(geno('DRB1')),
          },
        };
      case 'ABDRDQ-lists':
        return {
          ...adult,
          typing: {
            A: this.list(geno('A')),
            B: this.list(geno('B')),
            DRB1: this.list(geno('DRB1')),
            DQB1: this.list(geno('DQB1')),
          },
        };
      case 'high-5':
      case 'high-6': {
        const typing = {
          A: this.high(geno('A')),
          B: this.high(geno('B')),
          C: this.high(geno('C')),
          DRB1: this.high(geno('DRB1')),
          DQB1: this.high(geno('DQB1')),
        };
        return { ...adult, typing: res === 'high-6' ? { ...typing, DPB1: this.high(dp) } : typing };
      }
    }
  }

  /** `count` donors. */
  *take(count: number): Generator<DonorRecord> {
    for (let i = 0; i < count; i++) yield this.next();
  }

  /** A patient typing drawn from the same frequencies: 2-field A, C, B, DRB1, DQB1 and DPB1. */
  patient(): string {
    const h1 = pick(this.haplotypes, this.rnd);
    const h2 = pick(this.haplotypes, this.rnd);
    const loci = HAPLOTYPE_LOCI.map((_, i) => this.high([h1[i] ?? '', h2[i] ?? '']));
    return [...loci, this.high([pick(this.dpb1, this.rnd), pick(this.dpb1, this.rnd)])].join('^');
  }

  private high(g: [string, string]): string {
    return g.join('+');
  }

  // The true allele among a few others of its first field, as a MAC when the dictionary has one (half the time).
  private list(g: [string, string]): string {
    return g.map((a) => this.ambiguous(a)).join('+');
  }

  // Typing kits report the same ambiguity for the same allele: each allele has KITS fixed written forms
  // (its allele list, or the MAC for it), so registries repeat their allele lists as real ones do.
  private ambiguous(allele: string): string {
    const kit = Math.floor(this.rnd() * KITS);
    const key = `${allele}#${kit}`;
    let written = this.kits.get(key);
    if (written === undefined) {
      written = this.kitForm(allele, kit);
      this.kits.set(key, written);
    }
    return written;
  }

  private kitForm(allele: string, kit: number): string {
    const rnd = prng(hash(allele) * 7 + kit);
    const others = this.siblingsOf(allele);
    const k = Math.min(others.length, 1 + Math.floor(rnd() * 5));
    const chosen = new Set([allele]);
    for (let i = 0; i < k * 3 && chosen.size < k + 1; i++) {
      chosen.add(others[Math.floor(rnd() * others.length)] ?? allele);
    }
    const list = [...chosen].sort(compareNatural);
    if (list.length === 1) return allele;
    if (kit % 2 === 0) {
      const mac = this.input.engine.encodeMac(list);
      if (mac) return mac;
    }
    return list.join('/');
  }

  private xx(g: [string, string]): string {
    return g.map((a) => `${truncateAllele(a, 1)}:XX`).join('+');
  }

  private serology(g: [string, string]): string {
    const release = this.input.engine.release;
    return g
      .map((a) => {
        const id = this.input.engine.resolve(a).units[0]?.members[0];
        const antigen = id === undefined ? undefined : release.serologyOf[id]?.[0];
        return antigen ?? `${truncateAllele(a, 1)}:XX`;
      })
      .join('+');
  }

  // Common 2-field names sharing the first field: expressed alleles named in the release.
  private siblingsOf(allele: string): string[] {
    const first = truncateAllele(allele, 1);
    let list = this.siblings.get(first);
    if (!list) {
      const release = this.input.engine.release;
      const names = new Set<string>();
      for (const id of release.truncated.get(first) ?? []) {
        const name = release.alleles[id] ?? '';
        if (name.endsWith('N')) continue;
        const two = truncateAllele(name, 2);
        if (release.truncatedName.get(two) === two) names.add(two);
      }
      // Prefer the low numbers (older, commoner alleles) as real allele lists do.
      list = [...names].sort(compareNatural).slice(0, 12);
      this.siblings.set(first, list);
    }
    return list;
  }
}

const ABO_W = weighted([
  ['O', 45],
  ['A', 40],
  ['B', 11],
  ['AB', 4],
] as const);
const AVAIL_W = weighted([
  ['available', 92],
  ['reserved', 5],
  ['unavailable', 3],
] as const);
const BANKS = weighted([
  ['Bank-1', 3],
  ['Bank-2', 2],
  ['Bank-3', 1],
] as const);

const KITS = 3;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function gauss(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** A record as a CSV line in CSV_COLUMNS order (see toCsvHeader). */
export function toCsvLine(d: DonorRecord): string {
  const t = d.typing;
  const cells = [
    d.id,
    d.registry,
    d.kind,
    d.sex ?? '',
    d.birthDate ?? '',
    d.birthYear === undefined ? '' : String(d.birthYear),
    d.abo ?? '',
    d.rh ?? '',
    d.cmv ?? '',
    d.population ?? '',
    d.availability,
    '',
    t.A ?? '',
    t.B ?? '',
    t.C ?? '',
    t.DRB1 ?? '',
    t.DQB1 ?? '',
    t.DPB1 ?? '',
    t.DRB3 ?? '',
    t.DRB4 ?? '',
    t.DRB5 ?? '',
    t.DQA1 ?? '',
    t.DPA1 ?? '',
    d.cord ? String(d.cord.tncE7) : '',
    d.cord?.cd34E5 === undefined ? '' : String(d.cord.cd34E5),
    d.cord?.volumeMl === undefined ? '' : String(d.cord.volumeMl),
    d.cord?.bank ?? '',
  ];
  return cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
}
