import { describe, expect, it } from 'vitest';
import { compareSurvival } from './compare';
import { kaplanMeier, kmRows } from './km';
import { logRank } from './logrank';
import { gehan } from './textbook.fixtures';

describe('compareSurvival', () => {
  it('gives the same curves and test as kaplanMeier + logRank', () => {
    const data = { time: gehan.time, status: gehan.status, group: gehan.treat };
    const c = compareSurvival(data, { confType: 'log-log' });
    const km = kaplanMeier(data, { confType: 'log-log' });
    expect(c.curves.map(kmRows)).toEqual(km.map(kmRows));
    expect(c.logRank).toEqual(logRank(data));
    expect(c.logRank!.groups.map((g) => g.n)).toEqual([21, 21]);
  });
  it('no groups: no test', () => {
    expect(compareSurvival({ time: [1, 2], status: [1, 0] }).logRank).toBeNull();
  });
});
