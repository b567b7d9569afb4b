// KIR-ligand matching in the graft-versus-host direction (issue 19, ADR 0422): a donor's NK cells are alloreactive
// when the recipient lacks an HLA class I KIR ligand that the donor has (Ruggeri L et al., Science
// 2002;295:2097-2100, the "KIR ligand incompatibility in the GvH direction" model: C1, C2, Bw4).
//
// Each allele's ligand is read from its protein sequence, never from a list of allele names:
// - HLA-C group by residue 80 of the mature protein: Asn80 = C1 (KIR2DL2/2DL3), Lys80 = C2 (KIR2DL1) (Colonna M
//   et al., Science 1993;260:1121-1124; Winter CC & Long EO, J Immunol 1997;158:4026-4028).
// - The Bw4/Bw6 epitope of HLA-B (and the Bw4 of some HLA-A) by residues 77-83: Bw4 carries Leu82-Arg83, Bw6
//   Arg82-Gly83 (Wan AM et al., J Immunol 1986;137:3671-3674; Müller CA et al., Hum Immunol 1989;26:313; the
//   Bw4 sub-variants Ile80/Thr80 after Cella M et al., J Exp Med 1994;180:1235-1242). Bw4 is the KIR3DL1 ligand.
// The residues come from the IPD-IMGT/HLA release's protein alignments (alignments/A_prot.txt, B_prot.txt,
// C_prot.txt; mature numbering, the 24-residue class I leader numbered -24 to -1: Robinson J et al., Nucleic
// Acids Res 2024;52:D1205), read by parseProteinAlignment in kirLigandResidues.ts. An allele whose residues are
// not in the release (not sequenced there, a name the release lacks, a one-field typing) is "ligand unknown":
// never guessed from its allele group.

export type LigandLocus = 'A' | 'B' | 'C';
/** What one allele presents to KIR: a ligand, none (Bw6, an HLA-A without Bw4, a null allele), or unknown. */
export type AlleleLigand = 'C1' | 'C2' | 'Bw4-80I' | 'Bw4-80T' | 'Bw6' | 'none' | 'unknown';
export type KirLigand = 'C1' | 'C2' | 'Bw4';

/** Residues 77 to 83 (7 letters, '*' where not sequenced) of an allele's mature protein, or null when absent. */
export type ResiduesOf = (allele: string) => string | null;

/** The ligand of residues 77-83 of an HLA-A, -B or -C protein (see the rules above). */
export function ligandFromResidues(locus: LigandLocus, r77to83: string): AlleleLigand {
  if (r77to83.length !== 7) return 'unknown';
  const at = (n: number) => r77to83[n - 77]!;
  if (locus === 'C') return at(80) === 'N' ? 'C1' : at(80) === 'K' ? 'C2' : 'unknown';
  const tail = at(82) + at(83);
  if (tail === 'LR') return at(80) === 'I' ? 'Bw4-80I' : at(80) === 'T' ? 'Bw4-80T' : 'unknown';
  if (tail === 'RG') return locus === 'B' ? 'Bw6' : 'none';
  return 'unknown';
}

const LOCUS_OF = /^(?:HLA-)?([ABC])\*(\d+:\d+[A-Z]?)(?::\d+)*([NLSCAQ]?)$/;

/**
 * The ligand of one typed allele (two fields or more, e.g. "C*03:04" or "HLA-B*44:02:01:01"). A null allele
 * (suffix N: not expressed) presents none. An ambiguous typing ("C*03:03/C*03:04") has a ligand only when every
 * allele of it has the same one. One field, an unknown name or residues not in the release: unknown.
 */
export function ligandOfAllele(typed: string, residuesOf: ResiduesOf): AlleleLigand {
  const alternatives = typed.split('/').map((s) => s.trim());
  const each = alternatives.map((a): AlleleLigand => {
    const m = LOCUS_OF.exec(a);
    if (!m) return 'unknown';
    if (m[3] === 'N' || /N$/.test(m[2]!)) return 'none';
    const r = residuesOf(a.replace(/^HLA-/, ''));
    return r && !r.includes('*') ? ligandFromResidues(m[1] as LigandLocus, r) : 'unknown';
  });
  return each.every((l) => l === each[0]) ? each[0]! : 'unknown';
}

