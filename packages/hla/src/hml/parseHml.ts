import type { HlaEngine } from '../engine';
import { isHlaError } from '../errors';
import { parseGl, glNames } from '../gl';
import { parseTypingName } from '../name';
import { compareNatural } from '../naturalSort';
import { HmlError } from './hmlError';
import type { XmlElement } from './xmlTree';
import { parseXml } from './xmlTree';

/**
 * HML namespaces read: 1.0.1, 1.0.2 (which uses `…/1.0`) and 1.0.3 (NMDP HML schemas, nmdp-bioinformatics/hml
 * spec/hml/<version>/hml-<version>.xsd; Milius RP et al. 2015, Hum Immunol 76:954, "Histoimmunogenetics
 * Markup Language 1.0").
 */
export const HML_NAMESPACES = [
  'http://schemas.nmdp.org/spec/hml/1.0.1',
  'http://schemas.nmdp.org/spec/hml/1.0',
  'http://schemas.nmdp.org/spec/hml/1.0.3',
] as const;

/** Typing methods of HML 1.0.1 `typing-method`. */
export const HML_METHODS = ['sbt-ngs', 'sbt-sanger', 'sso', 'ssp'] as const;
export type HmlMethod = (typeof HML_METHODS)[number];

/** Loci read when no engine is given (the IMGT/HLA genes labs report). */
const DEFAULT_LOCI = new Set(['A', 'B', 'C', 'DRB1', 'DRB3', 'DRB4', 'DRB5', 'DQA1', 'DQB1', 'DPA1', 'DPB1']);
const LOCUS_ORDER = ['A', 'B', 'C', 'DRB1', 'DRB3', 'DRB4', 'DRB5', 'DQA1', 'DQB1', 'DPA1', 'DPB1'];
// Serological antigen prefix of a locus, for `haploid method="SER"` (WHO antigen names; Marsh SGE et al. 2010,
// Tissue Antigens 75:291).
const SEROLOGY_PREFIX: Readonly<Record<string, string>> = { A: 'A', B: 'B', C: 'Cw', DRB1: 'DR', DQB1: 'DQ' };
const GENE_OF_ANTIGEN: Readonly<Record<string, string>> = { A: 'A', B: 'B', Cw: 'C', DR: 'DRB1', DQ: 'DQB1' };
// DR51, DR52 and DR53 are the products of DRB5, DRB3 and DRB4 (Marsh et al. 2010).
const GENE_OF_DR = new Map([
  ['DR51', 'DRB5'],
  ['DR52', 'DRB3'],
  ['DR53', 'DRB4'],
]);

export interface HmlLocusTyping {
  readonly locus: string;
  /** GL string of this locus, `HLA-` prefixes removed. */
  readonly gl: string;
  readonly method: HmlMethod;
  /** `allele-version` of the allele assignment (IPD-IMGT/HLA release), if given. */
  readonly release: string | undefined;
  readonly alleleDb: string | undefined;
  /** `typing@date`, if given. */
  readonly date: string | undefined;
  readonly line: number;
}

export interface HmlSample {
  readonly id: string;
  readonly line: number;
  /** One entry per locus, in the usual locus order. */
  readonly loci: readonly HmlLocusTyping[];
  /** The whole typing, loci joined with `^`. */
  readonly gl: string;
}

export interface HmlDocument {
  readonly version: string;
  readonly namespace: string | undefined;
  readonly samples: readonly HmlSample[];
}

export interface HmlOptions {
  /** When given, every GL string is validated against its release and MAC dictionary, and loci come from it. */
  readonly engine?: HlaEngine;
}

/**
 * Reads an HML 1.0.x file: per `sample`, the HLA `typing`s with their `allele-assignment` (`glstring`
 * or `haploid`s), `typing-method` and release. KIR and other gene families are skipped.
 * @throws HmlError naming the line and element of the first problem.
 */
export function parseHml(text: string, options: HmlOptions = {}): HmlDocument {
  const { root, rootStart } = parseXml(text);
  if (root.name !== 'hml') {
    throw new HmlError(root.line, root.name, `the root element is <${root.name}>, not <hml>: this is not an HML file`);
  }
  const namespace = /\sxmlns(?::[\w.-]+)?="([^"]*)"/.exec(rootStart)?.[1];
  if (namespace !== undefined && !(HML_NAMESPACES as readonly string[]).includes(namespace)) {
    throw new HmlError(root.line, 'hml', `namespace ${namespace} is not an HML 1.0.x namespace`);
  }
  const version = root.attrs.version ?? '';
  if (!/^1\.0(\.\d+)?$/.test(version)) {
    throw new HmlError(root.line, 'hml', `version '${version}' is not an HML 1.0.x version (expected e.g. 1.0.1)`);
  }
  const samples = root.children('sample');
  if (samples.length === 0) throw new HmlError(root.line, 'hml', 'no <sample> element');
  const seen = new Map<string, number>();
  const out: HmlSample[] = [];
  for (const sample of samples) {
    const id = (sample.attrs.id ?? '').trim();
    if (id === '') throw new HmlError(sample.line, sample.path, 'sample has no id attribute');
    const before = seen.get(id);
    if (before !== undefined) {
      throw new HmlError(sample.line, sample.path, `sample id '${id}' already used on line ${before}`);
    }
    seen.set(id, sample.line);
    out.push(readSample(sample, id, options));
  }
  return { version, namespace, samples: out };
}

