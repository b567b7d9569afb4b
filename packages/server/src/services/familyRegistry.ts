import { type AntigenOf, type KirLigandAssessment, kirLigandMismatch } from '@engraft/donors';
import type { DonorRegistrySource } from './donorRegistry';
import { antigenOfEngine, ligandTypingOf } from './familyTyping';
import { KIR_NO_ALIGNMENTS, KIR_RELEASE_NOT_LOADED, type KirLigandSource } from './kirLigands';

/**
 * The serology the DSA check reads antigen-level beads with, from the loaded HLA release; null while it loads or
 * without one (the family routes then warn that antigen-level beads were not compared). Never waits for a load.
 */
export async function antigenOfRegistry(registry: DonorRegistrySource | undefined): Promise<AntigenOf | null> {
  if (registry?.status().state !== 'ready') return null;
  return antigenOfEngine((await registry.get()).engine);
}

/** What the family ranking reads KIR ligands with: the loaded release's table, or why they are unknown. */
export function kirLigandsOfRegistry(registry: DonorRegistrySource | undefined): Promise<KirLigandSource> {
  if (registry?.status().state !== 'ready') return Promise.resolve({ unknown: KIR_RELEASE_NOT_LOADED });
  return registry.get().then((r) => r.kirLigands ?? { unknown: KIR_NO_ALIGNMENTS });
}

/**
 * The KIR-ligand criterion of one relative against the patient (GvH direction, Ruggeri 2002; kirLigand.ts), or
 * null when either is not typed. Without a residue table: unknown (penalty 0.5, as an undecided comparison), with
 * the reason why, and no ligand guessed.
 */
export function kirLigandOf(
  source: KirLigandSource,
  patientGl: string | null | undefined,
  relativeGl: string | null | undefined
): KirLigandAssessment | null {
  if (!patientGl || !relativeGl) return null;
  if ('unknown' in source) {
    return { status: 'unknown', missingInRecipient: [], unknownAlleles: [], penalty: 0.5, reason: source.unknown };
  }
  return kirLigandMismatch(ligandTypingOf(patientGl), ligandTypingOf(relativeGl), source.table.residuesOf);
}
