import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/engine';
import { parseFrequencySet } from './frequencySet';
import { ImputationError, Imputer } from './imputer';

// A two-locus set worked by hand (frequencies sum to 1, so normalisation changes nothing):
//   h1 A*01:01~B*08:01 0.30   h2 A*01:01~B*07:02 0.10   h3 A*02:01~B*07:02 0.40   h4 A*02:01~B*08:01 0.20
// Population '2' has only h1 and h3, at 0.5 each.
const TOY = [
  'A*01:01~B*08:01,1,0.30',
  'A*01:01~B*07:02,1,0.10',
  'A*02:01~B*07:02,1,0.40',
  'A*02:01~B*08:01,1,0.20',
  'A*01:01~B*08:01,2,0.5',
  'A*02:01~B*07:02,2,0.5',
].join('\n');
const H1 = 'A*01:01~B*08:01';
const H2 = 'A*01:01~B*07:02';
const H3 = 'A*02:01~B*07:02';
const H4 = 'A*02:01~B*08:01';

const close = (p: number): unknown => expect.closeTo(p, 14);

function imputer(population: string | Record<string, number> = '1'): Imputer {
  return new Imputer({ set: parseFrequencySet(TOY), engine: testEngine(), population });
}

function table(gl: string, population?: string | Record<string, number>, top?: number) {
  const r = imputer(population).impute(gl, top === undefined ? {} : { top });
  return { rows: r.genotypes.map((g) => [...g.haplotypes, g.probability]), r };
}

