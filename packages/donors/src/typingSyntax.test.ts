import { describe, expect, it } from 'vitest';
import { TypingError } from './typing';
import { checkTypingSyntax } from './typingSyntax';

describe('checkTypingSyntax', () => {
  it('reads well-formed GL typings: alleles, groups, MACs, XX codes, ambiguity and phase', () => {
    expect(checkTypingSyntax('A*01:01+A*02:01^B*08:01+B*07:02')).toEqual({
      A: 'A*01:01+A*02:01',
      B: 'B*08:01+B*07:02',
    });
    for (const ok of [
      'A*01:01:01:01',
      'A*01:01N',
      'A*01:01:01G',
      'A*01:AB',
      'A*01:XX',
      'A*01:01/A*01:02+A*02:01',
      'DRB1*15:01|DRB1*15:02',
      'A*99:99',
    ]) {
      expect(() => checkTypingSyntax(ok), ok).not.toThrow();
    }
  });

  it('refuses the malformed names a donor record stored (issue 14), naming the locus', () => {
    for (const bad of [
      'A*:01',
      'A*01::01',
      'A*01:01:01:01:01',
      'A*01:01+A*:01',
      'B*08:01^A*1',
      'A*01:01 A*02:01',
      'A*01:01^A*02:01',
    ]) {
      expect(() => checkTypingSyntax(bad), bad).toThrow(TypingError);
    }
  });
});
