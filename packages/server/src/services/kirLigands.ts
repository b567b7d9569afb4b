import { AlignmentFormatError, type KirLigandTable, loadKirLigandTable } from '@engraft/donors';

// The KIR-ligand residue table the family ranking reads (issue 19, ADR 0422): read once, where the server loads
// the IPD-IMGT/HLA release (loadRegistryFiles), from the release's alignments/{A,B,C}_prot.txt. Without them the
// ligands are "unknown", said plainly in the criterion's reason: never an error, never a guess.

/** The table, or why every ligand is unknown (the reason the ranking shows). */
export type KirLigandSource = { table: KirLigandTable } | { unknown: string };

export const KIR_NO_ALIGNMENTS = 'KIR ligands unknown: the loaded IPD-IMGT/HLA release has no protein alignments';
export const KIR_RELEASE_NOT_LOADED = 'KIR ligands unknown: the IPD-IMGT/HLA release is not loaded';

/**
 * The residue table of a release directory. A file that is not a class I protein alignment leaves every ligand
 * unknown with that said (donor search still loads); any other failure (a read error) is thrown.
 */
export async function readKirLigands(releaseDir: string): Promise<KirLigandSource> {
  try {
    const table = await loadKirLigandTable(releaseDir);
    return table ? { table } : { unknown: KIR_NO_ALIGNMENTS };
  } catch (err) {
    if (!(err instanceof AlignmentFormatError)) throw err;
    return { unknown: `KIR ligands unknown: the release's protein alignment could not be read (${err.message})` };
  }
}
