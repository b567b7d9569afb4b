import type { MatchLevel, Position } from './matcher';

// Exact one-way mismatch counts (graft-versus-host, host-versus-graft) of one genotype pair (issue 15 §3; ADR 0400).
// The "target" side's positions are the antigens one immune system may attack (the patient's in the GvH
// direction, the donor's in the HvG direction); the other side's positions are what that immune system knows
// as self. A target position counts when its allele is absent from both other positions. Ambiguous positions
// (allele lists, MACs, XX codes, serology) stand for one allele each: the count is the minimum over every
// choice of one allele per position, so one ambiguous position cannot stand for two different alleles at once.
// Direction convention (a homozygous locus mismatched only one way): Petersdorf EW et al., "Limits of HLA
// mismatching in unrelated hematopoietic cell transplantation", Blood 2004;104:2976-80 (GvH- and HvG-vector
// mismatches).

/**
 * Exact one-way count (0-2) from the "can be the same allele" relations of the four position pairs:
 * `c01` = target position 0 may equal other position 1, and so on. `targetNull`: the target side expresses
 * nothing at the locus (both positions null alleles), so it offers no target. `shared(j)` says whether one
 * allele can be both target positions and other position j at once (only asked when it decides the count).
 */
export function oneWayCount(
  c00: boolean,
  c01: boolean,
  c10: boolean,
  c11: boolean,
  targetNull: boolean,
  shared: (j: 0 | 1) => boolean
): number {
  if (targetNull) return 0;
  // A target position that can be neither other position is absent whatever the choices.
  const absent = (!c00 && !c01 ? 1 : 0) + (!c10 && !c11 ? 1 : 0);
  if (absent > 0) return absent;
  // Each target position can be present; both at once if each has its own other position ...
  if ((c00 && c11) || (c01 && c10)) return 0;
  // ... or if both can only be the same other position j, which then must be one allele both may be.
  return shared(c00 ? 0 : 1) ? 0 : 1;
}

/** True if three sorted id lists share an id. */
export function intersects3(a: readonly number[], b: readonly number[], c: readonly number[]): boolean {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length && k < c.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    const z = c[k] as number;
    if (x === y && y === z) return true;
    const max = Math.max(x, y, z);
    if (x < max) i++;
    if (y < max) j++;
    if (z < max) k++;
  }
  return false;
}

/**
 * Whether one allele can be target positions t0 and t1 and other position o at once, at a level. At antigen
 * level the same P group is the same antigen (as the position grade), so a shared unit or a shared antigen.
 */
export function sharedByThree(t0: Position, t1: Position, o: Position, level: MatchLevel): boolean {
  if (intersects3(t0.units, t1.units, o.units)) return true;
  return level === 'antigen' && intersects3(t0.antigens, t1.antigens, o.antigens);
}

/** A side expresses nothing at the locus: both positions are null alleles (empty unit sets). */
export function expressesNothing(g: readonly [Position, Position]): boolean {
  return g[0].units.length === 0 && g[1].units.length === 0;
}
