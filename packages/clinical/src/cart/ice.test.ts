import { describe, expect, it } from 'vitest';
import { IceInputSchema, scoreIce, type IceInput } from './ice';

const all = (v: boolean): IceInput =>
  Object.fromEntries(Object.keys(IceInputSchema.shape).map((k) => [k, v])) as IceInput;

describe('ICE score', () => {
  it('10/10 when every item is right, 0 when none', () => {
    expect(scoreIce(all(true)).score).toBe(10);
    expect(scoreIce(all(true)).explanation).toMatch(/no encephalopathy/);
    expect(scoreIce(all(false)).score).toBe(0);
  });
  it('counts each of the 10 items once, with the domain maxima 4/3/1/1/1', () => {
    for (const k of Object.keys(IceInputSchema.shape)) {
      expect(scoreIce({ ...all(true), [k]: false }).score).toBe(9);
      expect(scoreIce({ ...all(false), [k]: true }).score).toBe(1);
    }
    const r = scoreIce({ ...all(true), orientedCity: false, namedObject2: false, writesSentence: false });
    expect(r.score).toBe(7);
    expect(r.domains).toEqual({ orientation: 3, naming: 2, commands: 1, writing: 0, attention: 1 });
    expect(r.explanation).toBe('ICE 7/10: points lost in orientation 3/4, naming 2/3, writing 0/1');
  });
});
