import type { GlNode } from '@engraft/hla';
import { glNames, parseGl, serializeGl } from '@engraft/hla';
import { locusOfName } from '../loci';

/** One locus of a typing: its genotype alternatives (`|`), each two positions written as GL text (`/` lists). */
export interface LocusTyping {
  readonly locus: string;
  readonly alternatives: readonly (readonly [string, string])[];
}

export class TypingShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypingShapeError';
  }
}

/**
 * Splits a GL string into loci (`^`), genotype alternatives (`|`) and the two positions (`+`). A locus written
 * with one position is homozygous (ADR 0400). Phased typings (`~`) are refused: imputation here treats each
 * locus as unphased.
 * @throws TypingShapeError naming what is wrong; HlaError for GL syntax.
 */
export function splitTypingByLocus(gl: string): LocusTyping[] {
  const tree = parseGl(gl);
  const chunks = tree.kind === 'list' && tree.op === '^' ? tree.items : [tree];
  const out = new Map<string, LocusTyping>();
  for (const chunk of chunks) {
    const text = serializeGl(chunk);
    if (text.includes('~')) {
      throw new TypingShapeError(`${text}: phased typings (~) are not supported for imputation`);
    }
    const loci = new Set(glNames(chunk).map((n) => locusOfName(n) ?? n.replace(/^HLA-/, '').split('*')[0] ?? n));
    if (loci.size !== 1) {
      throw new TypingShapeError(`${text}: one '^' part names several loci (${[...loci].join(', ')})`);
    }
    const locus = [...loci][0] ?? '';
    if (out.has(locus)) throw new TypingShapeError(`locus ${locus} is typed twice`);
    const alternatives = (chunk.kind === 'list' && chunk.op === '|' ? chunk.items : [chunk]).map(positions);
    out.set(locus, { locus, alternatives });
  }
  return [...out.values()];
}

function positions(genotype: GlNode): readonly [string, string] {
  if (genotype.kind === 'list' && genotype.op === '+') {
    if (genotype.items.length !== 2) {
      throw new TypingShapeError(`${serializeGl(genotype)}: a locus has two positions, not ${genotype.items.length}`);
    }
    return [serializeGl(genotype.items[0] as GlNode), serializeGl(genotype.items[1] as GlNode)];
  }
  const one = serializeGl(genotype);
  return [one, one];
}
