import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only: a miniature release directory holding only alignments/{A,B,C}_prot.txt in the IPD-IMGT/HLA layout
// (reference row in full, '-' for identity, '*' not sequenced, two blocks, leader grouped 10-10-4). Residues
// 77-83 carry the published KIR-ligand motifs (kirLigand.ts); the rest of each row stands in for the sequence.
export const KIR_FIXTURE_RELEASE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/kir-release');
