import { describe, expect, it } from 'vitest';
import { followUpSchedule, timepointLabel } from './followUp';

describe('follow-up schedule from day 0', () => {
  it('lists visits at day 30, 100, 6 months, then yearly to 15 years for CAR-T (genetically modified)', () => {
    const s = followUpSchedule('car-t', '2026-01-01');
    const visits = s.filter((i) => i.kind === 'visit');
    expect(visits.map((v) => v.day)).toEqual([30, 100, 180, ...Array.from({ length: 15 }, (_, i) => (i + 1) * 365)]);
    expect(visits[0]).toMatchObject({ key: 'visit-d30', dueDate: '2026-01-31' });
    expect(s.find((i) => i.key === 'cibmtr-4000')).toMatchObject({ day: 30 });
    expect(s.some((i) => i.key.startsWith('cibmtr-2450'))).toBe(false);
  });
  it('uses the TED forms for HCT, due from day 0, and a 6-year horizon for non-modified cell therapy', () => {
    const hct = followUpSchedule('allogeneic-hct', '2026-01-01');
    expect(hct.find((i) => i.key === 'cibmtr-2400')).toMatchObject({ day: 0, dueDate: '2026-01-01' });
    expect(
      hct
        .filter((i) => i.key.startsWith('cibmtr-2450'))
        .map((i) => i.day)
        .slice(0, 3)
    ).toEqual([100, 180, 365]);
    expect(hct.find((i) => i.key === 'ebmt-registration-d100')?.dueDate).toBe('2026-04-11');
    const other = followUpSchedule('other-cell-therapy', '2026-01-01');
    expect(Math.max(...other.filter((i) => i.kind === 'visit').map((i) => i.day))).toBe(6 * 365);
  });
  it('names time points as clinicians do', () => {
    expect([30, 100, 180, 365, 730].map(timepointLabel)).toEqual([
      'day 30',
      'day 100',
      '6 months',
      '1 year',
      '2 years',
    ]);
  });
});
