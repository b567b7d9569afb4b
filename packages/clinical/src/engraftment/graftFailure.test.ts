import { describe, expect, it } from 'vitest';
import { checkPrimaryGraftFailure, chimerismCategory } from './graftFailure';

describe('primary graft failure', () => {
  it('ASTCT 2021 default: day +30 for PBSC/marrow, +42 for cord', () => {
    expect(
      checkPrimaryGraftFailure({ graftSource: 'pbsc', neutrophilRecoveryDay: 30, asOfDay: 40 }).primaryGraftFailure
    ).toBe(false);
    expect(
      checkPrimaryGraftFailure({ graftSource: 'pbsc', neutrophilRecoveryDay: 31, asOfDay: 40 }).primaryGraftFailure
    ).toBe(true);
    expect(
      checkPrimaryGraftFailure({ graftSource: 'bone-marrow', neutrophilRecoveryDay: null, asOfDay: 30 })
        .primaryGraftFailure
    ).toBeNull();
    expect(
      checkPrimaryGraftFailure({ graftSource: 'bone-marrow', neutrophilRecoveryDay: null, asOfDay: 31 })
        .primaryGraftFailure
    ).toBe(true);
    expect(
      checkPrimaryGraftFailure({ graftSource: 'cord-blood', neutrophilRecoveryDay: 40, asOfDay: 50 })
        .primaryGraftFailure
    ).toBe(false);
    expect(
      checkPrimaryGraftFailure({ graftSource: 'cord-blood', neutrophilRecoveryDay: null, asOfDay: 42 })
        .primaryGraftFailure
    ).toBeNull();
    expect(
      checkPrimaryGraftFailure({ graftSource: 'cord-blood', neutrophilRecoveryDay: null, asOfDay: 43 }).limitDay
    ).toBe(42);
  });
  it('[VERIFY] option: EBMT day +28 and custom days', () => {
    const r = checkPrimaryGraftFailure(
      { graftSource: 'pbsc', neutrophilRecoveryDay: 29, asOfDay: 40 },
      { definition: 'ebmt-2019' }
    );
    expect(r.primaryGraftFailure).toBe(true);
    expect(r.explanation).toMatch(/ebmt-2019/);
    const c = checkPrimaryGraftFailure(
      { graftSource: 'pbsc', neutrophilRecoveryDay: null, asOfDay: 22 },
      { definition: 'custom', customDays: { pbsc: 21, 'bone-marrow': 28, 'cord-blood': 42 } }
    );
    expect(c.primaryGraftFailure).toBe(true);
    expect(() =>
      checkPrimaryGraftFailure(
        { graftSource: 'pbsc', neutrophilRecoveryDay: null, asOfDay: 1 },
        { definition: 'custom' }
      )
    ).toThrow();
  });
});

describe('chimerism category', () => {
  it.each([
    [100, 'full-donor'],
    [95.1, 'full-donor'],
    [95, 'mixed'],
    [80, 'mixed'],
    [5, 'mixed'],
    [4.9, 'loss-of-graft'],
    [0, 'loss-of-graft'],
  ])('ASTCT: %f%% -> %s', (p, c) => expect(chimerismCategory({ donorPercent: p }).category).toBe(c));
  it.each([
    [80, 'full-donor'],
    [79.9, 'mixed'],
    [5, 'mixed'],
    [4.9, 'loss-of-graft'],
  ])('[VERIFY] CIBMTR 80%% scheme: %f%% -> %s', (p, c) =>
    expect(chimerismCategory({ donorPercent: p }, { scheme: 'cibmtr-80' }).category).toBe(c)
  );
});