function readSample(sample: XmlElement, id: string, options: HmlOptions): HmlSample {
  const byLocus = new Map<string, HmlLocusTyping>();
  for (const typing of sample.children('typing')) {
    const family = typing.attrs['gene-family'] ?? '';
    if (family !== 'HLA') {
      if (family === '') throw new HmlError(typing.line, typing.path, 'typing has no gene-family attribute');
      continue;
    }
    const method = readMethod(typing);
    const assignments = typing.children('allele-assignment');
    if (assignments.length === 0) throw new HmlError(typing.line, typing.path, 'typing has no <allele-assignment>');
    for (const assignment of assignments) {
      for (const [locus, gl, line, path] of readAssignment(assignment, options)) {
        const earlier = byLocus.get(locus);
        if (earlier) {
          throw new HmlError(line, path, `locus ${locus} of sample '${id}' is already typed on line ${earlier.line}`);
        }
        byLocus.set(locus, {
          locus,
          gl,
          method,
          release: assignment.attrs['allele-version'],
          alleleDb: assignment.attrs['allele-db'],
          date: typing.attrs.date,
          line,
        });
      }
    }
  }
  if (byLocus.size === 0) throw new HmlError(sample.line, sample.path, `sample '${id}' has no HLA typing`);
  const loci = [...byLocus.values()].sort(
    (a, b) => locusRank(a.locus) - locusRank(b.locus) || compareNatural(a.locus, b.locus)
  );
  return { id, line: sample.line, loci, gl: loci.map((l) => l.gl).join('^') };
}

function locusRank(locus: string): number {
  const i = LOCUS_ORDER.indexOf(locus);
  return i < 0 ? LOCUS_ORDER.length : i;
}

function readMethod(typing: XmlElement): HmlMethod {
  const holder = typing.children('typing-method')[0];
  if (!holder) throw new HmlError(typing.line, typing.path, 'typing has no <typing-method>');
  const method = holder.firstOf(HML_METHODS);
  if (!method) {
    const found = holder.childNames.join(', ') || 'nothing';
    throw new HmlError(holder.line, holder.path, `typing-method holds ${found}, not one of ${HML_METHODS.join(', ')}`);
  }
  return method.name as HmlMethod;
}

/** [locus, GL string, line, element] for each locus of an allele assignment. */
function readAssignment(assignment: XmlElement, options: HmlOptions): LocusGl[] {
  const glstrings = assignment.children('glstring');
  const haploids = assignment.children('haploid');
  const out: LocusGl[] = [];
  for (const g of glstrings) {
    if (g.text === '') {
      const why = g.attrs.uri ? `refers to ${g.attrs.uri}; only inline GL strings are read` : 'is empty';
      throw new HmlError(g.line, g.path, `glstring ${why}`);
    }
    for (const block of g.text.replace(/\s+/g, '').split('^')) {
      out.push(checkedLocusGl(block, g, options));
    }
  }
  const haploidByLocus = new Map<string, { names: string[]; el: XmlElement }>();
  for (const h of haploids) {
    const locus = (h.attrs.locus ?? '').replace(/^HLA-/, '');
    const type = (h.attrs.type ?? '').trim();
    if (locus === '' || type === '') {
      throw new HmlError(
        h.line,
        h.path,
        `haploid needs locus and type attributes (got locus '${locus}', type '${type}')`
      );
    }
    const method = h.attrs.method ?? 'DNA';
    const name = (t: string): string => {
      if (method === 'SER') {
        const prefix = SEROLOGY_PREFIX[locus];
        if (!prefix) throw new HmlError(h.line, h.path, `no serological antigens are named for locus ${locus}`);
        return `${prefix}${t}`;
      }
      if (method !== 'DNA') throw new HmlError(h.line, h.path, `haploid method '${method}' is not DNA or SER`);
      return `${locus}*${t}`;
    };
    const entry = haploidByLocus.get(locus) ?? { names: [], el: h };
    entry.names.push(type.split('/').map(name).join('/'));
    haploidByLocus.set(locus, entry);
  }
  for (const [locus, { names, el }] of haploidByLocus) {
    if (names.length > 2) {
      throw new HmlError(el.line, el.path, `${names.length} haploids for locus ${locus}; at most 2`);
    }
    out.push(checkedLocusGl(names.join('+'), el, options, locus));
  }
  if (out.length === 0) {
    throw new HmlError(assignment.line, assignment.path, 'allele-assignment has neither <glstring> nor <haploid>');
  }
  return out;
}

type LocusGl = [locus: string, gl: string, line: number, element: string];

function checkedLocusGl(raw: string, el: XmlElement, options: HmlOptions, givenLocus?: string): LocusGl {
  let names: string[];
  try {
    names = glNames(parseGl(raw));
  } catch (err) {
    if (isHlaError(err)) throw new HmlError(el.line, el.path, `GL string '${raw}': ${err.message}`);
    throw err;
  }
  const loci = new Set<string>();
  for (const n of names) {
    try {
      const name = parseTypingName(n);
      const gene = name.kind === 'serology' ? (GENE_OF_DR.get(name.text) ?? GENE_OF_ANTIGEN[name.locus]) : name.locus;
      loci.add(givenLocus ?? gene ?? name.locus);
    } catch (err) {
      if (isHlaError(err)) throw new HmlError(el.line, el.path, `invalid allele name: ${err.message}`);
      throw err;
    }
  }
  if (loci.size !== 1) {
    throw new HmlError(el.line, el.path, `GL string '${raw}' mixes loci ${[...loci].join(', ')} without '^'`);
  }
  const locus = [...loci][0] ?? '';
  const known = options.engine?.release.loci ?? DEFAULT_LOCI;
  if (!known.has(locus)) throw new HmlError(el.line, el.path, `unknown HLA locus '${locus}'`);
  const gl = raw.replace(/HLA-/g, '');
  if (options.engine) {
    const result = options.engine.validate(gl);
    if (!result.valid) throw new HmlError(el.line, el.path, `invalid typing '${gl}': ${result.error.message}`);
  }
  return [locus, gl, el.line, el.path];
}
