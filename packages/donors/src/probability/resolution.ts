import type { HlaEngine } from '@engraft/hla';
import { isHlaError, truncateAllele } from '@engraft/hla';
import type { FrequencyResolution, FrequencySet } from './frequencySet';

// The resolution a frequency set is written at, and the reduction of typing names to it.
// G and P groups and lgx ("small g": P groups named by their first 2-field allele, nulls kept apart) are the
// ARD reduction levels of NMDP's py-ard library; a set written in 2-field names that are all their own lgx name
// is an lgx set (the CAU set of the WMDA validation study, Bochtler et al. 2016, HLA 87:439, is one).

/**
 * Refines the syntactic resolution of a set with an HLA engine: a 2-field set whose every name reduces to
 * itself at lgx is 'lgx'; otherwise it stays '2-field' (names compared by their first two fields).
 */
export function refineResolution(set: FrequencySet, engine: HlaEngine): FrequencyResolution {
  if (set.resolution !== '2-field') return set.resolution;
  const seen = new Set<string>();
  for (const hap of set.haplotypes) {
    for (const name of hap) {
      if (seen.has(name)) continue;
      seen.add(name);
      try {
        if (engine.reduce(name, 'lgx') !== name) return '2-field';
      } catch (err) {
        if (isHlaError(err)) return '2-field';
        throw err;
      }
    }
  }
  return 'lgx';
}

/**
 * The names at `resolution` that one position of a typing (an allele, a `/` list, a MAC, an XX code or an
 * antigen) stands for. MACs, XX codes and serology are expanded through the engine first.
 * @throws HlaError for a name the release or the MAC dictionary does not know.
 */
export function namesAtResolution(engine: HlaEngine, position: string, resolution: FrequencyResolution): string[] {
  if (resolution !== '2-field') return engine.reduce(position, resolution).split('/');
  const who = engine.expand(position).split('/');
  const expressed = who.filter((n) => !n.endsWith('N'));
  // A null under an expressed name (A*01:01 covers A*01:01:01:02N) is not what the typing means (ADR 0400).
  const kept = expressed.length > 0 ? expressed : who;
  const out = new Set<string>();
  for (const name of kept) {
    const two = truncateAllele(name, 2);
    const suffix = /[NLSQCA]$/.test(name) ? name.slice(-1) : '';
    out.add(two + suffix);
  }
  return [...out];
}
