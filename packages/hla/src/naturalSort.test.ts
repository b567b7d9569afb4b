import { describe, expect, it } from 'vitest';
import { compareNatural, sortUnique } from './naturalSort';

describe('natural sort', () => {
  it('orders numeric fields by value, not by text', () => {
    expect(['A*01:100', 'A*01:10', 'A*01:02', 'A*01:01:01:01', 'A*01:01'].sort(compareNatural)).toEqual([
      'A*01:01',
      'A*01:01:01:01',
      'A*01:02',
      'A*01:10',
      'A*01:100',
    ]);
    expect(['B*15:01', 'B*07:02', 'B*08:01'].sort(compareNatural)).toEqual(['B*07:02', 'B*08:01', 'B*15:01']);
    expect(['DRB1*15:01', 'DRB1*03:01', 'DQB1*06:02', 'A*02:01'].sort(compareNatural)).toEqual([
      'A*02:01',
      'DQB1*06:02',
      'DRB1*03:01',
      'DRB1*15:01',
    ]);
  });
  it('is a total order that sorts suffixed names after bare ones', () => {
    expect(['A*01:04N', 'A*01:04', 'A*01:03'].sort(compareNatural)).toEqual(['A*01:03', 'A*01:04', 'A*01:04N']);
    expect(compareNatural('x', 'x')).toBe(0);
    expect(sortUnique(['B12', 'B5', 'B5'])).toEqual(['B5', 'B12']);
  });
});
