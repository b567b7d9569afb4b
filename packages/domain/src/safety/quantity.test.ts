import { describe, expect, it } from 'vitest';
import { plausibility, quantity, type QuantitySpec, unconfirmed } from './quantity';

const weight: QuantitySpec = {
  label: 'weight',
  unit: 'kg',
  min: 0,
  exclusiveMin: true,
  max: 400,
  plausible: { min: 2, max: 250 },
};

describe('quantity specs (impossible refused, implausible confirmed)', () => {
  it('refuses impossible values naming the field and unit', () => {
    const s = quantity(weight);
    expect(s.safeParse(0).error?.issues[0]?.message).toBe('weight must be more than 0 kg');
    expect(s.safeParse(-1).success).toBe(false);
    expect(s.safeParse(401).error?.issues[0]?.message).toBe('weight must be at most 400 kg');
    expect(s.safeParse(Number.NaN).success).toBe(false);
    expect(s.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(s.safeParse('70').success).toBe(false);
    expect(s.safeParse(70).data).toBe(70);
  });
  it('flags implausible values at the boundaries, inclusive', () => {
    expect(plausibility('weightKg', 2, weight)).toBeNull();
    expect(plausibility('weightKg', 250, weight)).toBeNull();
    expect(plausibility('weightKg', 1.9, weight)?.field).toBe('weightKg');
    expect(plausibility('weightKg', 251, weight)?.message).toMatch(/above the usual range/);
    expect(plausibility('weightKg', null, weight)).toBeNull();
  });
  it('a confirmation covers its field only', () => {
    const f = [
      { field: 'a', message: 'x' },
      { field: 'b', message: 'y' },
    ];
    expect(unconfirmed(f, [{ field: 'a', reason: 'checked twice' }])).toEqual([{ field: 'b', message: 'y' }]);
    expect(unconfirmed(f, undefined)).toHaveLength(2);
  });
});
