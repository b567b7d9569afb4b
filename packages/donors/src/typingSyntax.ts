import { isHlaError, parseTypingName } from '@engraft/hla';
import { LOCI } from './loci';
import type { Typing } from './schema';
import { TypingError, normalizeTyping } from './typing';

/**
 * The syntax check of a whole GL typing without a nomenclature release (issue 14): the GL string splits into
 * loci (normalizeTyping, as donor search does), and every name at every locus is an HLA name form
 * (`parseTypingName`: `A*:01`, `A*01::01`, `A*1:01:01:01:01` are refused). Whether `A*99:99` exists is for the
 * release to say (DonorIndex.resolvePatient). @throws TypingError naming the locus and the name.
 */
export function checkTypingSyntax(gl: string): Typing {
  const typing = normalizeTyping(gl);
  for (const locus of LOCI) {
    const text = typing[locus];
    if (text === undefined) continue;
    for (const name of text.split(/[|+/]/)) {
      try {
        parseTypingName(name);
      } catch (err) {
        if (isHlaError(err)) throw new TypingError(locus, `${locus}: ${err.message}`);
        throw err;
      }
    }
  }
  return typing;
}
