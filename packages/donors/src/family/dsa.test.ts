import { describe, expect, it } from 'vitest';
import {
  type AntigenOf,
  type BeadResult,
  donorSpecificAntibodies,
  type DsaTyping,
  latestBeadResults,
  specificityLocus,
} from './dsa';

// Serology of the alleles used below (IPD-IMGT/HLA rel_dna_ser: A*02:01 → A2, A*24:02 → A24, B*44:02 → B44,
// DQB1*02:01 → DQ2, DRB1*04:01 → DR4).
const SEROLOGY: Record<string, string> = {
  'A*01:01': 'A1',
  'A*02:01': 'A2',
  'A*02:05': 'A2',
  'A*24:02': 'A24',
  'B*08:01': 'B8',
  'B*44:02': 'B44',
  'B*44:03': 'B44',
  'DRB1*03:01': 'DR17',
  'DRB1*04:01': 'DR4',
  'DQB1*02:01': 'DQ2',
  'DQB1*03:02': 'DQ8',
};
const antigenOf: AntigenOf = (a) => SEROLOGY[a.split(':').slice(0, 2).join(':')] ?? null;
const one = (...names: string[]) => names;

const patient: DsaTyping = {
  A: [one('A*01:01'), one('A*24:02')],
  B: [one('B*08:01'), one('B*08:01')],
  DRB1: [one('DRB1*03:01'), one('DRB1*03:01')],
  DQB1: [one('DQB1*02:01'), one('DQB1*02:01')],
};
// A haploidentical donor: shares A*01:01~B*08:01~DRB1*03:01~DQB1*02:01, mismatched A*02:01, B*44:02, DRB1*04:01, DQB1*03:02.
const donor: DsaTyping = {
  A: [one('A*01:01'), one('A*02:01')],
  B: [one('B*08:01'), one('B*44:02')],
  DRB1: [one('DRB1*03:01'), one('DRB1*04:01')],
  DQB1: [one('DQB1*02:01'), one('DQB1*03:02')],
};
const bead = (specificity: string, mfi: number, testedOn = '2026-11-20'): BeadResult => ({
  specificity,
  mfi,
  testedOn,
});

describe('donor-specific antibodies', () => {
  it('matches an allele-level bead to the donor allele (first two fields)', () => {
    const r = donorSpecificAntibodies([bead('A*02:01', 6200)], donor, patient, antigenOf);
    expect(r.hits).toEqual([
      expect.objectContaining({
        specificity: 'A*02:01',
        certainty: 'definite',
        strength: 'strong',
        donorAlleles: ['A*02:01'],
      }),
    ]);
    expect(r.worst).toBe('strong');
  });

  it('covers every donor allele of an antigen-level bead', () => {
    const r = donorSpecificAntibodies([bead('B44', 1500), bead('DQ8', 12_000)], donor, patient, antigenOf);
    expect(r.hits.map((h) => [h.specificity, h.strength, h.donorAlleles])).toEqual([
      ['DQ8', 'desensitisation', ['DQB1*03:02']],
      ['B44', 'positive', ['B*44:02']],
    ]);
  });

  it('pins the thresholds: 999 is not DSA, 1,000 positive, 5,000 strong, 10,000 desensitisation', () => {
    const at = (mfi: number) => donorSpecificAntibodies([bead('A2', mfi)], donor, patient, antigenOf).worst;
    expect([at(999), at(1000), at(4999), at(5000), at(9999), at(10_000)]).toEqual([
      null,
      'positive',
      'positive',
      'strong',
      'strong',
      'desensitisation',
    ]);
  });

  it('ignores antibodies against what the patient carries or the donor does not', () => {
    const r = donorSpecificAntibodies(
      [bead('A1', 8000), bead('A*68:01', 9000), bead('B*08:01', 3000)],
      donor,
      patient,
      antigenOf
    );
    expect(r.hits).toEqual([]);
    expect(r.worst).toBeNull();
  });

  it('gives a possible DSA, naming the alleles, when the donor position is ambiguous', () => {
    const amb: DsaTyping = { ...donor, B: [one('B*08:01'), one('B*44:02', 'B*44:03', 'B*40:01')] };
    const r = donorSpecificAntibodies([bead('B44', 3000), bead('B*44:03', 2500)], amb, patient, antigenOf);
    expect(r.hits).toEqual([
      expect.objectContaining({ specificity: 'B44', certainty: 'possible', donorAlleles: ['B*44:02', 'B*44:03'] }),
      expect.objectContaining({ specificity: 'B*44:03', certainty: 'possible', donorAlleles: ['B*44:03'] }),
    ]);
  });

  it('needs every chain of a DQ heterodimer bead; an untyped chain makes it possible', () => {
    const r = donorSpecificAntibodies([bead('DQA1*03:01~DQB1*03:02', 7000)], donor, patient, antigenOf);
    expect(r.hits[0]).toMatchObject({
      certainty: 'possible',
      donorAlleles: ['DQA1 (not typed in the donor)', 'DQB1*03:02'],
    });
    const typed: DsaTyping = { ...donor, DQA1: [one('DQA1*05:01'), one('DQA1*03:01')] };
    expect(
      donorSpecificAntibodies([bead('DQA1*03:01~DQB1*03:02', 7000)], typed, patient, antigenOf).hits[0]
    ).toMatchObject({ certainty: 'definite' });
    const other: DsaTyping = { ...donor, DQA1: [one('DQA1*05:01'), one('DQA1*01:01')] };
    expect(donorSpecificAntibodies([bead('DQA1*03:01~DQB1*03:02', 7000)], other, patient, antigenOf).hits).toEqual([]);
  });

  it('never targets a null allele', () => {
    const withNull: DsaTyping = { ...donor, A: [one('A*01:01'), one('A*02:01:01:02N')] };
    expect(donorSpecificAntibodies([bead('A*02:01', 9000)], withNull, patient, antigenOf).hits).toEqual([]);
  });

  it('reads the latest test only when asked', () => {
    const beads = [bead('A2', 9000, '2026-05-01'), bead('A2', 400, '2026-11-20')];
    expect(latestBeadResults(beads)).toEqual([beads[1]]);
    expect(donorSpecificAntibodies(latestBeadResults(beads), donor, patient, antigenOf).worst).toBeNull();
  });
});

describe('the locus of a bead specificity (for per-locus thresholds)', () => {
  it('reads alleles, antigens and two-chain beads at their beta chain', () => {
    expect(specificityLocus('A*02:01')).toBe('A');
    expect(specificityLocus('Cw4')).toBe('C');
    expect(specificityLocus('DR52')).toBe('DRB3');
    expect(specificityLocus('DQA1*05:01~DQB1*02:01')).toBe('DQB1');
    expect(specificityLocus('DPA1*01:03~DPB1*04:01')).toBe('DPB1');
    expect(specificityLocus('DQ2')).toBe('DQB1');
    expect(specificityLocus('MICA*001')).toBeNull();
  });
});
