import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FamilyLocus, FamilyMember, FamilyTyping } from './familyTypes';
import { analyseFamily } from './segregation';

// Worked family (2-field, A~C~B~DRB1), computed by hand with the rule "each child carries one haplotype of each
// parent" (Osoegawa K et al., Hum Immunol 2019;80:633-643):
//   a A*01:01~C*07:01~B*08:01~DRB1*03:01   b A*02:01~C*05:01~B*44:02~DRB1*04:01   (father a/b)
//   c A*03:01~C*07:02~B*07:02~DRB1*15:01   d A*24:02~C*04:01~B*35:01~DRB1*11:01   (mother c/d)
const LOCI: FamilyLocus[] = ['A', 'C', 'B', 'DRB1'];
const HAP = {
  a: ['A*01:01', 'C*07:01', 'B*08:01', 'DRB1*03:01'],
  b: ['A*02:01', 'C*05:01', 'B*44:02', 'DRB1*04:01'],
  c: ['A*03:01', 'C*07:02', 'B*07:02', 'DRB1*15:01'],
  d: ['A*24:02', 'C*04:01', 'B*35:01', 'DRB1*11:01'],
} as const;

/** A typing made of two haplotypes given as allele lists in LOCI order. */
const of = (x: readonly string[], y: readonly string[]): FamilyTyping =>
  Object.fromEntries(LOCI.map((l, i) => [l, [[x[i]!], [y[i]!]]]));
const person = (id: string, relation: FamilyMember['relation'], typing: FamilyTyping | null): FamilyMember => ({
  id,
  relation,
  typing,
});
const result = (a: ReturnType<typeof analyseFamily>, id: string) => a.members.find((m) => m.id === id)!;

describe('segregation with both parents typed', () => {
  const sib4 = of(['A*02:01', 'C*05:01', 'B*44:02', 'DRB1*03:01'], HAP.c); // b at A-C-B, then a at DRB1
  const sib5 = of(HAP.a, ['A*03:01', 'C*07:02', 'B*07:02', 'DRB1*13:02']); // DRB1*13:02 in neither parent
  const family = [
    person('father', 'father', of(HAP.a, HAP.b)),
    // The mother's typing lists d first: labels come from what the patient inherited, not from the order typed.
    person('mother', 'mother', of(HAP.d, HAP.c)),
    person('patient', 'patient', of(HAP.a, HAP.c)),
    person('sib1', 'sibling', of(HAP.c, HAP.a)),
    person('sib2', 'sibling', of(HAP.b, HAP.d)),
    person('sib3', 'sibling', of(HAP.a, HAP.d)),
    person('sib4', 'sibling', sib4),
    person('sib5', 'sibling', sib5),
    person('sib6', 'sibling', null),
  ];
  const a = analyseFamily(family);

  it('labels the patient a/c and recovers the four parental haplotypes', () => {
    expect(a.method).toBe('both-parents');
    expect(a.loci).toEqual(LOCI);
    expect(result(a, 'patient').haplotypes).toEqual(['a', 'c']);
    for (const label of ['a', 'b', 'c', 'd'] as const) {
      expect(LOCI.map((l) => a.haplotypes[label]![l]![0])).toEqual(HAP[label]);
    }
  });

  it('calls sib1 HLA-identical, sib2 mismatched, sib3 haploidentical, parents haploidentical', () => {
    expect(result(a, 'sib1')).toMatchObject({ haplotypes: ['a', 'c'], match: 'hla-identical', assumed: false });
    expect(result(a, 'sib2')).toMatchObject({ haplotypes: ['b', 'd'], match: 'mismatched', sharedWithPatient: [] });
    expect(result(a, 'sib3')).toMatchObject({
      haplotypes: ['a', 'd'],
      match: 'haploidentical',
      sharedWithPatient: ['a'],
    });
    expect(result(a, 'father')).toMatchObject({ match: 'haploidentical', sharedWithPatient: ['a'] });
    expect(result(a, 'mother')).toMatchObject({ match: 'haploidentical', sharedWithPatient: ['c'] });
    expect(result(a, 'sib6').match).toBe('not-typed');
  });

  it('finds the paternal crossover between B and DRB1 in sib4', () => {
    const s4 = result(a, 'sib4');
    expect(s4.haplotypes).toEqual([null, 'c']);
    expect(s4.sharedWithPatient).toEqual(['c']);
    expect(s4.match).toBe('haploidentical');
    expect(s4.reasons[0]).toBe('paternal crossover between B and DRB1: carries b from A to B, then a from DRB1');
    expect(a.findings).toContainEqual(
      expect.objectContaining({ kind: 'recombination', memberId: 'sib4', loci: ['B', 'DRB1'] })
    );
  });

  it('calls sib5 inconsistent at DRB1 (a typing error), never a 7/8 match', () => {
    const s5 = result(a, 'sib5');
    expect(s5.match).not.toBe('hla-identical');
    expect(s5.assumed).toBe(true);
    expect(a.findings).toContainEqual(
      expect.objectContaining({ kind: 'typing-error', memberId: 'sib5', loci: ['DRB1'] })
    );
  });

  it('flags possible non-paternity when a child fits the mother but not the father at two loci', () => {
    const other = ['A*68:01', 'C*03:04', 'B*40:01', 'DRB1*13:01'];
    const b = analyseFamily([
      person('father', 'father', of(HAP.a, HAP.b)),
      person('mother', 'mother', of(HAP.c, HAP.d)),
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('sibX', 'sibling', of([other[0]!, other[1]!, 'B*08:01', 'DRB1*03:01'], HAP.d)),
    ]);
    expect(b.findings).toContainEqual(
      expect.objectContaining({ kind: 'non-paternity', memberId: 'sibX', loci: ['A', 'C'] })
    );
  });
});

