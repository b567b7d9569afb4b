import { HlaError } from './errors';
import type { MacDictionary } from './mac/macDictionary';
import type { TypingName } from './name';
import { expressionSuffix, fieldCount, parseTypingName, truncateAllele } from './name';
import type { ResolvedOptions } from './options';
import type { HlaRelease } from './release';

/**
 * A name resolved against a release, at the resolution it was written: a WHO allele, a truncated
 * (1- to 3-field) name, a short null (the alleles under a 2- or 3-field name that carry its expression
 * suffix), or a G, P or lg group. `members` are the WHO alleles it stands for.
 */
export interface Unit {
  readonly name: string;
  readonly level: 'allele' | 'truncated' | 'short-null' | 'G' | 'P' | 'lg';
  readonly members: readonly number[];
}

/** What one typing name stands for: the units (one for an allele, many for a MAC, XX or antigen). */
export interface Resolution {
  readonly hlaPrefix: boolean;
  /** Set for placeholders matched by `ignoreSuffixes`: passed through as written. */
  readonly passthrough?: string;
  readonly units: readonly Unit[];
}

export interface ResolveContext {
  readonly release: HlaRelease;
  readonly macs: MacDictionary | undefined;
  readonly options: ResolvedOptions;
  /** Alleles whose lgx name is the key (for lg-name input); computed on first use. */
  lgMembers(twoField: string): readonly number[] | undefined;
}

/** Resolves one typing name (no GL operators). @throws HlaError naming the offending part. */
export function resolveName(ctx: ResolveContext, raw: string): Resolution {
  for (const suffix of ctx.options.ignoreSuffixes) {
    const star = raw.indexOf('*');
    if (star > 0 && raw.slice(star + 1) === suffix) return { hlaPrefix: false, passthrough: raw, units: [] };
  }
  const name = parseTypingName(raw);
  const release = ctx.release;
  if (name.kind !== 'serology' && !release.loci.has(name.locus)) {
    throw new HlaError(
      'unknown-locus',
      name.locus,
      `${raw}: locus ${name.locus} is not in IMGT/HLA ${release.version}`
    );
  }
  const units = resolveUnits(ctx, name, raw);
  return { hlaPrefix: name.hlaPrefix, units };
}

function resolveUnits(ctx: ResolveContext, name: TypingName, raw: string): Unit[] {
  const { release } = ctx;
  switch (name.kind) {
    case 'allele':
      if (name.fields.length === 1) return oneFieldUnits(ctx, name, raw);
      return [alleleUnit(ctx, name.text, raw)];
    case 'v2':
      return v2Units(ctx, name, raw);
    case 'g-group':
    case 'p-group': {
      const isG = name.kind === 'g-group';
      const index = (isG ? release.gByName : release.pByName).get(name.text);
      if (index === undefined) {
        throw new HlaError(
          'unknown-group',
          name.text,
          `${raw}: no ${isG ? 'G' : 'P'} group of that name in IMGT/HLA ${release.version}`
        );
      }
      return [
        { name: name.text, level: isG ? 'G' : 'P', members: (isG ? release.gMembers : release.pMembers)[index] ?? [] },
      ];
    }
    case 'lg': {
      const two = `${name.locus}*${name.fields.join(':')}${name.suffix}`;
      const members = ctx.lgMembers(two);
      if (!members) {
        throw new HlaError(
          'unknown-group',
          name.text,
          `${raw}: no allele reduces to ${two} in IMGT/HLA ${release.version}`
        );
      }
      return [{ name: name.text, level: 'lg', members }];
    }
    case 'xx':
      return xxUnits(ctx, name.locus, name.fields[0] ?? '', raw);
    case 'mac':
      return macUnits(ctx, name, raw);
    case 'serology': {
      const antigen = name.text;
      const members = release.serologyAlleles.get(antigen);
      if (!members) {
        throw new HlaError(
          'unknown-serology',
          antigen,
          `${subject(raw, antigen)} is not a serological antigen of IMGT/HLA ${release.version}`
        );
      }
      return members.map((id) => ({ name: release.alleles[id] ?? '', level: 'allele', members: [id] }));
    }
  }
}

