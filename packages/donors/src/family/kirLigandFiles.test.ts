import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIR_FIXTURE_RELEASE } from '../testing/kirFixture';
import { kirLigandMismatch, ligandOfAllele } from './kirLigand';
import { loadKirLigandTable, readAlignmentFile } from './kirLigandFiles';
import { AlignmentFormatError } from './kirLigandResidues';

// The loader on a miniature release directory laid out as IPD-IMGT/HLA publishes it (testing/kirFixture.ts).

describe('the KIR-ligand residue table of a release directory', () => {
  it('streams the three alignments and reads each allele by its residues 77-83', async () => {
    const table = await loadKirLigandTable(KIR_FIXTURE_RELEASE);
    expect(table).not.toBeNull();
    expect(table!.loci).toEqual(['A', 'B', 'C']);
    expect(table!.alleles).toBe(17);
    const of = table!.residuesOf;
    expect(of('A*01:01')).toBe('NLGTLRG');
    expect(ligandOfAllele('A*24:02', of)).toBe('Bw4-80I');
    expect(ligandOfAllele('A*02:01', of)).toBe('none');
    expect(ligandOfAllele('B*07:02', of)).toBe('Bw6');
    expect(ligandOfAllele('B*44:02:01:01', of)).toBe('Bw4-80T');
    expect(ligandOfAllele('C*01:02', of)).toBe('C1');
    expect(ligandOfAllele('C*05:01', of)).toBe('C2');
    expect(ligandOfAllele('C*04:09N', of)).toBe('none');
    // Not sequenced at 77-83, and not in the file at all: unknown, never guessed from the allele group.
    expect(ligandOfAllele('B*83:01', of)).toBe('unknown');
    expect(ligandOfAllele('B*07:05', of)).toBe('unknown');
  });

  it('gives a family pair its GvH mismatch from the files', async () => {
    const { residuesOf } = (await loadKirLigandTable(KIR_FIXTURE_RELEASE))!;
    const recipient = { A: ['A*01:01', 'A*03:01'], B: ['B*08:01', 'B*07:02'], C: ['C*07:01', 'C*07:02'] };
    const donor = { A: ['A*01:01', 'A*02:01'], B: ['B*08:01', 'B*44:02'], C: ['C*07:01', 'C*05:01'] };
    expect(kirLigandMismatch(recipient, donor, residuesOf).reason).toBe(
      "KIR-ligand mismatch (GvH): the recipient lacks the donor's C2, Bw4"
    );
  });

  it('is absent (null) for a release without alignments, and reads only the loci present', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engraft-kir-'));
    expect(await loadKirLigandTable(dir)).toBeNull();
    mkdirSync(join(dir, 'alignments'));
    copyFileSync(join(KIR_FIXTURE_RELEASE, 'alignments/C_prot.txt'), join(dir, 'alignments/C_prot.txt'));
    const table = await loadKirLigandTable(dir);
    expect(table!.loci).toEqual(['C']);
    expect(table!.residuesOf('B*07:02')).toBeNull();
  });

  it('refuses a file that is not a class I protein alignment, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engraft-kir-'));
    const path = join(dir, 'B_prot.txt');
    writeFileSync(path, '# file: B_prot.txt\n B*07:02:01:01  MLVMAPRTVL\n');
    await expect(readAlignmentFile(path)).rejects.toThrow(AlignmentFormatError);
    await expect(readAlignmentFile(path)).rejects.toThrow(`${path}: reference B*07:02:01:01 ends before residue 83`);
  });
});
