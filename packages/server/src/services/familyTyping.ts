import type { AntigenOf, DsaTyping, FamilyTyping, LigandTyping } from '@engraft/donors';
import { DSA_LOCI, FAMILY_LOCI } from '@engraft/donors';
import type { HlaEngine } from '@engraft/hla';

// From a stored GL string to what the family analyses compare (issue 19, ADR 0421): per locus, the two
// positions, each a list of alternative names at two fields (the protein: two-field identity is what
// segregation and DSA compare; Nunes E et al., Hum Immunol 2011;72:1214-1216, the 2-field matching convention).
// GL grammar (Milius RP et al., Tissue Antigens 2013;82:106-112): `^` loci, `|` genotypes, `+` the two
// positions, `~` phased loci, `/` alternatives. Genotype alternatives are merged position by position (the
// analyses treat each position's list as "any of these", which keeps the ambiguity without inventing a phase).

/** A name at two fields, keeping an expression suffix (`A*01:01:01:02N` → `A*01:01N`); '' if not an allele. */
export function twoFieldName(raw: string): string {
  const name = raw.trim().replace(/^HLA-/, '');
  const star = name.indexOf('*');
  if (star <= 0) return '';
  const suffix = /[A-Z]$/.exec(name)?.[0] ?? '';
  const fields = name
    .slice(star + 1)
    .replace(/[A-Z]$/, '')
    .split(':');
  if (fields.length < 2) return name;
  return `${name.slice(0, star)}*${fields.slice(0, 2).join(':')}${suffix}`;
}

type Positions = Map<string, [Set<string>, Set<string>]>;

function positionsOf(gl: string): Positions {
  const out: Positions = new Map();
  for (const block of gl.split('^')) {
    for (const genotype of block.split('|')) {
      const halves = genotype.split('+');
      halves.slice(0, 2).forEach((half, h) => {
        for (const part of half.split('~')) {
          for (const raw of part.split('/')) {
            const name = twoFieldName(raw);
            if (!name) continue;
            const locus = name.slice(0, name.indexOf('*'));
            const pair = out.get(locus) ?? [new Set<string>(), new Set<string>()];
            pair[h]!.add(name);
            out.set(locus, pair);
          }
        }
      });
    }
  }
  return out;
}

function typingOver<L extends string>(gl: string, loci: readonly L[]): Partial<Record<L, [string[], string[]]>> {
  const positions = positionsOf(gl);
  const out: Partial<Record<L, [string[], string[]]>> = {};
  for (const locus of loci) {
    const pair = positions.get(locus);
    if (!pair || !pair[0].size) continue;
    const first = [...pair[0]];
    // One position written: homozygous (or not resolved), read as the same name twice.
    const second = pair[1].size ? [...pair[1]] : first;
    out[locus] = [first, second];
  }
  return out;
}

/** The typing compared by segregation (A, C, B, DRB1, DQB1, DPB1); null when none of them is typed. */
export function familyTypingOf(gl: string | null | undefined): FamilyTyping | null {
  if (!gl) return null;
  const t = typingOver(gl, FAMILY_LOCI);
  return Object.keys(t).length ? t : null;
}

/**
 * The HLA-A, -B and -C alleles the KIR-ligand criterion reads (ADR 0422): two per locus, each position's
 * alternatives joined by '/' (an ambiguity has a ligand only when its alleles agree); a locus not typed is absent.
 */
export function ligandTypingOf(gl: string): LigandTyping {
  const t = typingOver(gl, ['A', 'B', 'C'] as const);
  const of = (l: 'A' | 'B' | 'C') => (t[l] ?? []).map((alternatives) => alternatives.join('/'));
  return { A: of('A'), B: of('B'), C: of('C') };
}

/** The typing compared with antibody specificities (class I, DRB1/3/4/5, DQA1/DQB1, DPA1/DPB1). */
export function dsaTypingOf(gl: string | null | undefined): DsaTyping {
  return gl ? typingOver(gl, DSA_LOCI) : {};
}

/**
 * The serological antigen of an allele from the release's rel_dna_ser assignments (IPD-IMGT/HLA; WHO
 * serological equivalents, Marsh SGE et al., Tissue Antigens 2010;75:291-455): the first antigen listed.
 */
export function antigenOfEngine(engine: HlaEngine): AntigenOf {
  const { release } = engine;
  return (allele) => {
    const two = twoFieldName(allele).replace(/[A-Z]$/, '');
    const ids = release.truncated.get(two);
    if (!ids?.length) return null;
    for (const id of ids) {
      const antigens = release.serologyOf[id];
      if (antigens?.length) return antigens[0]!;
    }
    return null;
  };
}
