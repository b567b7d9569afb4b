import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCif, runKm } from './run';

const collect = (write: (sink: (chunk: Uint8Array) => void) => void): string => {
  const parts: Uint8Array[] = [];
  write((b) => parts.push(b));
  return Buffer.concat(parts).toString('utf8');
};

// Random subjects: times with ties (whole days) or decimals, a few groups, all-censored groups included.
const subjects = fc.array(
  fc.tuple(
    fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 100, noNaN: true })),
    fc.integer({ min: 0, max: 2 }),
    fc.constantFrom('A', 'B', 'x "q"', '7')
  ),
  { minLength: 1, maxLength: 60 }
);

describe('streamed JSON equals JSON.stringify of the json contract', () => {
  it('km: grouped and not, with numbers at risk, NaN limits written as null', () => {
    fc.assert(
      fc.property(subjects, fc.boolean(), fc.constantFrom('log', 'log-log', 'plain'), (rows, grouped, confType) => {
        const csv = `t,e,g\n${rows.map(([t, c, g]) => `${t},${c > 0 ? 1 : 0},"${g.replaceAll('"', '""')}"`).join('\n')}\n`;
        const args = { time: 't', event: 'e', confLevel: 0.9, confType, ...(grouped ? { group: 'g' } : {}) } as const;
        const r = runKm(csv, { ...args, at: [0, 10] });
        expect(collect(r.writeJson)).toBe(`${JSON.stringify(r.json)}\n`);
        const plain = runKm(csv, args);
        expect(collect(plain.writeJson)).toBe(`${JSON.stringify(plain.json)}\n`);
      }),
      { numRuns: 150 }
    );
  });
  it('cif: causes per group and Gray’s test', () => {
    fc.assert(
      fc.property(subjects, fc.boolean(), (rows, grouped) => {
        const csv = `t,c,g\n${rows.map(([t, c, g]) => `${t},${c},"${g.replaceAll('"', '""')}"`).join('\n')}\n`;
        const r = runCif(csv, { time: 't', cause: 'c', ...(grouped ? { group: 'g' } : {}) });
        expect(collect(r.writeJson)).toBe(`${JSON.stringify(r.json)}\n`);
      }),
      { numRuns: 150 }
    );
  });
  it('a table with NaN standard errors (survival reaches 0) writes null like JSON.stringify', () => {
    const r = runKm('t,e\n1,1\n2,1\n', { time: 't', event: 'e', confLevel: 0.95, confType: 'log' });
    const text = collect(r.writeJson);
    expect(text).toContain('"lower":null');
    expect(text).toBe(`${JSON.stringify(r.json)}\n`);
  });
});