export interface LigandTyping {
  /** The typed alleles (two per locus; a homozygous locus repeats the allele), as read from the GL string. */
  A: readonly string[];
  B: readonly string[];
  C: readonly string[];
}

export interface KirLigandAssessment {
  /** 'mismatch': the recipient lacks a ligand the donor has (GvH direction); 'match': none lacking. */
  status: 'mismatch' | 'match' | 'unknown';
  /** Ligands of the donor that the recipient certainly lacks. */
  missingInRecipient: KirLigand[];
  /** Alleles whose ligand could not be read (the reason "ligand unknown"). */
  unknownAlleles: string[];
  /** Penalty for the ranking: 0 with a GvH ligand mismatch (the favourable case in Ruggeri 2002), 0.5 unknown, 1. */
  penalty: number;
  reason: string;
}

interface Read {
  ligands: Set<KirLigand>;
  /** Per ligand, whether an unknown allele could still present it. */
  couldHave: Set<KirLigand>;
  unknown: string[];
}

function read(t: LigandTyping, residuesOf: ResiduesOf): Read {
  const out: Read = { ligands: new Set(), couldHave: new Set(), unknown: [] };
  for (const locus of ['A', 'B', 'C'] as const) {
    const alleles: string[] = [...t[locus]];
    while (alleles.length < 2) alleles.push('');
    for (const allele of alleles) {
      const l = allele ? ligandOfAllele(allele, residuesOf) : 'unknown';
      if (l === 'C1' || l === 'C2') out.ligands.add(l);
      else if (l === 'Bw4-80I' || l === 'Bw4-80T') out.ligands.add('Bw4');
      else if (l === 'unknown') {
        out.unknown.push(allele || `${locus} (not typed)`);
        if (locus === 'C') ['C1', 'C2'].forEach((x) => out.couldHave.add(x as KirLigand));
        else out.couldHave.add('Bw4');
      }
    }
  }
  return out;
}

/** KIR-ligand mismatch in the GvH direction between a recipient and a candidate donor (Ruggeri 2002). */
export function kirLigandMismatch(
  recipient: LigandTyping,
  donor: LigandTyping,
  residuesOf: ResiduesOf
): KirLigandAssessment {
  const r = read(recipient, residuesOf);
  const d = read(donor, residuesOf);
  const order: KirLigand[] = ['C1', 'C2', 'Bw4'];
  const missing = order.filter((l) => d.ligands.has(l) && !r.ligands.has(l) && !r.couldHave.has(l));
  const unknownAlleles = [...r.unknown.map((a) => `recipient ${a}`), ...d.unknown.map((a) => `donor ${a}`)];
  if (missing.length) {
    return {
      status: 'mismatch',
      missingInRecipient: missing,
      unknownAlleles,
      penalty: 0,
      reason: `KIR-ligand mismatch (GvH): the recipient lacks the donor's ${missing.join(', ')}`,
    };
  }
  // No certain mismatch: one is still possible when an unknown allele leaves a ligand undecided on either side.
  const undecided = order.some(
    (l) => (d.ligands.has(l) || d.couldHave.has(l)) && !r.ligands.has(l) && (r.couldHave.has(l) || d.couldHave.has(l))
  );
  if (undecided) {
    return {
      status: 'unknown',
      missingInRecipient: [],
      unknownAlleles,
      penalty: 0.5,
      reason: `KIR ligand unknown: ${unknownAlleles.join(', ')} not classified`,
    };
  }
  return {
    status: 'match',
    missingInRecipient: [],
    unknownAlleles,
    penalty: 1,
    reason: 'no KIR-ligand mismatch in the GvH direction',
  };
}