describe('a homozygous parent hides the phase', () => {
  it('marks a sibling phenotypically identical, not HLA-identical, when the father carries the same haplotype twice', () => {
    const a = analyseFamily([
      person('father', 'father', of(HAP.a, HAP.a)),
      person('mother', 'mother', of(HAP.c, HAP.d)),
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('sib', 'sibling', of(HAP.a, HAP.c)),
    ]);
    const s = result(a, 'sib');
    expect(s.match).toBe('phenotypically-identical');
    expect(s.assumed).toBe(true);
    expect(a.findings).toContainEqual(expect.objectContaining({ kind: 'phase-hidden', memberId: 'sib' }));
  });
});

describe('one parent typed', () => {
  it("derives the untyped mother's haplotypes c and d from the children", () => {
    const a = analyseFamily([
      person('father', 'father', of(HAP.a, HAP.b)),
      person('mother', 'mother', null),
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('sib1', 'sibling', of(HAP.a, HAP.c)),
      person('sib2', 'sibling', of(HAP.b, HAP.d)),
    ]);
    expect(a.method).toBe('one-parent');
    expect(LOCI.map((l) => a.haplotypes.c![l]![0])).toEqual(HAP.c);
    expect(LOCI.map((l) => a.haplotypes.d![l]![0])).toEqual(HAP.d);
    expect(result(a, 'sib1')).toMatchObject({ haplotypes: ['a', 'c'], match: 'hla-identical', assumed: true });
    expect(result(a, 'sib2')).toMatchObject({ haplotypes: ['b', 'd'], match: 'mismatched' });
  });

  it('reports a third haplotype from the untyped parent', () => {
    const e = ['A*68:01', 'C*03:04', 'B*40:01', 'DRB1*13:01'];
    const a = analyseFamily([
      person('father', 'father', of(HAP.a, HAP.b)),
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('sib1', 'sibling', of(HAP.b, HAP.d)),
      person('sib2', 'sibling', of(HAP.a, e)),
    ]);
    expect(a.findings).toContainEqual(expect.objectContaining({ kind: 'extra-haplotype', memberId: 'sib2' }));
    expect(result(a, 'sib2').haplotypes).toEqual(['a', null]);
  });
});

