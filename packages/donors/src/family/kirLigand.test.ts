import { describe, expect, it } from 'vitest';
import { kirLigandMismatch, ligandFromResidues, ligandOfAllele, type LigandTyping } from './kirLigand';
import { AlignmentFormatError, parseProteinAlignment, residuesLookup } from './kirLigandResidues';

// Residues 77-83 worked by hand from the published motifs: HLA-C Ser77/Asn80 (C1) and Asn77/Lys80 (C2); the Bw4
// Leu82-Arg83 with Ile80 or Thr80; the Bw6 Arg82-Gly83; an HLA-A without Bw4 (Asp77 ... Thr80 Leu81 Arg82 Gly83).
const C1 = 'SLRNLRG';
const C2 = 'NLRKLRG';
const BW4_80I = 'NLRIALR';
const BW4_80T = 'NLRTALR';
const BW6 = 'SLRNLRG';
const A_NO_BW4 = 'DLGTLRG';

describe('ligand of residues 77-83 (Colonna 1993; Wan 1986; Cella 1994)', () => {
  it('reads the HLA-C group at residue 80 only', () => {
    expect(ligandFromResidues('C', C1)).toBe('C1');
    expect(ligandFromResidues('C', C2)).toBe('C2');
    expect(ligandFromResidues('C', 'NLRSLRG')).toBe('unknown');
  });

  it('reads Bw4 (with its residue 80) and Bw6 at 82-83 on HLA-B, and Bw4 or none on HLA-A', () => {
    expect(ligandFromResidues('B', BW4_80I)).toBe('Bw4-80I');
    expect(ligandFromResidues('B', BW4_80T)).toBe('Bw4-80T');
    expect(ligandFromResidues('B', BW6)).toBe('Bw6');
    expect(ligandFromResidues('A', BW4_80I)).toBe('Bw4-80I');
    expect(ligandFromResidues('A', A_NO_BW4)).toBe('none');
    expect(ligandFromResidues('B', 'NLRIARG'.replace('RG', 'LG'))).toBe('unknown');
    expect(ligandFromResidues('B', 'NLRIAL')).toBe('unknown');
  });
});

// A miniature alignment in the IPD-IMGT/HLA layout: the reference in full (leader of 24, then the mature
// protein), a gap column ('.') inserted after residue 10, blocks of 10 separated by spaces, two blocks.
const LEADER = 'MRVMAPRTLILLLSGALALTETWA';
const mature = (r77: string) => `GSHSMRYFYT${'A'.repeat(66)}${r77}${'E'.repeat(7)}`; // residues 1-90
const withGap = (s: string) => `${s.slice(0, 24 + 10)}.${s.slice(24 + 10)}`;
const blocks = (s: string) => (s.match(/.{1,10}/g) ?? []).join(' ');
const REF = withGap(LEADER + mature(BW6));
const same = (r77: string) =>
  REF.split('')
    .map((c, i) => (i >= 24 + 1 + 76 && i < 24 + 1 + 83 ? r77[i - 101] : c === '.' ? '.' : '-'))
    .join('');
const ALIGNMENT = [
  '# file: B_prot.txt',
  '# version: IPD-IMGT/HLA 3.58.0',
  ' Prot       -30                  -20',
  ` B*07:02:01:01      ${blocks(REF.slice(0, 60))}`,
  ` B*57:01:01:01      ${blocks(same(BW4_80I).slice(0, 60))}`,
  ` B*99:01:01         ${blocks('*'.repeat(60))}`,
  '',
  ' Prot       40',
  ` B*07:02:01:01      ${blocks(REF.slice(60))}`,
  ` B*57:01:01:01      ${blocks(same(BW4_80I).slice(60))}`,
  ` B*99:01:01         ${blocks('*'.repeat(REF.length - 60))}`,
  'Please see the terms of use.',
].join('\n');

describe('residues 77-83 from a protein alignment', () => {
  it('finds the mature residues past the 24 leader and a gap, identity dashes and unsequenced stars', () => {
    const r = parseProteinAlignment(ALIGNMENT);
    expect(r.get('B*07:02:01:01')).toBe(BW6);
    expect(r.get('B*57:01:01:01')).toBe(BW4_80I);
    expect(r.get('B*99:01:01')).toBe('*******');
  });

  it('refuses a file with no allele rows or a reference that does not start like a class I protein', () => {
    expect(() => parseProteinAlignment('# nothing')).toThrow(AlignmentFormatError);
    expect(() => parseProteinAlignment(` B*07:02:01:01  ${blocks('M' + REF.slice(0))}`)).toThrow(/mature residue 1/);
  });

  it('looks two-field names up by protein; a name not in the release reads null', () => {
    const of = residuesLookup(parseProteinAlignment(ALIGNMENT));
    expect(of('B*57:01')).toBe(BW4_80I);
    expect(of('B*07:02:01:01')).toBe(BW6);
    expect(of('B*58:01')).toBeNull();
  });
});

