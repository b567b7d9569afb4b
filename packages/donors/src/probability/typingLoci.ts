import { locusOfName } from '../loci';

/** One locus of a typing: its genotype alternatives (`|`), each two positions written as GL text (`/` lists). */
export interface LocusTyping {
  readonly locus: string;
  /** The locus's part of the GL string as written (one key per distinct locus typing). */
  readonly text: string;
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
  if (gl.includes('~')) throw new TypingShapeError(`${gl}: phased typings (~) are not supported for imputation`);
  // Plain splits by operator: names and empty operands are checked when each position is reduced.
  const out = new Map<string, LocusTyping>();
  for (const chunk of gl.split('^')) {
    const loci = new Set(chunk.split(/[|+/]/).map(locusOf));
    if (loci.size !== 1) {
      throw new TypingShapeError(`${chunk}: one '^' part names several loci (${[...loci].join(', ')})`);
    }
    const locus = [...loci][0] ?? '';
    if (out.has(locus)) throw new TypingShapeError(`locus ${locus} is typed twice`);
    const alternatives = chunk.split('|').map((genotype): readonly [string, string] => {
      const positions = genotype.split('+');
      if (positions.length > 2) {
        throw new TypingShapeError(`${genotype}: a locus has two positions, not ${positions.length}`);
      }
      const [one = '', two = one] = positions;
      return [one, two];
    });
    out.set(locus, { locus, text: chunk, alternatives });
  }
  return [...out.values()];
}

function locusOf(name: string): string {
  return locusOfName(name) ?? name.replace(/^HLA-/, '').split('*')[0] ?? name;
}
