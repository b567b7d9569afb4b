import { describe, expect, it } from 'vitest';
import { normaliseName, PersonNameSchema } from './names';

describe('normaliseName', () => {
  it('makes look-alike names equal: zero-width, bidi controls, full-width letters, odd spaces', () => {
    for (const lookalike of ['Ro\u200Bwan', '\u202ERowan', 'Rowan\u200F', '\u2066Rowan\u2069', 'Ｒｏｗａｎ', ' Rowan\u00A0', 'Ro\u00ADwan', '\uFEFFRowan', 'Row\u2060an']) {
      expect(normaliseName(lookalike), JSON.stringify(lookalike)).toBe('Rowan');
    }
    expect(normaliseName('van  der\tBerg')).toBe('van der Berg');
  });

  it('keeps real letters, accents (composed) and scripts', () => {
    expect(normaliseName('Zoë')).toBe('Zoë');
    expect(normaliseName('Zoe\u0308')).toBe('Zoë');
    expect(normaliseName('O’Brien-Ng')).toBe('O’Brien-Ng');
    expect(normaliseName('محمد')).toBe('محمد');
  });
});

describe('PersonNameSchema', () => {
  it('stores the normalised name and refuses one that is only invisible characters', () => {
    expect(PersonNameSchema.parse('\u200BRowan\u200D')).toBe('Rowan');
    const r = PersonNameSchema.safeParse('\u200B\u202E');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('required');
    expect(PersonNameSchema.safeParse('x'.repeat(100)).success).toBe(true);
    expect(PersonNameSchema.safeParse('x'.repeat(101)).success).toBe(false);
  });
});