const TABLE: Record<string, string> = {
  'C*03:04': C1,
  'C*07:02': C1,
  'C*06:02': C2,
  'C*04:01': C2,
  'B*57:01': BW4_80I,
  'B*44:02': BW4_80T,
  'B*07:02': BW6,
  'B*08:01': BW6,
  'A*24:02': BW4_80I,
  'A*02:01': A_NO_BW4,
  'A*01:01': A_NO_BW4,
  'C*12:02': '***K***',
};
const of = (a: string) => TABLE[a.split(':').slice(0, 2).join(':')] ?? null;

describe('ligand of a typed allele', () => {
  it('reads two fields or more; one field, unknown names and unsequenced residues are unknown, never guessed', () => {
    expect(ligandOfAllele('C*06:02:01:01', of)).toBe('C2');
    expect(ligandOfAllele('HLA-B*44:02', of)).toBe('Bw4-80T');
    expect(ligandOfAllele('C*06', of)).toBe('unknown');
    expect(ligandOfAllele('C*12:02', of)).toBe('unknown');
    expect(ligandOfAllele('C*18:01', of)).toBe('unknown');
  });

  it('gives a null allele no ligand, and an ambiguity a ligand only when its alleles agree', () => {
    expect(ligandOfAllele('C*04:09N', of)).toBe('none');
    expect(ligandOfAllele('C*03:04/C*07:02', of)).toBe('C1');
    expect(ligandOfAllele('C*03:04/C*06:02', of)).toBe('unknown');
  });
});

const typing = (A: string[], B: string[], C: string[]): LigandTyping => ({ A, B, C });

describe('KIR-ligand mismatch in the GvH direction (Ruggeri 2002)', () => {
  // Recipient C1/C1, Bw6/Bw6 and no A-Bw4: lacks C2 and Bw4.
  const c1Bw6 = typing(['A*02:01', 'A*01:01'], ['B*07:02', 'B*08:01'], ['C*03:04', 'C*07:02']);

  it('a haploidentical donor with C2 and Bw4 the recipient lacks: mismatch, penalty 0', () => {
    const donor = typing(['A*02:01', 'A*01:01'], ['B*07:02', 'B*44:02'], ['C*03:04', 'C*06:02']);
    const k = kirLigandMismatch(c1Bw6, donor, of);
    expect(k).toMatchObject({ status: 'mismatch', missingInRecipient: ['C2', 'Bw4'], penalty: 0 });
    expect(k.reason).toBe("KIR-ligand mismatch (GvH): the recipient lacks the donor's C2, Bw4");
  });

  it('the reverse direction (the recipient has what the donor lacks) is no GvH mismatch', () => {
    const k = kirLigandMismatch(
      typing(['A*24:02', 'A*01:01'], ['B*57:01', 'B*07:02'], ['C*06:02', 'C*03:04']),
      c1Bw6,
      of
    );
    expect(k).toMatchObject({ status: 'match', missingInRecipient: [], penalty: 1 });
  });

  it('Bw4 on HLA-A counts as the recipient having Bw4', () => {
    const recipient = typing(['A*24:02', 'A*01:01'], ['B*07:02', 'B*08:01'], ['C*03:04', 'C*07:02']);
    const donor = typing(['A*02:01', 'A*01:01'], ['B*57:01', 'B*07:02'], ['C*03:04', 'C*07:02']);
    expect(kirLigandMismatch(recipient, donor, of).status).toBe('match');
  });

  it('an unclassified recipient C allele leaves a donor C2 undecided: ligand unknown, naming the allele', () => {
    const recipient = typing(['A*24:02', 'A*01:01'], ['B*57:01', 'B*07:02'], ['C*03:04', 'C*12:02']);
    const donor = typing(['A*24:02', 'A*01:01'], ['B*57:01', 'B*07:02'], ['C*03:04', 'C*06:02']);
    const k = kirLigandMismatch(recipient, donor, of);
    expect(k).toMatchObject({ status: 'unknown', penalty: 0.5, unknownAlleles: ['recipient C*12:02'] });
    expect(k.reason).toBe('KIR ligand unknown: recipient C*12:02 not classified');
  });

  it('an unknown donor allele does not matter when the recipient has every ligand', () => {
    const recipient = typing(['A*24:02', 'A*01:01'], ['B*57:01', 'B*07:02'], ['C*03:04', 'C*06:02']);
    const donor = typing(['A*02:01', 'A*01:01'], ['B*07:02', 'B*99:01'], ['C*03:04', 'C*12:02']);
    expect(kirLigandMismatch(recipient, donor, of).status).toBe('match');
  });

  it('a missing locus is unknown, and a homozygous locus typed twice is read', () => {
    const donor = typing(['A*02:01', 'A*02:01'], ['B*07:02', 'B*07:02'], ['C*06:02', 'C*06:02']);
    expect(kirLigandMismatch(c1Bw6, donor, of)).toMatchObject({ status: 'mismatch', missingInRecipient: ['C2'] });
    const untypedC = typing(['A*02:01', 'A*01:01'], ['B*07:02', 'B*08:01'], []);
    expect(kirLigandMismatch(untypedC, donor, of)).toMatchObject({
      status: 'unknown',
      unknownAlleles: ['recipient C (not typed)', 'recipient C (not typed)'],
    });
  });
});