/** A WHO allele or truncated name, exactly as IMGT writes it (strict) or with its missing suffix added (non-strict). */
function alleleUnit(ctx: ResolveContext, text: string, raw: string): Unit {
  const found = lookupAllele(ctx, text);
  if (found) return found;
  const { release } = ctx;
  const key = truncateAllele(text, 4);
  const canonical = release.truncatedName.get(key);
  if (canonical === undefined) {
    // lgx names come from group names, which IMGT keeps when the allele they were named after is renamed
    // (DRB3*03:22 from DRB3*03:22P; hla.md §3.4): read them back as the alleles that reduce to them.
    const lgMembers = fieldCount(text) === 2 ? ctx.lgMembers(text) : undefined;
    if (lgMembers) return { name: text, level: 'lg', members: lgMembers };
    throw new HlaError('unknown-allele', text, `${subject(raw, text)} is not an allele of IMGT/HLA ${release.version}`);
  }
  if (canonical.length > key.length && text === key && !ctx.options.strict) {
    // Non-strict: IMGT renamed the allele to add an expression suffix (A*24:329 → A*24:329Q; hla.md §4.2).
    const repaired = lookupAllele(ctx, canonical);
    if (repaired) return repaired;
  }
  const short = shortNull(release, text, key);
  if (short) return short;
  const why =
    canonical.length > key.length && text === key
      ? `every allele under it is ${canonical.slice(-1)}, so IMGT/HLA ${release.version} writes it ${canonical}`
      : `no allele under ${key} carries ${text.slice(-1)} (IMGT/HLA ${release.version} writes ${canonical})`;
  throw new HlaError('expression-suffix', text, `${raw}: ${why}`);
}

/**
 * Short nulls (py-ard 2.3.1 `generate_short_nulls`/`is_shortnull`): a 2- or 3-field name with an
 * expression suffix stands for the alleles under it that carry that suffix, also when others under the
 * name do not (`DRB4*01:03N` → DRB4*01:03:01:02N/DRB4*01:03:01:13N; `DRB5*01:08N`). Registries write them
 * for null alleles typed at 2 fields (WMDA nomenclature guidance, Bochtler et al., HLA 2016;87:439).
 */
function shortNull(release: HlaRelease, text: string, key: string): Unit | undefined {
  const suffix = expressionSuffix(text);
  const fields = fieldCount(key);
  if (suffix === '' || text !== key + suffix || fields < 2 || fields > 3) return undefined;
  const members = (release.truncated.get(key) ?? []).filter(
    (id) => expressionSuffix(release.alleles[id] ?? '') === suffix
  );
  return members.length > 0 ? { name: text, level: 'short-null', members } : undefined;
}

function lookupAllele(ctx: ResolveContext, text: string): Unit | undefined {
  const { release } = ctx;
  const id = release.alleleId.get(text);
  if (id !== undefined) return { name: text, level: 'allele', members: [id] };
  const key = truncateAllele(text, 4);
  if (release.truncatedName.get(key) === text) {
    // A suffixed truncated name (A*01:04N: every allele under it is null) is a short null like DRB4*01:03N.
    const level = text === key ? 'truncated' : 'short-null';
    return { name: text, level, members: release.truncated.get(key) ?? [] };
  }
  return undefined;
}

/** A 1-field name (A*01, MICA*063N) stands for its 2-field names, like an XX code; a suffix must fit all of them. */
function oneFieldUnits(ctx: ResolveContext, name: TypingName, raw: string): Unit[] {
  const first = name.fields[0] ?? '';
  const key = `${name.locus}*${first}`;
  const canonical = ctx.release.truncatedName.get(key);
  if (canonical !== undefined && name.suffix !== '' && canonical !== name.text) {
    throw new HlaError(
      'expression-suffix',
      name.text,
      `${raw}: not every allele under ${key} carries ${name.suffix} (IMGT/HLA ${ctx.release.version} writes ${canonical})`
    );
  }
  return xxUnits(ctx, name.locus, first, raw);
}

/** XX code or 1-field name: every 2-field name under the first field (hla.md §2.1; py-ard xx_codes). */
function xxUnits(ctx: ResolveContext, locus: string, first: string, raw: string): Unit[] {
  const { release } = ctx;
  const key = `${locus}*${first}`;
  const members = release.truncated.get(key);
  if (!members) throw new HlaError('unknown-xx', raw, `${raw}: no ${key} alleles in IMGT/HLA ${release.version}`);
  const names = new Set<string>();
  for (const id of members) names.add(release.truncatedName.get(truncateAllele(release.alleles[id] ?? '', 2)) ?? '');
  return [...names].map((n) => lookupAllele(ctx, n)).filter((u): u is Unit => u !== undefined);
}

