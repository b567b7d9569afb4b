import { describe, expect, it } from 'vitest';
import { powerOfTen, unitText } from './unitText';

describe('unitText: powers of ten as people read them', () => {
  it('writes stored unit codes with × and superscripts', () => {
    expect(unitText('x10^9/L')).toBe('×10⁹/L');
    expect(unitText('x10^6/kg')).toBe('×10⁶/kg');
    expect(unitText('× 10^6/kg')).toBe('×10⁶/kg');
    expect(unitText('*10^10')).toBe('×10¹⁰');
    expect(unitText('10^6 cells')).toBe('×10⁶ cells');
    expect(unitText('x10^-3')).toBe('×10⁻³');
  });

  it('rewrites every power of ten in a sentence and nothing else', () => {
    expect(unitText('Platelets must not be negative (-5 x10^9/L)')).toBe('Platelets must not be negative (-5 ×10⁹/L)');
    expect(unitText('120.0 x10^6 cells within 0.1-2.5 x10^8')).toBe('120.0 ×10⁶ cells within 0.1-2.5 ×10⁸');
    expect(unitText('Hb 9.5 g/dL, ANC 0.5 ×10⁹/L, 10 mg')).toBe('Hb 9.5 g/dL, ANC 0.5 ×10⁹/L, 10 mg');
  });

  it('writes positive, zero and negative exponents', () => {
    expect(powerOfTen(9)).toBe('×10⁹');
    expect(powerOfTen(0)).toBe('×10⁰');
    expect(powerOfTen(-3)).toBe('×10⁻³');
    expect(powerOfTen(12)).toBe('×10¹²');
  });
});
