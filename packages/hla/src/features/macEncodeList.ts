import type { HlaEngine } from '../engine';
import { HlaError } from '../errors';
import { parseGl } from '../gl';
import { fieldCount, parseTypingName } from '../name';

/** The answer to "which MAC denotes exactly this allele list?" (py-ard `lookup_mac`). */
export interface MacEncoding {
  /** The allele list as given, after validation. */
  readonly alleles: readonly string[];
  /** `A*01:AB`, or undefined when no code of the loaded dictionary lists exactly these alleles. */
  readonly mac: string | undefined;
}

/**
 * Encodes an allele list (`A*01:01/A*01:02`) as a MAC: the inverse of MAC expansion. Every name must be
 * a 2-field allele of one locus that exists in the engine's release, because MACs list 2-field names
 * only (allele list `/` of the GL String grammar: Milius RP et al. 2013, Tissue Antigens 82:106).
 * The generic code is tried first when the alleles share a first field, then the allele-specific one
 * (py-ard 2.3.1 `lookup_mac`).
 * @throws HlaError naming the offending name when the list is not one locus of valid 2-field alleles,
 *   or `no-mac-dictionary` when the engine has no MAC dictionary.
 */
export function encodeAlleleList(engine: HlaEngine, list: string): MacEncoding {
  const tree = parseGl(list.trim());
  if (tree.kind === 'list' && tree.op !== '/') {
    throw new HlaError('syntax', tree.op, `${list}: a MAC encodes one allele list ('/' only), not '${tree.op}'`);
  }
  const alleles = tree.kind === 'name' ? [tree.name] : tree.items.map((n) => (n.kind === 'name' ? n.name : ''));
  if (!engine.macs) {
    throw new HlaError('no-mac-dictionary', list, `${list}: no MAC dictionary is loaded to encode with`);
  }
  let locus: string | undefined;
  for (const allele of alleles) {
    const name = parseTypingName(allele);
    if (name.kind !== 'allele' || fieldCount(name.text) !== 2) {
      throw new HlaError('syntax', allele, `${allele}: a MAC lists 2-field alleles only (e.g. A*01:01)`);
    }
    if (locus !== undefined && name.locus !== locus) {
      throw new HlaError('syntax', allele, `${allele}: a MAC covers one locus; the list starts with ${locus}`);
    }
    locus = name.locus;
    engine.resolve(allele);
  }
  return { alleles, mac: engine.encodeMac(alleles) };
}