/**
 * V2 names (A*0101, DRB1*010101) → the V3 name: fields of 2 digits, with 3-digit fields tried only when
 * the 2-digit reading is not an allele (nomenclature 2010 conversion).
 */
function v2Units(ctx: ResolveContext, name: TypingName, raw: string): Unit[] {
  const digits = name.fields[0] ?? '';
  const { release } = ctx;
  // A 4-digit first field (DPB1*1001, DPB1*1463N) is a 1-field name, not a V2 name.
  if (digits.length === 4 && release.truncated.has(`${name.locus}*${digits}`)) return oneFieldUnits(ctx, name, raw);
  for (const split of splitsOf(digits)) {
    const candidate = `${name.locus}*${split.join(':')}${name.suffix}`;
    const unit = lookupAllele(ctx, candidate);
    if (unit) return [unit];
  }
  throw new HlaError(
    'invalid-v2',
    name.text,
    `${subject(raw, name.text)} matches no allele of IMGT/HLA ${release.version} when read as a V2 name`
  );
}

/** Ways to cut a digit string into 2- to 4 fields of 2 or 3 digits, 2-digit cuts first. */
function splitsOf(digits: string): string[][] {
  const out: string[][] = [];
  const walk = (rest: string, acc: string[]): void => {
    if (rest === '') {
      if (acc.length >= 2) out.push(acc);
      return;
    }
    if (acc.length === 4) return;
    for (const len of [2, 3]) if (rest.length >= len) walk(rest.slice(len), [...acc, rest.slice(0, len)]);
  };
  walk(digits, []);
  return out.sort((a, b) => a.filter((f) => f.length === 3).length - b.filter((f) => f.length === 3).length);
}

/**
 * MAC → 2-field names (hla.md §3.4). Generic codes apply their second fields to the given first field;
 * allele-specific codes bring their own first fields. Names that do not exist in the release are dropped,
 * and a MAC with nothing left is invalid (`A*04:AB`).
 */
function macUnits(ctx: ResolveContext, name: TypingName, raw: string): Unit[] {
  const { macs, release } = ctx;
  if (!macs) {
    throw new HlaError('no-mac-dictionary', name.code, `${raw}: no MAC dictionary is loaded to decode ${name.code}`);
  }
  const entry = macs.get(name.code);
  if (!entry) {
    throw new HlaError('unknown-mac', name.code, `${raw}: ${name.code} is not a MAC code in the loaded dictionary`);
  }
  const first = name.fields[0] ?? '';
  if (!entry.generic && ctx.options.strict && !entry.values.some((v) => v.split(':')[0] === first)) {
    const firsts = [...new Set(entry.values.map((v) => v.split(':')[0]))].join('/');
    throw new HlaError(
      'invalid-mac',
      name.code,
      `${raw}: MAC ${name.code} lists ${name.locus}*${firsts} alleles, none with first field ${first}`
    );
  }
  const units: Unit[] = [];
  for (const value of entry.values) {
    const text = entry.generic ? `${name.locus}*${first}:${value}` : `${name.locus}*${value}`;
    const unit = lookupAllele(ctx, text) ?? (ctx.options.strict ? undefined : repairSuffix(ctx, text));
    if (unit) units.push(unit);
  }
  if (units.length === 0) {
    throw new HlaError(
      'invalid-mac',
      name.code,
      `${raw}: MAC ${name.code} (${entry.values.join('/')}) expands to no allele of IMGT/HLA ${release.version}`
    );
  }
  return units;
}

function repairSuffix(ctx: ResolveContext, text: string): Unit | undefined {
  const canonical = ctx.release.truncatedName.get(text);
  return canonical === undefined ? undefined : lookupAllele(ctx, canonical);
}

// "A*99:99" when the offending part is the whole name, "HLA-A*01:ZZ: ZZ" when it is a piece of it.
function subject(raw: string, part: string): string {
  return raw === part || raw === `HLA-${part}` ? raw : `${raw}: ${part}`;
}
