import { expressionSuffix, fieldCount, truncateAllele } from './name';
import type { ReductionLevel, ResolvedOptions } from './options';
import type { HlaRelease } from './release';
import type { Unit } from './resolve';

export interface ReduceContext {
  readonly release: HlaRelease;
  readonly options: ResolvedOptions;
  /** lgx name of a WHO allele (memoised by the engine). */
  lgxOf(id: number): string;
  /** Every antigen whose alleles include this one: its own, their broads, the antigens they are associated with. */
  antigensOf(id: number): readonly string[];
}

/**
 * lgx ("ARD 2-field", NMDP's "small g": P groups plus null alleles) of one WHO allele.
 * With ping (default): the 2-field name of its P group; a null allele (no P group) takes the P group of
 * the expressed alleles of its G group, else the G group's name;
 * an allele in neither keeps its own first two fields. This reproduces py-ard's documented results
 * C*02:10 → C*02:02, C*06:17 → C*06:02 and DRB4*01:03:19 → DRB4*01:01, and fixes py-ard #351
 * (DQB1*02:180 → DQB1*02:03). Without ping: G group only, py-ard's classic table (ADR 0101).
 * A 2-field result keeps an expression suffix only when every allele under it carries it.
 */
export function computeLgx(release: HlaRelease, options: ResolvedOptions, id: number): string {
  const g = release.gOf[id] ?? -1;
  const p = release.pOf[id] ?? -1;
  let two: string;
  if (options.ping && p >= 0) two = truncateAllele(release.pNames[p] ?? '', 2);
  else if (options.ping && g >= 0) {
    // A null allele shares its G group's ARD sequence: it takes the P group of the group's expressed
    // alleles (C*02:169N → C*02:02P via C*02:10:01G), falling back to the G group's name.
    const expressed = release.gMembers[g]?.find((m) => (release.pOf[m] ?? -1) >= 0);
    const source = expressed === undefined ? release.gNames[g] : release.pNames[release.pOf[expressed] ?? 0];
    two = truncateAllele(source ?? '', 2);
  } else if (g >= 0) two = truncateAllele(release.gNames[g] ?? '', 2);
  else two = truncateAllele(release.alleles[id] ?? '', 2);
  return release.truncatedName.get(two) ?? two;
}

/** The names a resolved unit reduces to at `level`, unsorted and possibly repeated. */
export function reduceUnit(ctx: ReduceContext, unit: Unit, level: ReductionLevel): string[] {
  const { release } = ctx;
  switch (level) {
    case 'G':
      return groupLevel(release, unit, release.gOf, release.gNames);
    case 'P':
      return groupLevel(release, unit, release.pOf, release.pNames);
    case 'lgx':
      return unit.members.map((id) => ctx.lgxOf(id));
    case 'lg': {
      const tail = ctx.options.arsAsLg ? 'ARS' : 'g';
      return unit.members.map((id) => ctx.lgxOf(id) + tail);
    }
    case 'W':
      return unit.members.map((id) => release.alleles[id] ?? '');
    case 'exon':
      return exonLevel(release, unit);
    case 'U2':
      return u2Level(ctx, unit);
    case 'S':
      return unit.members.flatMap((id) => ctx.antigensOf(id));
    case '1F':
      return unit.members.map((id) => truncateAllele(release.alleles[id] ?? '', 1));
  }
}

/**
 * G or P level, as py-ard 2.3.1 does it (ard.py `redux`: a truncated name, MAC or XX code is first expanded
 * to the WHO alleles under it, then each goes through `_redux_allele`): every WHO allele goes to its group,
 * or stays itself when it has none (hla_nom_g/hla_nom_p rows with an empty third field; Marsh et al.,
 * Nomenclature for factors of the HLA system 2010, Tissue Antigens 2010;75:291, G and P groups). So
 * `A*02:01` at G is every G group of an A*02:01 allele plus the A*02:01 alleles outside any G group (ADR 0102).
 */
function groupLevel(release: HlaRelease, unit: Unit, of: Int32Array, names: readonly string[]): string[] {
  return unit.members.map((id) => {
    const g = of[id] ?? -1;
    return g >= 0 ? (names[g] ?? '') : (release.alleles[id] ?? '');
  });
}

/**
 * exon: 3 fields (py-ard 2.3.1 `exon_group`); names with fewer fields are not expanded. A 4-field allele
 * keeps its expression suffix on the 3-field name, a short null (`DRB4*01:03:01:02N` → `DRB4*01:03:01N`).
 */
function exonLevel(release: HlaRelease, unit: Unit): string[] {
  if (unit.level === 'truncated' || unit.level === 'allele') {
    if (fieldCount(unit.name) <= 3) return [unit.name];
    return [threeField(release, unit.name)];
  }
  return unit.members.map((id) => threeField(release, release.alleles[id] ?? ''));
}

function threeField(release: HlaRelease, name: string): string {
  if (fieldCount(name) <= 3) return name;
  const key = truncateAllele(name, 3);
  const canonical = release.truncatedName.get(key) ?? key;
  const suffix = expressionSuffix(name);
  return suffix === '' ? canonical : key + suffix;
}

/**
 * U2 (py-ard 2.3.1 `_redux_allele` U2): a 2-field name stays; a longer one gives its 2-field name with the
 * allele's expression suffix kept (`B*56:01:01:05S` → `B*56:01S`, `A*01:01:01:02N` → `A*01:01N`: short
 * nulls are valid names) when all its alleles share it, else lgx.
 */
function u2Level(ctx: ReduceContext, unit: Unit): string[] {
  const { release } = ctx;
  // "If resolved out to second field leave alone" (py-ard U2).
  if ((unit.level === 'allele' || unit.level === 'truncated') && fieldCount(unit.name) <= 2) return [unit.name];
  const twos = new Set<string>();
  for (const id of unit.members) {
    const name = release.alleles[id] ?? '';
    const key = truncateAllele(name, 2);
    const suffix = expressionSuffix(name);
    twos.add(suffix === '' ? (release.truncatedName.get(key) ?? key) : key + suffix);
  }
  if (twos.size === 1) return [...twos];
  return unit.members.map((id) => ctx.lgxOf(id));
}
