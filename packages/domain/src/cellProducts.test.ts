import { describe, expect, it } from 'vitest';
import {
  donorTypeOf,
  PRODUCT_STATUSES,
  PRODUCT_TRANSITIONS,
  type ProductStatus,
  mod37CheckOf,
  productTransitionError,
} from './cellProducts';

describe('product status machine', () => {
  it('allows the listed moves and refuses the rest with words', () => {
    expect(productTransitionError('released', 'thawed')).toBeNull();
    expect(productTransitionError('collected', 'infused')).toBe(
      'a product that is collected cannot become infused (next: in processing, cryopreserved / stored, released for infusion, shipped, discarded)'
    );
    expect(productTransitionError('infused', 'discarded')).toBe(
      'a product that is infused cannot become discarded (it is final)'
    );
  });
  it('reaches infused only through release', () => {
    const into = (to: ProductStatus) =>
      (Object.keys(PRODUCT_STATUSES) as ProductStatus[]).filter((s) => PRODUCT_TRANSITIONS[s].includes(to));
    expect(into('infused').sort()).toEqual(['released', 'thawed']);
    expect(into('thawed')).toEqual(['released']);
  });
});

describe('DIN keyboard check character', () => {
  // MOD 37-2 worked examples (Red Book Annex 2; ST-001 Figure 2).
  it.each([
    ['G123498654321', 'H'],
    ['A999921123456', '3'],
    ['A999921123457', '1'],
    ['W000012345678', 'Y'],
  ])('%s → %s', (din, k) => {
    expect(mod37CheckOf(din)).toBe(k);
  });
});

describe('donor type of an episode', () => {
  const allo = { type: 'allogeneic-hct', cellOrigin: null };
  it.each([
    [{ type: 'autologous-hct', cellOrigin: null }, null, 'autologous'],
    [{ type: 'car-t', cellOrigin: 'autologous' }, null, 'autologous'],
    [allo, null, 'not-recorded'],
    [allo, { source: 'unrelated', relationship: null, matchGrade: '8/8' }, 'unrelated'],
    [allo, { source: 'cord', relationship: null, matchGrade: null }, 'cord'],
    [allo, { source: 'related', relationship: 'sibling', matchGrade: 'hla-identical' }, 'matched-related'],
    [allo, { source: 'related', relationship: 'sibling', matchGrade: 'mismatched' }, 'other-related'],
    [allo, { source: 'related', relationship: 'parent', matchGrade: 'haploidentical' }, 'haploidentical'],
    [allo, { source: 'related', relationship: 'sibling', matchGrade: null }, 'other-related'],
  ] as const)('%o + %o → %s', (episode, donor, expected) => {
    expect(donorTypeOf(episode, donor)).toBe(expected);
  });
});
