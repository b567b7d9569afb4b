// Cross-checks of the aggregated, radix-sorted implementations against deliberately naive per-time
// reference computations written straight from the textbook formulas (O(n·m), no shared code).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cifRows, cumulativeIncidence } from './cif';
import { coxPH } from './cox';
import { kaplanMeier, kmRows } from './km';
import { logRank } from './logrank';

const rows = (maxCause: number) =>
  fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 40 }).map((t) => t / 4),
      fc.integer({ min: 0, max: maxCause })
    ),
    { minLength: 1, maxLength: 80 }
  );

describe('against naive references', () => {
  it('KM: S(t) and Greenwood var(log S) at every distinct time', () => {
    fc.assert(
      fc.property(rows(1), (rs) => {
        const time = rs.map((r) => r[0]);
        const status = rs.map((r) => r[1]);
        const [c] = kaplanMeier({ time, status });
        const distinct = [...new Set(time)].sort((a, b) => a - b);
        let s = 1;
        let v = 0;
        kmRows(c!).forEach((row, j) => {
          const t = distinct[j]!;
          const n = time.filter((x) => x >= t).length;
          const d = rs.filter((r) => r[0] === t && r[1] === 1).length;
          if (d > 0) {
            s *= 1 - d / n;
            v += n > d ? d / (n * (n - d)) : Infinity;
          }
          expect(row.time).toBe(t);
          expect(row.nRisk).toBe(n);
          expect(row.survival).toBeCloseTo(s, 12);
          if (Number.isFinite(v)) expect(row.stdErrLog).toBeCloseTo(Math.sqrt(v), 10);
          else expect(row.stdErrLog).toBeNull();
        });
      })
    );
  });
  it('CIF: Aalen–Johansen estimate per cause', () => {
    fc.assert(
      fc.property(rows(2), (rs) => {
        const time = rs.map((r) => r[0]);
        const cause = rs.map((r) => r[1]);
        const [g] = cumulativeIncidence({ time, cause });
        const distinct = [...new Set(time)].sort((a, b) => a - b);
        for (const curve of g!.causes) {
          let s = 1;
          let f = 0;
          cifRows(curve).forEach((row, j) => {
            const t = distinct[j]!;
            const n = time.filter((x) => x >= t).length;
            const dk = rs.filter((r) => r[0] === t && r[1] === curve.cause).length;
            const d = rs.filter((r) => r[0] === t && r[1] > 0).length;
            f += (s * dk) / n;
            s *= 1 - d / n;
            expect(row.estimate).toBeCloseTo(f, 12);
          });
        }
      })
    );
  });
  it('Cox: without ties, the score test of a binary covariate is the log-rank test', () => {
    const data = fc
      .uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 4, maxLength: 40 })
      .chain((times) =>
        fc.tuple(
          fc.constant(times),
          fc.array(fc.integer({ min: 0, max: 1 }), { minLength: times.length, maxLength: times.length }),
          fc.array(fc.integer({ min: 0, max: 1 }), { minLength: times.length, maxLength: times.length })
        )
      );
    fc.assert(
      fc.property(data, ([time, status, g]) => {
        if (new Set(g).size < 2 || !status.includes(1)) return;
        let lr;
        try {
          lr = logRank({ time, status, group: g });
        } catch {
          return;
        }
        if (lr.variance[0]![0]! < 1e-8) return;
        const cox = coxPH({ time, status, covariates: { g } }, { maxIter: 1 });
        expect(cox.score.stat).toBeCloseTo(lr.chisq, 8);
      })
    );
  });
});
