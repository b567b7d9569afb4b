import { compareNatural } from '../naturalSort';
import type { HlaRelease } from '../release';
import type { SerologyFamily } from '../serology';
import { serologyFamily } from '../serology';

/** An antigen with its XX codes and its place among broads, splits and associated antigens. */
export interface SerologyLookup extends SerologyFamily {
  /** XX codes of the alleles the antigen covers (`A9` → `A*23:XX/A*24:XX`); '' when no allele maps to it. */
  readonly xx: string;
  /** Other splits of the same broad (`A23` → `A24`; py-ard issue #194 "sibling splits"). */
  readonly siblings: readonly string[];
}

/**
 * Serology → XX codes: the first fields of the WHO alleles that rel_dna_ser.txt assigns to the antigen,
 * its splits and its associated antigens (the antigen → allele relation of ADR 0105), each written
 * `Locus*NN:XX` (py-ard 2.3.1 `find_xx_from_serology`; serological equivalents: Marsh SGE et al. 2010,
 * Tissue Antigens 75:291, WHO Nomenclature Committee report, rel_dna_ser).
 * @throws HlaError `unknown-serology` for an antigen the release does not name.
 */
export function serologyToXx(release: HlaRelease, antigen: string): string {
  serologyFamily(release, antigen);
  const codes = new Set<string>();
  for (const id of release.serologyAlleles.get(antigen) ?? []) {
    const name = release.alleles[id] ?? '';
    const colon = name.indexOf(':');
    if (colon > 0) codes.add(`${name.slice(0, colon)}:XX`);
  }
  return [...codes].sort(compareNatural).join('/');
}

/**
 * Everything known about one antigen: broad, splits, associated antigens (rel_ser_ser.txt) and XX codes
 * (py-ard 2.3.1 `find_broad_splits`, `find_associated_antigen`, `find_xx_from_serology`).
 * @throws HlaError `unknown-serology` for an antigen the release does not name.
 */
export function serologyLookup(release: HlaRelease, antigen: string): SerologyLookup {
  const family = serologyFamily(release, antigen);
  const siblings =
    family.broad === undefined ? [] : (release.splits.get(family.broad) ?? []).filter((s) => s !== antigen);
  return { ...family, siblings, xx: serologyToXx(release, antigen) };
}