describe('no parent typed', () => {
  it('compares siblings by typing, infers the patient phase from a haploidentical sibling, and marks all assumed', () => {
    const a = analyseFamily([
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('sib1', 'sibling', of(HAP.c, HAP.a)),
      person('sib2', 'sibling', of(HAP.a, HAP.d)),
      person('sib3', 'sibling', of(HAP.b, HAP.d)),
    ]);
    expect(a.method).toBe('siblings-only');
    expect(result(a, 'sib1')).toMatchObject({ match: 'hla-identical', assumed: true });
    expect(result(a, 'sib2')).toMatchObject({ match: 'haploidentical', assumed: true, sharedWithPatient: ['a'] });
    expect(result(a, 'sib3')).toMatchObject({ match: 'mismatched', assumed: true });
    expect(LOCI.map((l) => a.haplotypes.a![l]![0])).toEqual(HAP.a);
    expect(LOCI.map((l) => a.haplotypes.b![l]![0])).toEqual(HAP.c);
  });
});

describe('children of the patient and ambiguous typings', () => {
  it("finds which of the patient's haplotypes a child carries", () => {
    const a = analyseFamily([
      person('father', 'father', of(HAP.a, HAP.b)),
      person('mother', 'mother', of(HAP.c, HAP.d)),
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('son', 'child', of(HAP.c, HAP.b)),
    ]);
    expect(result(a, 'son')).toMatchObject({
      haplotypes: ['c', null],
      sharedWithPatient: ['c'],
      match: 'haploidentical',
    });
  });

  it('lets an ambiguous position (a list of alternatives) match any of its names', () => {
    const amb: FamilyTyping = { ...of(HAP.a, HAP.c), A: [['A*01:01', 'A*01:02'], ['A*03:01']] };
    const a = analyseFamily([
      person('father', 'father', of(HAP.a, HAP.b)),
      person('mother', 'mother', of(HAP.c, HAP.d)),
      person('patient', 'patient', of(HAP.a, HAP.c)),
      person('sib', 'sibling', amb),
    ]);
    expect(result(a, 'sib')).toMatchObject({ haplotypes: ['a', 'c'], match: 'hla-identical' });
  });

  it('refuses a family without exactly one patient', () => {
    expect(() => analyseFamily([person('s', 'sibling', of(HAP.a, HAP.b))])).toThrow('exactly one patient');
  });
});

describe('segregation recovers the inheritance of any family with distinguishable haplotypes (property)', () => {
  it('labels every sibling with the haplotypes it was given', () => {
    // Four haplotypes with distinct alleles at every locus; the patient gets (i, j), each sibling a random pair.
    const pick = fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }));
    fc.assert(
      fc.property(pick, fc.array(pick, { minLength: 1, maxLength: 6 }), (pt, sibs) => {
        const haps = [0, 1, 2, 3].map((h) => LOCI.map((l, i) => `${l}*${10 + h}:${String(i + 1).padStart(2, '0')}`));
        const [f0, f1, m0, m1] = haps as [string[], string[], string[], string[]];
        const fat = [f0, f1];
        const mot = [m0, m1];
        const label = (side: 'f' | 'm', i: number) =>
          side === 'f' ? (i === pt[0] ? 'a' : 'b') : i === pt[1] ? 'c' : 'd';
        const a = analyseFamily([
          person('father', 'father', of(f0, f1)),
          person('mother', 'mother', of(m1, m0)),
          person('patient', 'patient', of(fat[pt[0]]!, mot[pt[1]]!)),
          ...sibs.map(([x, y], k) => person(`s${k}`, 'sibling', of(mot[y]!, fat[x]!))),
        ]);
        expect(a.findings).toEqual([]);
        sibs.forEach(([x, y], k) => {
          const r = result(a, `s${k}`);
          expect(r.haplotypes).toEqual([label('f', x), label('m', y)]);
          const shared = Number(x === pt[0]) + Number(y === pt[1]);
          expect(r.match).toBe(['mismatched', 'haploidentical', 'hla-identical'][shared]);
        });
      }),
      { numRuns: 200 }
    );
  });
});
