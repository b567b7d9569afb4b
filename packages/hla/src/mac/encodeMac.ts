import { compareNatural } from '../naturalSort';
import type { MacDictionary } from './macDictionary';

/**
 * Encodes a list of 2-field alleles of one locus as a MAC, or returns undefined when no code lists
 * exactly those alleles. A generic code is tried first when all alleles share a first field (py-ard
 * lookup_mac). An allele-specific code is written with the first field that has the most alleles, the
 * lowest on a tie (py-ard mac.feature).
 */
export function encodeMac(macs: MacDictionary, alleles: readonly string[]): string | undefined {
  if (alleles.length < 2) return undefined;
  const prefix = alleles.every((a) => a.startsWith('HLA-')) ? 'HLA-' : '';
  const plain = alleles.map((a) => (a.startsWith('HLA-') ? a.slice(4) : a));
  const loci = new Set(plain.map((a) => a.slice(0, a.indexOf('*'))));
  const [locus] = loci;
  if (loci.size !== 1 || !locus) return undefined;
  const values = plain.map((a) => a.slice(a.indexOf('*') + 1));
  if (!values.every((v) => /^\d{2,4}:\d{2,4}[NLSQCA]?$/.test(v))) return undefined;
  const firsts = values.map((v) => v.split(':')[0] ?? '');
  const distinctFirsts = [...new Set(firsts)];
  if (distinctFirsts.length === 1) {
    const code = macs.codeFor(
      true,
      values.map((v) => v.split(':')[1] ?? '')
    );
    if (code) return `${prefix}${locus}*${distinctFirsts[0]}:${code}`;
  }
  const code = macs.codeFor(false, values);
  if (!code) return undefined;
  const counts = new Map<string, number>();
  for (const f of firsts) counts.set(f, (counts.get(f) ?? 0) + 1);
  const first = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareNatural(a[0], b[0]))[0]?.[0] ?? '';
  return `${prefix}${locus}*${first}:${code}`;
}
