import { HlaError } from './errors';

/** Expression suffixes of WHO allele names (hla.alleles.org nomenclature: Null, Low, Secreted, Questionable, Cytoplasm, Aberrant). */
export const EXPRESSION_SUFFIXES = ['N', 'L', 'S', 'Q', 'C', 'A'] as const;

export type NameKind = 'allele' | 'g-group' | 'p-group' | 'lg' | 'mac' | 'xx' | 'v2' | 'serology';

/** The syntactic reading of one typing name; whether it exists in a release is checked later. */
export interface TypingName {
  /** The name without the `HLA-` prefix. */
  readonly text: string;
  readonly hlaPrefix: boolean;
  readonly kind: NameKind;
  /** Gene (`A`, `DRB1`) for molecular names; antigen locus (`A`, `Cw`, `DR`) for serology. */
  readonly locus: string;
  /** Numeric fields: allele fields, the group's fields, a MAC/XX first field, V2 digits, antigen number. */
  readonly fields: readonly string[];
  /** Expression suffix (`N`, `Q`…) of an allele, or `g`/`ARS` of an lg name; '' otherwise. */
  readonly suffix: string;
  /** MAC code (`AB`), or `XX`; '' otherwise. */
  readonly code: string;
}

const MOLECULAR = /^([A-Z][A-Z0-9]*)\*(.+)$/;
const ALLELE = /^(\d{2,4}(?::\d{2,4}){0,3})([NLSQCA]?)$/;
const GROUP = /^(\d{2,4}(?::\d{2,4}){1,3})([GP])$/;
const LG = /^(\d{2,4}(?::\d{2,4})?[NLSQCA]?)(g|ARS)$/;
const CODE = /^(\d{2,4}):([A-Z]{2,5})$/;
const V2 = /^(\d{4,9})([NLSQCA]?)$/;
// Serology: A1, B5102, Cw10, DR52, DQ7 (WHO antigen names; rel_dna_ser/rel_ser_ser).
const SEROLOGY = /^(A|B|Cw|DR|DQ|DPw|Dw)(\d{1,4})$/;

/**
 * Reads one typing name (no GL operators). Syntax only: `A*99:99` parses, the release decides.
 * @throws HlaError `syntax` when the text fits no HLA name form.
 */
export function parseTypingName(raw: string): TypingName {
  const hlaPrefix = raw.startsWith('HLA-');
  const text = hlaPrefix ? raw.slice(4) : raw;
  const base = { text, hlaPrefix };
  const mol = MOLECULAR.exec(text);
  if (mol) {
    const locus = mol[1] ?? '';
    const body = mol[2] ?? '';
    let m: RegExpExecArray | null;
    if ((m = ALLELE.exec(body)) && ((m[1] ?? '').includes(':') || (m[1] ?? '').length <= 3)) {
      return { ...base, kind: 'allele', locus, fields: (m[1] ?? '').split(':'), suffix: m[2] ?? '', code: '' };
    }
    if ((m = V2.exec(body))) {
      return { ...base, kind: 'v2', locus, fields: [m[1] ?? ''], suffix: m[2] ?? '', code: '' };
    }
    if ((m = GROUP.exec(body))) {
      return {
        ...base,
        kind: m[2] === 'G' ? 'g-group' : 'p-group',
        locus,
        fields: (m[1] ?? '').split(':'),
        suffix: '',
        code: '',
      };
    }
    if ((m = LG.exec(body))) {
      const two = m[1] ?? '';
      const expr = /[NLSQCA]$/.test(two) ? two.slice(-1) : '';
      return {
        ...base,
        kind: 'lg',
        locus,
        fields: (expr ? two.slice(0, -1) : two).split(':'),
        suffix: expr,
        code: m[2] ?? '',
      };
    }
    if ((m = CODE.exec(body))) {
      const code = m[2] ?? '';
      return { ...base, kind: code === 'XX' ? 'xx' : 'mac', locus, fields: [m[1] ?? ''], suffix: '', code };
    }
    throw new HlaError(
      'syntax',
      raw,
      `${raw}: '${body}' after '${locus}*' is not an allele, group, MAC, XX or V2 name`
    );
  }
  const sero = SEROLOGY.exec(text);
  if (sero) {
    return { ...base, kind: 'serology', locus: sero[1] ?? '', fields: [sero[2] ?? ''], suffix: '', code: '' };
  }
  if (raw.length === 0) throw new HlaError('empty', raw, 'empty typing name');
  throw new HlaError(
    'syntax',
    raw,
    `${raw}: not an HLA name (expected e.g. A*01:01, A*01:AB, A*01:XX, A*0101, A1, Cw10)`
  );
}

/** The first `n` fields of a WHO allele name without its expression suffix: `A*01:04:01:01N`, 2 → `A*01:04`. */
export function truncateAllele(name: string, n: number): string {
  const star = name.indexOf('*');
  let end = name.length;
  const last = name.charCodeAt(end - 1);
  if (last >= 65 && last <= 90) end--;
  let colons = 0;
  for (let i = star + 1; i < end; i++) {
    if (name.charCodeAt(i) === 58 && ++colons === n) return name.slice(0, i);
  }
  return name.slice(0, end);
}

/** Number of fields of an allele or group name (`A*01:01:01G` → 3). */
export function fieldCount(name: string): number {
  let n = 1;
  for (let i = name.indexOf('*') + 1; i < name.length; i++) if (name.charCodeAt(i) === 58) n++;
  return n;
}

/** The expression suffix of a WHO allele name, or ''. */
export function expressionSuffix(name: string): string {
  const last = name[name.length - 1] ?? '';
  return (EXPRESSION_SUFFIXES as readonly string[]).includes(last) ? last : '';
}
