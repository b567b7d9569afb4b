import { describe, expect, it } from 'vitest';
import type { DsaResult } from './dsa';
import { assessKir } from './kir';
import { kirLigandMismatch } from './kirLigand';
import { type RelatedCandidate, rankRelatedDonors } from './relatedDonorRanking';

const noDsa: DsaResult = { hits: [], worst: null };
const strongDsa: DsaResult = {
  hits: [
    {
      specificity: 'A2',
      mfi: 7400,
      testedOn: '2026-11-20',
      strength: 'strong',
      certainty: 'definite',
      donorAlleles: ['A*02:01'],
      reason: '',
    },
  ],
  worst: 'strong',
};
const cand = (id: string, o: Partial<RelatedCandidate>): RelatedCandidate => ({
  id,
  relation: 'sibling',
  match: 'haploidentical',
  ageYears: 30,
  sex: 'male',
  cmvPositive: false,
  aboRh: 'A+',
  dsa: noDsa,
  available: true,
  ...o,
});
const recipient = { sex: 'male' as const, cmvPositive: false, aboRh: 'A+' };
const order = (r: ReturnType<typeof rankRelatedDonors>) => r.map((x) => x.id);

describe('related donor ranking (EBMT 2020 consensus order)', () => {
  it('puts an HLA-identical sibling first, whatever its age', () => {
    const r = rankRelatedDonors(
      [
        cand('son', { relation: 'child', ageYears: 22 }),
        cand('sister', { match: 'hla-identical', ageYears: 61, sex: 'female' }),
      ],
      recipient
    );
    expect(order(r)).toEqual(['sister', 'son']);
    expect(r[0]).toMatchObject({ tier: 'hla-identical-sibling', summary: 'HLA-identical sibling: first choice' });
  });

  it('avoids DSA before age: a young donor with a strong DSA ranks below an older one without', () => {
    const r = rankRelatedDonors(
      [cand('young-dsa', { ageYears: 20, dsa: strongDsa }), cand('older', { ageYears: 55 })],
      recipient
    );
    expect(order(r)).toEqual(['older', 'young-dsa']);
    expect(r[1]!.summary).toContain('DSA A2, MFI 7400');
  });

  it('weighs age, relationship and sex by the default weights (scores worked by hand)', () => {
    // age (years − 18) / 50 × 100; relationship father 0.6 × 40, mother 1 × 40; female donor → male recipient 20.
    const r = rankRelatedDonors(
      [
        cand('mother', { relation: 'mother', ageYears: 30, sex: 'female' }), // 24 + 40 + 20 = 84
        cand('father', { relation: 'father', ageYears: 30 }), // 24 + 24 = 48
        cand('brother45', { ageYears: 45 }), // 54
        cand('brother30', { ageYears: 30 }), // 24
        cand('sister30', { ageYears: 30, sex: 'female' }), // 24 + 20 = 44
      ],
      recipient
    );
    expect(r.map((x) => [x.id, x.score])).toEqual([
      ['brother30', 24],
      ['sister30', 44],
      ['father', 48],
      ['brother45', 54],
      ['mother', 84],
    ]);
  });

  it('uses the weights the centre sets: with age weighted 0, relationship decides', () => {
    const r = rankRelatedDonors(
      [cand('father', { relation: 'father', ageYears: 30 }), cand('brother', { ageYears: 60 })],
      recipient,
      { age: 0 }
    );
    expect(order(r)).toEqual(['brother', 'father']);
  });

  it('explains every criterion, and keeps mismatched, untyped and unavailable relatives below the others', () => {
    const r = rankRelatedDonors(
      [
        cand('sib-mm', { match: 'mismatched' }),
        cand('sib-away', { available: false }),
        cand('sib-untyped', { match: 'not-typed' }),
        cand('sib-ok', { cmvPositive: true, aboRh: 'B+' }),
      ],
      recipient
    );
    expect(order(r)).toEqual(['sib-ok', 'sib-away', 'sib-mm', 'sib-untyped']);
    expect(r[0]!.criteria.map((c) => c.criterion)).toEqual(['dsa', 'age', 'relationship', 'sex', 'cmv', 'abo']);
    expect(r[0]!.criteria.find((c) => c.criterion === 'cmv')!.reason).toBe(
      'CMV-positive donor for a CMV-negative recipient'
    );
    expect(r[0]!.criteria.find((c) => c.criterion === 'abo')!.reason).toBe('ABO bidirectional');
    expect(r.map((x) => x.tier)).toEqual(['related', 'unavailable', 'not-eligible', 'not-eligible']);
  });

  it('uses the KIR genotype where typed, with its weight and its reason', () => {
    const best = assessKir({ genes: ['KIR2DL2', 'KIR2DS2', 'KIR3DL1', 'KIR2DS4'] });
    const neutral = assessKir({ haplotype: 'AA' });
    const two = [cand('sib-aa', { kir: neutral }), cand('sib-bb', { kir: best })];
    // Weight 0 (the default): KIR explained but not deciding; the tie falls to the id.
    expect(order(rankRelatedDonors(two, recipient))).toEqual(['sib-aa', 'sib-bb']);
    const weighted = rankRelatedDonors(two, recipient, { kir: 5 });
    expect(order(weighted)).toEqual(['sib-bb', 'sib-aa']);
    const kir = weighted[0]!.criteria.find((c) => c.criterion === 'kir')!;
    expect(kir).toMatchObject({
      penalty: 0,
      weighted: 0,
      reason: 'KIR B/x donor, Cen-B/B, Tel-A/A, B-content 2: best',
    });
    expect(weighted[1]!.criteria.find((c) => c.criterion === 'kir')!.weighted).toBe(5);
    // Not typed: no KIR criterion at all.
    expect(rankRelatedDonors([cand('x', {})], recipient)[0]!.criteria.some((c) => c.criterion === 'kir')).toBe(false);
  });

  it('uses the KIR-ligand mismatch (GvH) where read, weight 0 by default, with its reason', () => {
    const residues: Record<string, string> = { 'C*03:04': 'SLRNLRG', 'C*06:02': 'NLRKLRG', 'B*07:02': 'SLRNLRG' };
    const of = (a: string) => residues[a] ?? null;
    const pt = { A: [], B: ['B*07:02', 'B*07:02'], C: ['C*03:04', 'C*03:04'] };
    const mismatch = kirLigandMismatch(pt, { A: [], B: ['B*07:02', 'B*07:02'], C: ['C*03:04', 'C*06:02'] }, of);
    const same = kirLigandMismatch(pt, pt, of);
    const two = [cand('sib-a', { kirLigand: same }), cand('sib-b', { kirLigand: mismatch })];
    expect(order(rankRelatedDonors(two, recipient))).toEqual(['sib-a', 'sib-b']);
    const weighted = rankRelatedDonors(two, recipient, { kirLigand: 3 });
    expect(order(weighted)).toEqual(['sib-b', 'sib-a']);
    // HLA-A untyped: Bw4 stays undecided on both sides, so only a certain C2 mismatch decides here.
    expect(weighted[0]!.criteria.find((c) => c.criterion === 'kirLigand')).toMatchObject({
      penalty: 0,
      weighted: 0,
      reason: "KIR-ligand mismatch (GvH): the recipient lacks the donor's C2",
    });
    expect(weighted[1]!.criteria.find((c) => c.criterion === 'kirLigand')).toMatchObject({
      penalty: 0.5,
      weighted: 1.5,
    });
    expect(rankRelatedDonors([cand('x', {})], recipient)[0]!.criteria.some((c) => c.criterion === 'kirLigand')).toBe(
      false
    );
  });
});
