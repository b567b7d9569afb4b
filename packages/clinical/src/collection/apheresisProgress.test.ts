import { describe, expect, it } from 'vitest';
import { apheresisProgress, apheresisStatus, defaultApheresisTargets } from './apheresisProgress';

// Duong HK et al. (ASBMT) BBMT 2014;20:1262: autologous min 2, target 4 (tandem: 4 / 8); allogeneic min 2, optimal 4, max 8 ×10^6/kg.
describe('apheresis progress', () => {
  const auto = defaultApheresisTargets('autologous');
  const allo = defaultApheresisTargets('allogeneic');

  it('has the §6.1 default targets', () => {
    expect(auto).toEqual({ minimum: 2, target: 4, maximum: null });
    expect(defaultApheresisTargets('autologous', { tandem: true })).toEqual({ minimum: 4, target: 8, maximum: null });
    expect(allo).toEqual({ minimum: 2, target: 4, maximum: 8 });
  });

  it('pins the status at the boundaries', () => {
    expect(apheresisStatus(1.99, auto)).toBe('below minimum');
    expect(apheresisStatus(2, auto)).toBe('minimum reached');
    expect(apheresisStatus(3.99, auto)).toBe('minimum reached');
    expect(apheresisStatus(3.999999, auto)).toBe('target reached');
    expect(apheresisStatus(4, auto)).toBe('target reached');
    expect(apheresisStatus(50, auto)).toBe('target reached');
    expect(apheresisStatus(8, allo)).toBe('target reached');
    expect(apheresisStatus(8.01, allo)).toBe('above maximum');
  });

  it('adds the days in date order and says whether another day is needed', () => {
    // 70 kg: 1.54e8 CD34+ = 2.2 ×10^6/kg, then 1.4e8 = 2.0 → 4.2.
    const one = apheresisProgress({
      recipientWeightKg: 70,
      targets: auto,
      days: [{ date: '2026-03-02', cd34Cells: 1.54e8 }],
    });
    expect(one.cumulativePerKg).toBe(2.2);
    expect(one.status).toBe('minimum reached');
    expect(one.remainingToTarget).toBe(1.8);
    expect(one.remainingToMinimum).toBe(0);
    expect(one.anotherDayNeeded).toBe(true);
    expect(one.message).toMatch(/another day is needed/);

    const two = apheresisProgress({
      recipientWeightKg: 70,
      targets: auto,
      days: [
        { date: '2026-03-03', cd34Cells: 1.4e8 },
        { date: '2026-03-02', cd34Cells: 1.54e8 },
      ],
    });
    expect(two.days.map((d) => [d.date, d.cd34PerKg, d.cumulativePerKg, d.status])).toEqual([
      ['2026-03-02', 2.2, 2.2, 'minimum reached'],
      ['2026-03-03', 2, 4.2, 'target reached'],
    ]);
    expect(two.status).toBe('target reached');
    expect(two.remainingToTarget).toBe(0);
    expect(two.anotherDayNeeded).toBe(false);
  });

  it('reaches exactly the target and the minimum', () => {
    expect(
      apheresisProgress({ recipientWeightKg: 80, targets: auto, days: [{ date: '2026-01-01', cd34Cells: 3.2e8 }] })
        .status
    ).toBe('target reached');
    expect(
      apheresisProgress({ recipientWeightKg: 80, targets: auto, days: [{ date: '2026-01-01', cd34Cells: 1.6e8 }] })
        .status
    ).toBe('minimum reached');
    const low = apheresisProgress({
      recipientWeightKg: 80,
      targets: auto,
      days: [{ date: '2026-01-01', cd34Cells: 1.59e8 }],
    });
    expect(low.status).toBe('below minimum');
    expect(low.remainingToMinimum).toBe(0.01);
  });

  it('flags an allogeneic collection above the maximum and counts uncounted days as nothing', () => {
    const p = apheresisProgress({
      recipientWeightKg: 50,
      targets: allo,
      days: [
        { date: '2026-01-01', cd34Cells: 4.5e8 },
        { date: '2026-01-02', cd34Cells: null },
      ],
    });
    expect(p.cumulativePerKg).toBe(9);
    expect(p.status).toBe('above maximum');
    expect(p.days[1]!.cd34PerKg).toBeNull();
    expect(p.anotherDayNeeded).toBe(false);
    const none = apheresisProgress({ recipientWeightKg: 50, targets: allo, days: [] });
    expect(none).toMatchObject({
      cumulativePerKg: 0,
      status: 'below minimum',
      remainingToTarget: 4,
      anotherDayNeeded: true,
    });
  });

  it('refuses impossible inputs', () => {
    expect(() => apheresisProgress({ recipientWeightKg: 0, targets: auto, days: [] })).toThrow(/weight/);
    expect(() => apheresisProgress({ recipientWeightKg: Number.POSITIVE_INFINITY, targets: auto, days: [] })).toThrow(
      /weight/
    );
    expect(() =>
      apheresisProgress({ recipientWeightKg: 70, targets: auto, days: [{ date: '2026-03-01', cd34Cells: -1 }] })
    ).toThrow(/CD34\+ count of 2026-03-01/);
    expect(() =>
      apheresisProgress({ recipientWeightKg: 70, targets: auto, days: [{ date: '2026-03-01', cd34Cells: Number.NaN }] })
    ).toThrow(/CD34\+ count/);
    expect(
      apheresisProgress({ recipientWeightKg: 70, targets: auto, days: [{ date: '2026-03-01', cd34Cells: 0 }] })
        .cumulativePerKg
    ).toBe(0);
    expect(() =>
      apheresisProgress({ recipientWeightKg: 70, targets: { minimum: 5, target: 4, maximum: null }, days: [] })
    ).toThrow(/targets/);
  });
});
