import { HlaError } from '../errors';
import { compareNatural } from '../naturalSort';

export const DRBX_LOCI = ['DRB3', 'DRB4', 'DRB5'] as const;
export type DrbxLocus = (typeof DRBX_LOCI)[number];
/** What one DRB1 haplotype carries besides DRB1: one of DRB3/4/5, or none (DR1, DR8, DR10 haplotypes). */
export type DrbxExpectation = DrbxLocus | 'none';

/**
 * DR haplotype groups by DRB1 first field (Andersson G 1998, Front Biosci 3:d739, Fig. 2; py-ard 2.3.1
 * `drbx_blender`): DR52 group (DR3, DR5, DR6) carries DRB3, DR53 group (DR4, DR7, DR9) DRB4, DR51 group
 * (DR2) DRB5; DR1, DR8 and DR10 haplotypes carry none of them.
 */
const GROUP_BY_FIRST_FIELD: Readonly<Record<string, DrbxExpectation>> = {
  '01': 'none',
  '03': 'DRB3',
  '04': 'DRB4',
  '07': 'DRB4',
  '08': 'none',
  '09': 'DRB4',
  '10': 'none',
  '11': 'DRB3',
  '12': 'DRB3',
  '13': 'DRB3',
  '14': 'DRB3',
  '15': 'DRB5',
  '16': 'DRB5',
};

/** The DRB3/4/5 locus a DRB1 allele's haplotype carries. @throws HlaError for a name that is not DRB1. */
export function drbxOfDrb1(allele: string): DrbxExpectation {
  const name = allele.startsWith('HLA-') ? allele.slice(4) : allele;
  const m = /^DRB1\*(\d{2}):/.exec(name);
  const group = m ? GROUP_BY_FIRST_FIELD[m[1] ?? ''] : undefined;
  if (!group) throw new HlaError('syntax', allele, `${allele}: not a DRB1 allele of a known DR group`);
  return group;
}

export interface DrbxFinding {
  readonly kind: 'unexpected' | 'too-many' | 'missing';
  readonly locus: DrbxLocus;
  readonly message: string;
}

export interface DrbxCheck {
  /** Per DRB1 position, the loci its haplotype may carry (more than one when the position is ambiguous). */
  readonly expected: readonly (readonly DrbxExpectation[])[];
  /** Whether the typing names any DRB3/4/5 locus; if not, nothing can disagree. */
  readonly typed: boolean;
  /** The DRB3/4/5 genotype the DRB1 typing implies, typed copies in place, `DRBX*NNNN` for none. */
  readonly blended: string | undefined;
  readonly findings: readonly DrbxFinding[];
}

/**
 * Checks the DRB3/4/5 loci of a multi-locus typing (`DRB1*03:01+DRB1*04:01^DRB3*01:01^DRB4*01:03`)
 * against the DR groups of its two DRB1 positions ("DRBX blending", py-ard 2.3.1 `blender`). A locus
 * typed although no DRB1 position carries it, or with more distinct copies than positions that can,
 * disagrees; a locus that both positions certainly carry but the typing lacks, while it names other
 * DRB3/4/5 loci, is missing. Identical copies (`DRB3*01:01+DRB3*01:01`) count as one when one is
 * expected: labs write a hemizygous locus as homozygous.
 * @throws HlaError when the typing has no DRB1 genotype of two positions.
 */
export function checkDrbx(typing: string): DrbxCheck {
  if (typing.includes('~') || typing.includes('|')) {
    throw new HlaError('syntax', typing, `${typing}: DRBX check needs unphased typings without genotype alternatives`);
  }
  const blocks = new Map<string, string[][]>();
  for (const block of typing.split('^')) {
    for (const position of block.split('+')) {
      const names = position.split('/');
      // `DRBX*NNNN` (py-ard's placeholder for "no DRB3/4/5 on this haplotype") is no copy of any locus.
      if (names.every((n) => n.endsWith('*NNNN'))) continue;
      const locus = locusOf(names[0] ?? '');
      blocks.set(locus, [...(blocks.get(locus) ?? []), names]);
    }
  }
  const drb1 = blocks.get('DRB1');
  if (!drb1 || drb1.length !== 2) {
    throw new HlaError('syntax', typing, `${typing}: DRBX check needs a DRB1 genotype of two positions (X+Y)`);
  }
  const expected = drb1.map((names) => [...new Set(names.map(drbxOfDrb1))].sort());
  const typed = DRBX_LOCI.some((l) => blocks.has(l));
  const findings: DrbxFinding[] = [];
  const copies = new Map<DrbxLocus, string[]>();
  for (const locus of DRBX_LOCI) {
    const distinct = [...new Set((blocks.get(locus) ?? []).map((p) => [...p].sort(compareNatural).join('/')))];
    copies.set(locus, distinct);
    const possible = expected.filter((e) => e.includes(locus)).length;
    const certain = expected.filter((e) => e.length === 1 && e[0] === locus).length;
    if (distinct.length > 0 && possible === 0) {
      findings.push({
        kind: 'unexpected',
        locus,
        message: `${locus} typed (${distinct.join('+')}) but neither DRB1 allele is of a DR group that carries ${locus}`,
      });
    } else if (distinct.length > possible) {
      findings.push({
        kind: 'too-many',
        locus,
        message: `${locus} typed with ${distinct.length} different copies but only ${possible} DRB1 haplotype(s) carry ${locus}`,
      });
    } else if (typed && distinct.length === 0 && certain > 0) {
      findings.push({ kind: 'missing', locus, message: `${locus} expected from DRB1 but not typed` });
    }
  }
  return { expected, typed, blended: typed ? blend(expected, copies) : undefined, findings };
}

function locusOf(name: string): string {
  const plain = name.startsWith('HLA-') ? name.slice(4) : name;
  const star = plain.indexOf('*');
  return star > 0 ? plain.slice(0, star) : plain;
}

// Places the typed copies on the DRB1 positions that can carry them; empty positions get DRBX*NNNN.
function blend(expected: readonly (readonly DrbxExpectation[])[], copies: ReadonlyMap<DrbxLocus, string[]>): string {
  const left = new Map([...copies].map(([locus, list]) => [locus, [...list]]));
  const out = expected.map((options) => {
    for (const option of options) {
      if (option === 'none') continue;
      const next = left.get(option)?.shift();
      if (next !== undefined) return next;
      // Both haplotypes carry the locus and one copy was typed: the lab's homozygous call.
      const all = copies.get(option) ?? [];
      if (options.length === 1 && all.length > 0) return all[all.length - 1] ?? 'DRBX*NNNN';
    }
    return 'DRBX*NNNN';
  });
  return out.sort(compareNatural).join('+');
}
