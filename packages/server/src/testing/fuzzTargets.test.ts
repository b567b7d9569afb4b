import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, fuzzAll } from './fuzzTargets';

// A sample of `npm run bench -- fuzz` on every test run (issue 14): a new crash path fails the build.
describe('fuzzing every parser of outside input', () => {
  it('covers the lab files, GL strings, donor files, DINs and ISBT 128 codes', () => {
    expect(FUZZ_TARGETS.map((t) => t.name).join(' ')).toMatch(
      /CSV.*FHIR.*GL.*typing.*donor registry file.*DIN.*product code.*chain of identity.*Single European Code/
    );
  });

  it('finds no crash in 1,500 inputs per parser', () => {
    const outcomes = fuzzAll(1500, Date.now() % 100_000);
    for (const o of outcomes) expect(o, o.name).toMatchObject({ inputs: 1500, crashes: 0 });
  }, 60_000);
});
