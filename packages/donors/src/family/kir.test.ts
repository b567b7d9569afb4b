import { describe, expect, it } from 'vitest';
import { assessKir, haplotypeOfGenes, type KirGene } from './kir';

const FRAMEWORK: KirGene[] = ['KIR3DL3', 'KIR3DP1', 'KIR2DL4', 'KIR3DL2'];
// The common A haplotype: 2DL1, 2DL3, 2DL4, 3DL1, 2DS4 with the framework genes.
const A_HAPLO: KirGene[] = [...FRAMEWORK, 'KIR2DL1', 'KIR2DL3', 'KIR3DL1', 'KIR2DS4', 'KIR2DP1'];

describe('KIR genotype (Uhrberg 1997; Cooley 2010 B-content groups)', () => {
  it('reads nothing when nothing is typed', () => {
    expect(assessKir(null)).toBeNull();
    expect(assessKir({ haplotype: null, genes: [] })).toBeNull();
  });

  it('an A/A gene content is neutral with B-content 0', () => {
    const k = assessKir({ genes: A_HAPLO })!;
    expect(k).toMatchObject({ haplotype: 'AA', centromeric: 'A/A', telomeric: 'A/A', bContent: 0, group: 'neutral' });
    expect(k.penalty).toBe(1);
  });

  it('one B motif (Cen-A/B, Tel-A/A) is B/x but still neutral: the boundary 1 < 2', () => {
    const k = assessKir({ genes: [...A_HAPLO, 'KIR2DL2', 'KIR2DS2'] })!;
    expect(k).toMatchObject({ haplotype: 'Bx', centromeric: 'A/B', telomeric: 'A/A', bContent: 1, group: 'neutral' });
  });

  it('two B motifs without Cen-B/B is better', () => {
    const k = assessKir({ genes: [...A_HAPLO, 'KIR2DL2', 'KIR3DS1', 'KIR2DS1'] })!;
    expect(k).toMatchObject({ centromeric: 'A/B', telomeric: 'A/B', bContent: 2, group: 'better', penalty: 0.25 });
  });

  it('Cen-B/B is best whatever the telomere', () => {
    const genes: KirGene[] = [...FRAMEWORK, 'KIR2DL2', 'KIR2DS2', 'KIR2DL1', 'KIR3DL1', 'KIR2DS4'];
    const k = assessKir({ genes })!;
    expect(k).toMatchObject({ centromeric: 'B/B', telomeric: 'A/A', bContent: 2, group: 'best', penalty: 0 });
    expect(k.reason).toBe('KIR B/x donor, Cen-B/B, Tel-A/A, B-content 2: best');
  });

  it('a haplotype without genes: B/x half way, A/A neutral', () => {
    expect(assessKir({ haplotype: 'Bx' })).toMatchObject({ group: null, penalty: 0.5 });
    expect(assessKir({ haplotype: 'AA' })).toMatchObject({ group: 'neutral', penalty: 1 });
  });

  it('a gene list without the centromeric markers cannot be grouped', () => {
    const k = assessKir({ genes: [...FRAMEWORK, 'KIR3DS1'] })!;
    expect(k).toMatchObject({ haplotype: 'Bx', centromeric: null, group: null, penalty: 0.5 });
  });

  it('every B-specific gene alone makes B/x', () => {
    for (const g of ['KIR2DL2', 'KIR2DL5', 'KIR2DS1', 'KIR2DS2', 'KIR2DS3', 'KIR2DS5', 'KIR3DS1'] as KirGene[]) {
      expect(haplotypeOfGenes([...A_HAPLO, g])).toBe('Bx');
    }
    expect(haplotypeOfGenes(A_HAPLO)).toBe('AA');
  });
});
