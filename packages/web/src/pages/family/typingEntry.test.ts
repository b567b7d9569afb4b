import { describe, expect, it } from 'vitest';
import { glOfLoci } from './typingEntry';

describe('per-locus typing entry to a GL string', () => {
  it('joins positions with + and loci with ^ in locus order, adding the locus prefix where missing', () => {
    expect(
      glOfLoci({ DRB1: ['03:01', 'DRB1*15:01'], A: ['A*01:01', ' A*02:01 '], B: ['08:01', ''], C: ['', ''] })
    ).toBe('A*01:01+A*02:01^B*08:01^DRB1*03:01+DRB1*15:01');
  });

  it('gives an empty string when nothing is typed', () => {
    expect(glOfLoci({})).toBe('');
  });
});
