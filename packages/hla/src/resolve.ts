import type { HlaWarning } from './errors';
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
  /** Set for a MAC or an XX code (or 1-field name): its units are the names the code denotes. */
  readonly code?: 'mac' | 'xx';
  /** Set when the name was read with a caveat (newer than the release, deleted and renamed, suffix added). */
  readonly warnings?: readonly HlaWarning[];
}

export interface ResolveContext {
  readonly release: HlaRelease;
  readonly macs: MacDictionary | undefined;
  readonly options: ResolvedOptions;
  /** Alleles whose lgx name is the key (for lg-name input); computed on first use. */
  lgMembers(twoField: string): readonly number[] | undefined;
  /** Records a caveat on the name being resolved (set by resolveName). */
  warn?(warning: HlaWarning): void;
}

// WHO cellular specificities DPw1–DPw6 and Dw1–Dw26 (Marsh et al., Nomenclature for factors of the HLA system
// 2010, Tissue Antigens 2010;75:291, table of recognised HLA specificities).
const UNMAPPED_ANTIGEN = /^(DPw[1-6]|Dw([1-9]|1\d|2[0-6]))$/;

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
  if (name.kind === 'serology' && !ctx.options.strict && UNMAPPED_ANTIGEN.test(name.text)) {
    // DPw and Dw antigens (cellular typing) have no alleles in rel_dna_ser: valid in non-strict mode, kept as written.
    if (!release.serologyAlleles.has(name.text)) return { hlaPrefix: name.hlaPrefix, passthrough: raw, units: [] };
  }
  const warnings: HlaWarning[] = [];
  const units = resolveUnits({ ...ctx, warn: (w) => warnings.push(w) }, name, raw);
  const isXx = name.kind === 'xx' || (name.kind === 'allele' && name.fields.length === 1);
  const code = name.kind === 'mac' ? 'mac' : isXx ? 'xx' : undefined;
  return {
    hlaPrefix: name.hlaPrefix,
    units,
    ...(code !== undefined ? { code } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
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
      if (ctx.options.strict) {
        // py-ard 2.3.1 validate: lg/ARS names are reduction output, not WHO allele names.
        throw new HlaError(
          'unknown-allele',
          name.text,
          `${raw}: ${name.text} is an lg group name (reduction output), not an allele name; accepted in non-strict mode only`
        );
      }
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
    // (DRB3*03:22 from DRB3*03:22P): read them back as the alleles that reduce to them.
    const lgMembers = fieldCount(text) === 2 ? ctx.lgMembers(text) : undefined;
    if (lgMembers) return { name: text, level: 'lg', members: lgMembers };
    return deletedOrNewer(ctx, text, raw);
  }
  if (canonical.length > key.length && text === key && !ctx.options.strict) {
    // Non-strict: IMGT renamed the allele to add an expression suffix (A*24:329 → A*24:329Q).
    const repaired = lookupAllele(ctx, canonical);
    if (repaired) return repaired;
  }
  const short = shortNull(release, text, key);
  if (short) return short;
  const sole = release.truncated.get(key);
  const id = sole?.length === 1 ? (sole[0] ?? -1) : -1;
  if (text !== key && id >= 0 && truncateAllele(release.alleles[id] ?? '', 4) === key) {
    // One WHO allele, written with the suffix a later release gave it (A*03:01:96Q, DQB1*03:01:01:21N under
    // 3.44.0, which writes A*03:01:96 and DQB1*03:01:01:21Q): a newer name.
    return newerName(ctx, text, raw, { name: release.alleles[id] ?? '', level: 'allele', members: [id] });
  }
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

/**
 * A name that is not in the release: a deleted name IMGT says is identical to a current one (hla_nom.txt,
 * `A*01:34N` → `A*01:01:38L`), or a name newer than the release whose parent is in it (`DRB4*01:03:22` under
 * 3.44.0), read as that parent's alleles with the same expression suffix (ADR 0107). Both with a warning.
 */
function deletedOrNewer(ctx: ResolveContext, text: string, raw: string): Unit {
  const { release } = ctx;
  const renamed = followDeleted(ctx, text, raw);
  if (renamed) return renamed;
  const deleted = release.deleted.get(text);
  if (deleted) {
    throw new HlaError(
      'unknown-allele',
      text,
      `${subject(raw, text)} was deleted from IMGT/HLA on ${deleted.deleted} (${deleted.reason || 'no reason given'})`
    );
  }
  const parent = parentOf(release, text);
  if (!parent) {
    throw new HlaError('unknown-allele', text, `${subject(raw, text)} is not an allele of IMGT/HLA ${release.version}`);
  }
  return newerName(ctx, text, raw, parent);
}

function newerName(ctx: ResolveContext, text: string, raw: string, parent: Unit): Unit {
  const { release } = ctx;
  const renamed = parent.level === 'allele';
  const notFound = `${subject(raw, text)} is not an allele of IMGT/HLA ${release.version}`;
  if (ctx.options.newerNames === 'refuse') {
    const why = renamed ? `it writes ${parent.name}` : `its parent ${parent.name} is`;
    throw new HlaError(
      'unknown-allele',
      text,
      `${notFound}; ${why}, but names newer than the loaded release are refused`
    );
  }
  ctx.warn?.({
    code: 'newer-than-release',
    part: text,
    message: renamed
      ? `${text} is not in IMGT/HLA ${release.version}, which writes ${parent.name} (suffix changed in a later release?): reduced as ${parent.name}`
      : `${text} is not in IMGT/HLA ${release.version} (named in a later release?): reduced as its parent ${parent.name}`,
  });
  return parent;
}

/** The longest truncation (at least 2 fields) of a 3- or 4-field name that the release has, as a unit. */
function parentOf(release: HlaRelease, text: string): Unit | undefined {
  const suffix = expressionSuffix(text);
  for (let n = fieldCount(text) - 1; n >= 2; n--) {
    const key = truncateAllele(text, n);
    const all = release.truncated.get(key);
    if (!all) continue;
    // The same expression as the new name (an expressed allele's parent is its expressed alleles).
    const same = all.filter((id) => expressionSuffix(release.alleles[id] ?? '') === suffix);
    const members = same.length > 0 ? same : all;
    return { name: release.truncatedName.get(key) ?? key, level: 'truncated', members };
  }
  return undefined;
}

/** A deleted name with an identical current sequence → that allele (chains of renames followed). */
function followDeleted(ctx: ResolveContext, text: string, raw: string): Unit | undefined {
  const { release } = ctx;
  let row = release.deleted.get(text);
  for (let hops = 0; row?.identicalTo !== undefined && hops < 8; hops++) {
    const unit = lookupAllele(ctx, row.identicalTo);
    if (unit) {
      ctx.warn?.({
        code: 'deleted-name',
        part: text,
        message: `${subject(raw, text)} was deleted from IMGT/HLA on ${row.deleted} (${row.reason}): read as ${unit.name}`,
      });
      return unit;
    }
    row = release.deleted.get(row.identicalTo);
  }
  return undefined;
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
  if (canonical === undefined) {
    // A deleted 1-field name (MICA*021, hla_nom.txt) with an identical current allele.
    const renamed = followDeleted(ctx, name.text, raw);
    if (renamed) return [renamed];
  }
  if (canonical !== undefined && name.suffix !== '' && canonical !== name.text) {
    throw new HlaError(
      'expression-suffix',
      name.text,
      `${raw}: not every allele under ${key} carries ${name.suffix} (IMGT/HLA ${ctx.release.version} writes ${canonical})`
    );
  }
  return xxUnits(ctx, name.locus, first, raw);
}

/** XX code or 1-field name: every 2-field name under the first field (py-ard xx_codes). */
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
  // Deleted V2 names with an identical current allele (hla_nom.txt: A*0105N → A*01:04:01:01N).
  const renamed = followDeleted(ctx, name.text, raw);
  if (renamed) return [renamed];
  const candidates = splitsOf(digits).map((split) => `${name.locus}*${split.join(':')}${name.suffix}`);
  for (const candidate of candidates) {
    const unit = lookupAllele(ctx, candidate);
    if (unit) return [unit];
  }
  // V2 names often lack a suffix IMGT added later (A*0111 → A*01:11N): read with it, and say so.
  for (const candidate of name.suffix === '' ? candidates : []) {
    const unit = repairSuffix(ctx, candidate);
    if (unit) {
      ctx.warn?.({
        code: 'suffix-added',
        part: name.text,
        message: `${subject(raw, name.text)}: V2 name read as ${unit.name} (IMGT/HLA ${release.version} writes it with ${unit.name.slice(-1)})`,
      });
      return [unit];
    }
  }
  const deleted = release.deleted.get(name.text);
  throw new HlaError(
    'invalid-v2',
    name.text,
    deleted
      ? `${subject(raw, name.text)} was deleted from IMGT/HLA on ${deleted.deleted} (${deleted.reason || 'no reason given'})`
      : `${subject(raw, name.text)} matches no allele of IMGT/HLA ${release.version} when read as a V2 name`
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
 * MAC → 2-field names. Generic codes apply their second fields to the given first field;
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
