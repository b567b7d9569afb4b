import { LOCI, isLocus, locusOfName } from './loci';
import type { Locus } from './loci';
import type { Typing } from './schema';

/** A typing that cannot be split into loci or does not fit the locus it was given for. */
export class TypingError extends Error {
  override readonly name = 'TypingError';
  constructor(
    readonly locus: string,
    message: string
  ) {
    super(message);
  }
}

/**
 * Splits a whole GL string (`A*01:01+A*02:01^B*08:01+B*07:02^…`) into per-locus GL strings. Phased
 * haplotypes across loci (`A*01:01~B*08:01+A*02:01~B*07:02`) are split into per-locus genotypes; the phase
 * is not kept (matching counts per locus). @throws TypingError
 */
export function splitByLocus(gl: string): Typing {
  const out: Partial<Record<Locus, string>> = {};
  const put = (locus: Locus, text: string): void => {
    if (out[locus] !== undefined) throw new TypingError(locus, `locus ${locus} appears twice in the GL string`);
    out[locus] = text;
  };
  for (const part of gl.trim().split('^')) {
    if (part === '') throw new TypingError('', 'empty locus block in GL string (stray ^)');
    if (!part.includes('~')) {
      put(locusOfBlock(part), part);
      continue;
    }
    // Phased haplotypes: alternatives | of genotypes + of haplotypes ~ of allele lists /.
    const perLocus = new Map<Locus, string[][]>(); // locus → per alternative the sides
    const alts = part.split('|');
    for (const [ai, alt] of alts.entries()) {
      const sides = alt.split('+');
      if (sides.length > 2) throw new TypingError('', `${alt}: more than two haplotypes in a genotype`);
      for (const [si, side] of sides.entries()) {
        for (const list of side.split('~')) {
          const locus = locusOfBlock(list);
          let byAlt = perLocus.get(locus);
          if (!byAlt) perLocus.set(locus, (byAlt = alts.map(() => [])));
          const sideList = byAlt[ai] ?? [];
          sideList[si] = list;
        }
      }
    }
    for (const [locus, byAlt] of perLocus) {
      put(
        locus,
        byAlt
          .map((sides) => sides.filter((s) => s !== undefined).join('+'))
          .filter((g) => g !== '')
          .join('|')
      );
    }
  }
  return out;
}

function locusOfBlock(block: string): Locus {
  let locus: Locus | undefined;
  for (const name of block.split(/[|+~/]/)) {
    if (name === '') throw new TypingError('', `${block}: empty name`);
    const l = locusOfName(name);
    if (!l) throw new TypingError('', `${name}: not a name at one of the loci ${LOCI.join(', ')}`);
    if (locus !== undefined && l !== locus) {
      throw new TypingError(locus, `${block}: mixes loci ${locus} and ${l} without '^'`);
    }
    locus = l;
  }
  if (!locus) throw new TypingError('', `empty locus block`);
  return locus;
}

/** A per-locus typing (object or whole GL string) as a Typing object with only known loci. @throws TypingError */
export function normalizeTyping(typing: string | Typing): Typing {
  if (typeof typing === 'string') return splitByLocus(typing);
  const out: Partial<Record<Locus, string>> = {};
  for (const [key, value] of Object.entries(typing)) {
    if (value === undefined || value === '') continue;
    if (!isLocus(key)) throw new TypingError(key, `unknown locus ${key}`);
    checkLocusText(key, value);
    out[key] = value;
  }
  return out;
}

/** Checks that every name of a locus GL string belongs to the locus, and its genotype shape. @throws TypingError */
export function checkLocusText(locus: Locus, text: string): void {
  let seen = checked.get(locus);
  if (!seen) checked.set(locus, (seen = new Set()));
  if (seen.has(text)) return;
  checkLocusTextUncached(locus, text);
  if (seen.size >= 200_000) seen.clear();
  seen.add(text);
}

// Registry files repeat their locus typings: remember the ones already checked, per locus (bounded). The text
// itself is the key (no concatenated key to build and hash on every row of an import).
const checked = new Map<Locus, Set<string>>();

function checkLocusTextUncached(locus: Locus, text: string): void {
  if (text.includes('^') || text.includes('~')) {
    throw new TypingError(locus, `${locus} typing '${text}' must not contain '^' or '~'`);
  }
  for (const alt of text.split('|')) {
    if (alt.split('+').length > 2) throw new TypingError(locus, `${locus} typing '${alt}' has more than two positions`);
  }
  for (const name of text.split(/[|+/]/)) {
    if (name === '') throw new TypingError(locus, `${locus} typing '${text}' has an empty name`);
    const l = locusOfName(name);
    if (l !== locus) {
      throw new TypingError(
        locus,
        `${name} in the ${locus} typing is ${l ? `a ${l} name` : 'not an HLA name of a known locus'}`
      );
    }
  }
}

/** Writes a Typing back as one GL string, loci in LOCI order. */
export function typingToGl(typing: Typing): string {
  return LOCI.filter((l) => typing[l] !== undefined)
    .map((l) => typing[l])
    .join('^');
}
