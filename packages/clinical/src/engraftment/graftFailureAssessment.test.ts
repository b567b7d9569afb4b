import { describe, expect, it } from 'vitest';
import { dateOfDay } from '../days';
import { assessGraftFailure, RECOVERY_CONFIRMATION_WINDOW_DAYS } from './graftFailureAssessment';

const DAY0 = '2026-01-01';
/** ANC values by day relative to day 0. */
const anc = (byDay: Record<number, number>) =>
  Object.entries(byDay).map(([d, value]) => ({ date: dateOfDay(DAY0, Number(d)), value }));
const assess = (
  byDay: Record<number, number>,
  asOfDay: number,
  graftSource: 'pbsc' | 'bone-marrow' | 'cord-blood' = 'pbsc'
) => assessGraftFailure({ infusionDate: DAY0, anc: anc(byDay), asOfDay, graftSource });

/** Aplastic from D+1 to D+29, then ANC >= 0.5 from D+30 on the days given. */
const recoveringOnDay30 = (upTo: number) => {
  const v: Record<number, number> = {};
  for (let d = 1; d <= 29; d++) v[d] = 0.1;
  for (let d = 30; d <= upTo; d++) v[d] = 0.8;
  return v;
};

describe('graft failure assessment (ASTCT 2021 limit D+30 for PBSC)', () => {
  it('no aplasia: ANC never below 0.5 is never graft failure, whatever the day', () => {
    const v: Record<number, number> = { 1: 0.9, 5: 0.6, 12: 0.5 };
    for (const day of [29, 30, 31, 60]) {
      const r = assess(v, day);
      expect(r).toMatchObject({ status: 'no-aplasia', primaryGraftFailure: false, alert: false });
    }
    expect(assess(v, 31).explanation).toMatch(/never fell below 0.5/);
  });

  it('no counts after day 0: cannot be assessed, no alert, no "graft failure"', () => {
    expect(assess({ [-3]: 0.1 }, 40)).toMatchObject({ status: 'no-counts', primaryGraftFailure: null, alert: false });
  });

  it('aplasia without any recovery: awaiting up to D+30, primary graft failure from D+31', () => {
    const v: Record<number, number> = {};
    for (let d = 1; d <= 33; d++) v[d] = 0.1;
    expect(assess(v, 29)).toMatchObject({ status: 'awaiting-recovery', primaryGraftFailure: null, alert: false });
    expect(assess(v, 30)).toMatchObject({ status: 'awaiting-recovery', primaryGraftFailure: null, alert: false });
    expect(assess(v, 31)).toMatchObject({ status: 'primary-graft-failure', primaryGraftFailure: true, alert: true });
    expect(assess(v, 33)).toMatchObject({ status: 'primary-graft-failure', primaryGraftFailure: true, alert: true });
  });

  it('first ANC >= 0.5 on D+30: "not yet" on D+31 and D+32 until D+32 confirms it, then recovered', () => {
    expect(assess(recoveringOnDay30(29), 29).status).toBe('awaiting-recovery');
    expect(assess(recoveringOnDay30(30), 30).status).toBe('awaiting-recovery');
    // D+31: the D+30 and D+31 values are known, the third is not: not graft failure yet.
    expect(assess(recoveringOnDay30(31), 31)).toMatchObject({
      status: 'recovery-pending-confirmation',
      primaryGraftFailure: null,
      alert: false,
    });
    // D+32's value not yet in on D+32: still pending.
    expect(assess(recoveringOnDay30(31), 32)).toMatchObject({ status: 'recovery-pending-confirmation', alert: false });
    expect(assess(recoveringOnDay30(32), 32)).toMatchObject({
      status: 'recovered',
      primaryGraftFailure: false,
      alert: false,
    });
    expect(assess(recoveringOnDay30(33), 33)).toMatchObject({
      status: 'recovered',
      primaryGraftFailure: false,
      alert: false,
    });
  });

  it('the pending run broken on D+32: primary graft failure on D+32', () => {
    const v = { ...recoveringOnDay30(31), 32: 0.3 };
    expect(assess(v, 32)).toMatchObject({ status: 'primary-graft-failure', primaryGraftFailure: true, alert: true });
  });

  it('the pending run is awaited for a week from its first value, then graft failure is declared', () => {
    const v = recoveringOnDay30(31);
    expect(assess(v, 30 + RECOVERY_CONFIRMATION_WINDOW_DAYS - 1).status).toBe('recovery-pending-confirmation');
    expect(assess(v, 30 + RECOVERY_CONFIRMATION_WINDOW_DAYS)).toMatchObject({
      status: 'primary-graft-failure',
      alert: true,
    });
  });

  it('a run that begins on D+31 comes too late: primary graft failure on D+31, late recovery once confirmed', () => {
    const v: Record<number, number> = {};
    for (let d = 1; d <= 30; d++) v[d] = 0.1;
    v[31] = 0.7;
    expect(assess(v, 31)).toMatchObject({ status: 'primary-graft-failure', alert: true });
    expect(assess({ ...v, 32: 0.7, 33: 0.9 }, 33)).toMatchObject({
      status: 'late-recovery',
      primaryGraftFailure: true,
      alert: false,
    });
  });

  it('cord blood waits until D+42', () => {
    const v: Record<number, number> = {};
    for (let d = 1; d <= 43; d++) v[d] = 0.1;
    expect(assess(v, 42, 'cord-blood')).toMatchObject({ status: 'awaiting-recovery', limitDay: 42 });
    expect(assess(v, 43, 'cord-blood')).toMatchObject({ status: 'primary-graft-failure', alert: true });
  });

  it('results dated after "today" are not used', () => {
    expect(assess(recoveringOnDay30(32), 31).status).toBe('recovery-pending-confirmation');
  });

  it('secondary graft failure: 3 consecutive ANC < 0.5 after recovery, cleared by a new recovery run', () => {
    const v: Record<number, number> = { 3: 0.1, 15: 1.2, 16: 1.5, 17: 2, 40: 0.4, 41: 0.3 };
    expect(assess(v, 41)).toMatchObject({ status: 'recovered', alert: false });
    expect(assess({ ...v, 42: 0.2 }, 42)).toMatchObject({
      status: 'secondary-graft-failure',
      secondaryGraftFailure: true,
      primaryGraftFailure: false,
      alert: true,
    });
    expect(assess({ ...v, 42: 0.2, 50: 1, 51: 1, 52: 1 }, 52)).toMatchObject({ status: 'recovered', alert: false });
  });
});
