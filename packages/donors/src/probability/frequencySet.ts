// Haplotype frequency sets (issue 16): the pure parser. Reading files (gzip or plain) is in frequencySetFile.ts.
//
// Supported text forms (one haplotype per line, `~`-joined names in the same locus order on every line):
//   1. `hap,pop,freq` without a header: the NMDP/WMDA CSV form (`A*01:01~C*07:01~…,1,0.07408`), as used in the
//      WMDA match-validation study (Bochtler et al. 2016, HLA 87:439) and by py-graph-imputation's hpf.csv.
//   2. The same with a header line `hap,pop,freq` (any case).
//   3. NMDP EM output with the header `Haplo,Count,Freq`: the middle column is a count, not a population; every
//      line belongs to the population given in the options (default '1').
// Blank lines and lines starting with '#' are skipped. Frequencies are normalised per population (each sums
// to 1); the original sums are reported.

export type FrequencyResolution = 'G' | 'P' | 'lgx' | '2-field';

export interface FrequencyPopulation {
  readonly label: string;
  /** Normalised frequency of each haplotype (index as in `haplotypes`); 0 where the population lacks it. */
  readonly frequencies: Float64Array;
  /** Sum of the frequencies as written in the file, before normalisation. */
  readonly originalSum: number;
  /** Number of haplotypes with a positive frequency. */
  readonly count: number;
}

export interface FrequencySet {
  /** Loci in the order the haplotypes are written (e.g. A, C, B, DRB1, DQB1). */
  readonly loci: readonly string[];
  /** Each haplotype as its names, one per locus, in `loci` order. */
  readonly haplotypes: readonly (readonly string[])[];
  readonly populations: readonly FrequencyPopulation[];
  /** Resolution of the names as written (syntactic: G or P suffixes, else 2-field; `refineResolution` may say lgx). */
  readonly resolution: FrequencyResolution;
  readonly format: 'hap-pop-freq' | 'haplo-count-freq';
}

export interface FrequencyIssue {
  readonly line: number;
  readonly message: string;
}

export class FrequencySetError extends Error {
  constructor(readonly issues: readonly FrequencyIssue[]) {
    super(
      `frequency set refused: ${issues
        .slice(0, 5)
        .map((i) => `line ${i.line}: ${i.message}`)
        .join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`
    );
    this.name = 'FrequencySetError';
  }
}

export interface ParseFrequencyOptions {
  /** Population label for the `Haplo,Count,Freq` form (default '1'). */
  readonly population?: string;
  /** Stop collecting issues after this many (default 50). */
  readonly maxIssues?: number;
}

const NAME = /^([A-Z][A-Z0-9]*)\*(\d{2,4}(?::\d{2,4}){1,3})([NLSQCAGP]?|g)$/;

/**
 * Parses a haplotype frequency set.
 * @throws FrequencySetError listing the offending lines (1-based) when any line is malformed.
 */
export function parseFrequencySet(text: string, options: ParseFrequencyOptions = {}): FrequencySet {
  const maxIssues = options.maxIssues ?? 50;
  const issues: FrequencyIssue[] = [];
  const fail = (line: number, message: string) => {
    if (issues.length < maxIssues) issues.push({ line, message });
  };
  const lines = text.split(/\r?\n/);
  let format: FrequencySet['format'] = 'hap-pop-freq';
  let loci: string[] | undefined;
  const haplotypes: string[][] = [];
  const hapIndex = new Map<string, number>();
  const byPop = new Map<string, Map<number, number>>();
  const sums = new Map<string, number>();
  let sawGroupG = false;
  let sawGroupP = false;
  let sawData = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const cols = line.split(',').map((c) => c.trim());
    if (!sawData && !cols[0]?.includes('*')) {
      const header = cols.map((c) => c.toLowerCase()).join(',');
      if (header === 'haplo,count,freq') format = 'haplo-count-freq';
      else if (header !== 'hap,pop,freq') {
        fail(lineNo, `header '${line}' is not 'hap,pop,freq' or 'Haplo,Count,Freq'`);
      }
      sawData = true;
      continue;
    }
    sawData = true;
    if (cols.length !== 3) {
      fail(lineNo, `expected 3 comma-separated columns (haplotype, population, frequency), found ${cols.length}`);
      continue;
    }
    const [hapText = '', popText = '', freqText = ''] = cols;
    const names = hapText.split('~');
    const lineLoci: string[] = [];
    let bad = false;
    for (const name of names) {
      const m = NAME.exec(name);
      if (!m) {
        fail(lineNo, `'${name}' is not an allele or group name (e.g. A*01:01, A*01:01:01G, A*01:01P)`);
        bad = true;
        break;
      }
      lineLoci.push(m[1] ?? '');
      if (m[3] === 'G') sawGroupG = true;
      if (m[3] === 'P') sawGroupP = true;
    }
    if (bad) continue;
    if (new Set(lineLoci).size !== lineLoci.length) {
      fail(lineNo, `haplotype names a locus twice (${lineLoci.join('~')})`);
      continue;
    }
    if (!loci) loci = lineLoci;
    else if (lineLoci.join('~') !== loci.join('~')) {
      fail(lineNo, `loci ${lineLoci.join('~')} differ from the first haplotype's ${loci.join('~')}`);
      continue;
    }
    const population = format === 'haplo-count-freq' ? (options.population ?? '1') : popText;
    if (population === '') {
      fail(lineNo, 'population is empty');
      continue;
    }
    if (format === 'haplo-count-freq' && !/^\d+(\.\d+)?$/.test(popText)) {
      fail(lineNo, `count '${popText}' is not a non-negative number`);
      continue;
    }
    const freq = Number(freqText);
    if (freqText === '' || !Number.isFinite(freq) || freq <= 0 || freq > 1) {
      fail(lineNo, `frequency '${freqText}' is not a number in (0, 1]`);
      continue;
    }
    let h = hapIndex.get(hapText);
    if (h === undefined) {
      h = haplotypes.length;
      hapIndex.set(hapText, h);
      haplotypes.push(names);
    }
    let pop = byPop.get(population);
    if (!pop) {
      pop = new Map();
      byPop.set(population, pop);
      sums.set(population, 0);
    }
    if (pop.has(h)) {
      fail(lineNo, `haplotype ${hapText} is listed twice for population '${population}'`);
      continue;
    }
    pop.set(h, freq);
    sums.set(population, (sums.get(population) ?? 0) + freq);
  }
  if (!loci && issues.length === 0) fail(lines.length, 'no haplotype in the file');
  if (sawGroupG && sawGroupP) fail(1, 'names mix G and P groups: a set must use one resolution');
  if (issues.length > 0 || !loci) throw new FrequencySetError(issues);
  const populations: FrequencyPopulation[] = [];
  for (const [label, entries] of byPop) {
    const originalSum = sums.get(label) ?? 0;
    const frequencies = new Float64Array(haplotypes.length);
    for (const [h, f] of entries) frequencies[h] = f / originalSum;
    populations.push({ label, frequencies, originalSum, count: entries.size });
  }
  return {
    loci,
    haplotypes,
    populations,
    resolution: sawGroupG ? 'G' : sawGroupP ? 'P' : '2-field',
    format,
  };
}