describe('Imputer on a hand-computed two-locus set', () => {
  it('weights pairs by f(h1)·f(h2)·2 for distinct haplotypes, normalised over the pairs that fit', () => {
    // A*01:01+A*02:01, B ambiguous 07:02/08:01 on both positions: every pair has one A*01:01 and one A*02:01.
    //   {h1,h3} 2·0.3·0.4 = 0.24   {h1,h4} 2·0.3·0.2 = 0.12   {h2,h3} 2·0.1·0.4 = 0.08   {h2,h4} 2·0.1·0.2 = 0.04
    //   total 0.48 → 0.5, 0.25, 1/6, 1/12
    const { rows, r } = table('A*01:01+A*02:01^B*07:02/B*08:01+B*07:02/B*08:01');
    expect(rows.map((x) => x.slice(0, 2))).toEqual([
      [H1, H3],
      [H1, H4],
      [H2, H3],
      [H2, H4],
    ]);
    expect(rows.map((x) => x[2])).toEqual([0.5, 0.25, 1 / 6, 1 / 12].map(close));
    expect(r.truncatedMass).toBe(0);
    expect(r.unrepresented).toEqual([]);
  });

  it('counts a homozygous pair once (no factor 2)', () => {
    // A*01:01+A*01:01/A*02:01, B*08:01+B*08:01: {h1,h1} 0.3² = 0.09, {h1,h4} 2·0.3·0.2 = 0.12 → 3/7 and 4/7
    const { rows } = table('A*01:01+A*01:01/A*02:01^B*08:01+B*08:01');
    expect(rows).toEqual([
      [H1, H4, expect.closeTo(4 / 7, 14)],
      [H1, H1, expect.closeTo(3 / 7, 14)],
    ]);
    // one written position is homozygous: only {h1,h1}
    expect(table('A*01:01^B*08:01').rows).toEqual([[H1, H1, 1]]);
  });

  it('imputes and sums over an untyped locus', () => {
    // Only A typed, 01:01+02:01: the same four pairs as the first case (B free), same weights.
    const { rows } = table('A*01:01+A*02:01');
    expect(rows.map((x) => x[2])).toEqual([0.5, 0.25, 1 / 6, 1 / 12].map(close));
  });

  it('takes genotype alternatives (|) as either', () => {
    // {h1,h4} 0.12 from the first alternative, {h1,h1} 0.09 from the second → 4/7, 3/7
    const { rows } = table('A*01:01+A*02:01|A*01:01+A*01:01^B*08:01+B*08:01');
    expect(rows.map((x) => x[2])).toEqual([expect.closeTo(4 / 7, 14), expect.closeTo(3 / 7, 14)]);
  });

  it('reports alleles absent from the set and still uses the others', () => {
    // A*03:01 is not in the set: {h1,h3} 0.24 and {h2,h4} 0.04 remain → 6/7, 1/7
    const { rows, r } = table('A*01:01/A*03:01+A*02:01^B*08:01+B*07:02');
    expect(rows).toEqual([
      [H1, H3, expect.closeTo(6 / 7, 14)],
      [H2, H4, expect.closeTo(1 / 7, 14)],
    ]);
    expect(r.unrepresented).toEqual(['A*03:01']);
  });

  it('refuses a typing one of whose positions has no allele in the set, naming it', () => {
    expect(() => imputer().impute('A*03:01+A*02:01^B*08:01+B*07:02')).toThrow(
      new ImputationError('A: a position has no allele in the frequency set (unrepresented: A*03:01)')
    );
    // Every allele is in the set, but B*08:01 homozygous with A*01:01+A*02:01 needs A*02:01~B*08:01:
    const small = new Imputer({
      set: parseFrequencySet('A*01:01~B*08:01,1,0.5\nA*02:01~B*07:02,1,0.5'),
      engine: testEngine(),
    });
    expect(() => small.impute('A*01:01+A*02:01^B*08:01+B*08:01')).toThrow(
      'no pair of haplotypes in the frequency set explains the typing'
    );
  });

  it('expands serology, MACs and XX codes before matching names', () => {
    // A1+A2, B8+B7: only {h1,h3} 0.24 and {h2,h4} 0.04 → 6/7, 1/7; the antigens' other alleles are unrepresented.
    const sero = table('A1+A2^B8+B7');
    expect(sero.rows).toEqual([
      [H1, H3, expect.closeTo(6 / 7, 14)],
      [H2, H4, expect.closeTo(1 / 7, 14)],
    ]);
    expect(sero.r.unrepresented).toContain('A*02:02');
    const mac = table('A*01:AB+A*02:XX^B*08:01+B*07:02'); // AB = 01:01/01:02
    expect(mac.rows.map((x) => x[2])).toEqual([expect.closeTo(6 / 7, 14), expect.closeTo(1 / 7, 14)]);
    expect(mac.r.unrepresented).toContain('A*01:02');
  });

  it('cuts to the top K and reports the cut mass', () => {
    const { rows, r } = table('A*01:01+A*02:01^B*07:02/B*08:01+B*07:02/B*08:01', '1', 2);
    expect(rows.map((x) => x[2])).toEqual([expect.closeTo(0.5, 14), expect.closeTo(0.25, 14)]);
    expect(r.truncatedMass).toBeCloseTo(0.25, 14);
    expect(r.total).toBe(4);
  });

  it('mixes populations by weight, each genotype from one population', () => {
    // A*01:01+A*02:01, B*08:01+B*07:02 fits {h1,h3} and {h2,h4}.
    //   population 1: 0.24 and 0.04; population 2: 2·0.5·0.5 = 0.5 and 0
    //   half and half: 0.37 and 0.02 → 37/39, 2/39
    const { rows } = table('A*01:01+A*02:01^B*08:01+B*07:02', { '1': 0.5, '2': 0.5 });
    expect(rows.map((x) => x[2])).toEqual([expect.closeTo(37 / 39, 14), expect.closeTo(2 / 39, 14)]);
    // population 2 alone lacks h2 and h4: A*01:01~B*07:02 cannot be formed, so B*07:02 with A*01:01 … only {h1,h3}
    expect(table('A*01:01+A*02:01^B*08:01+B*07:02', '2').rows).toEqual([[H1, H3, 1]]);
  });

  it('refuses phased typings, unknown populations and typings without a locus of the set', () => {
    expect(() => imputer().impute('A*01:01~B*08:01+A*02:01~B*07:02')).toThrow(/phased typings/);
    expect(() => imputer().impute('DRB1*03:01+DRB1*04:01')).toThrow('no locus of the frequency set (A, B) is typed');
    expect(() => imputer('EUR')).toThrow("population 'EUR' is not in the frequency set (it has 1, 2)");
    expect(() => new Imputer({ set: parseFrequencySet(TOY), engine: testEngine() })).toThrow(/several populations/);
    expect(imputer().impute('A*01:01^B*08:01^DRB1*03:01').lociNotInSet).toEqual(['DRB1']);
  });
}, 60_000);
