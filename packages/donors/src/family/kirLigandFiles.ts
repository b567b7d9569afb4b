// Reads the KIR-ligand residue table of a release directory once (issue 19, ADR 0422): residues 77-83 of every
// HLA-A, -B and -C allele from alignments/{A,B,C}_prot.txt (the IPD-IMGT/HLA protein alignments; Robinson J et
// al., Nucleic Acids Res 2024;52:D1205). Each file is streamed line by line (node:readline), never read whole.
// A release without the alignments is not an error: the table is then absent and every ligand "unknown".
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LigandLocus, ResiduesOf } from './kirLigand';
import { ProteinAlignmentReader, residuesLookup } from './kirLigandResidues';

/** The release-relative paths of the three protein alignments the ligands are read from. */
export const KIR_LIGAND_ALIGNMENTS: Readonly<Record<LigandLocus, string>> = {
  A: 'alignments/A_prot.txt',
  B: 'alignments/B_prot.txt',
  C: 'alignments/C_prot.txt',
};

export interface KirLigandTable {
  residuesOf: ResiduesOf;
  /** The loci whose alignment was present and read. */
  loci: LigandLocus[];
  /** Alleles read, all loci together. */
  alleles: number;
}

/** Residues 77-83 of one alignment file, streamed. @throws AlignmentFormatError naming the file (as `label`) */
export async function readAlignmentFile(path: string, label = path): Promise<Map<string, string>> {
  const reader = new ProteinAlignmentReader();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) reader.line(line);
  try {
    return reader.result();
  } catch (err) {
    if (err instanceof Error) err.message = `${label}: ${err.message}`;
    throw err;
  }
}

/**
 * The residue table of the release in `releaseDir`, or null when it has none of the three alignments (the
 * shared test releases, a release loaded without them). @throws AlignmentFormatError when a present file is not a
 * class I protein alignment
 */
export async function loadKirLigandTable(releaseDir: string): Promise<KirLigandTable | null> {
  const loci = (Object.keys(KIR_LIGAND_ALIGNMENTS) as LigandLocus[]).filter((l) =>
    existsSync(join(releaseDir, KIR_LIGAND_ALIGNMENTS[l]))
  );
  if (!loci.length) return null;
  const tables: Map<string, string>[] = [];
  for (const locus of loci) {
    const file = KIR_LIGAND_ALIGNMENTS[locus];
    tables.push(await readAlignmentFile(join(releaseDir, file), file));
  }
  return {
    residuesOf: residuesLookup(...tables),
    loci,
    alleles: tables.reduce((n, t) => n + t.size, 0),
  };
}
