import { describe, expect, it } from 'vitest';
import { addDays, todayIso } from './dates';
import { labFileFindings, labRowsFromCsv, labRowsFromFhirBundle } from './labImport';

const today = todayIso();
const csv = (...rows: [string, string, string, string][]) =>
  labRowsFromCsv(rows.map(([date, analyte, value, unit]) => ({ date, analyte, value, unit })));

describe('CSV import: values read exactly, dates strictly', () => {
  it('accepts digits, E notation and powers of ten', () => {
    const r = csv(
      [today, 'anc', '1.5', 'x10^9/L'],
      [today, 'platelets', '2.5e1', 'x10^9/L'],
      [today, 'wbc', '4 x 10^0', 'x10^9/L']
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => (x.kind === 'observation' ? x.observation.value : null))).toEqual([1.5, 25, 4]);
  });
  it.each([
    ['0x10', /hexadecimal/],
    ['1,5', /use a point for decimals/],
    ['12 abc', /not a number/],
    ['Infinity', /not a number/],
    ['1,000', /thousands separators/],
  ])('refuses %s with a line-numbered message on "value"', (value, message) => {
    const r = csv([today, 'anc', '1', 'x10^9/L'], [today, 'platelets', value, 'x10^9/L']);
    expect(r.rows).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 3, path: 'value' });
    expect(r.errors[0]!.message).toMatch(message);
  });
  it('refuses -5 (never stored as 0), and an empty value', () => {
    expect(csv([today, 'platelets', '-5', 'x10^9/L']).errors[0]).toMatchObject({
      line: 2,
      path: 'value',
      message: 'Platelets must not be negative (-5 ×10⁹/L)',
    });
    expect(csv([today, 'platelets', '', 'x10^9/L']).errors[0]).toMatchObject({
      line: 2,
      path: 'value',
      message: 'required',
    });
  });
  it('refuses 9999-01-01, 1800-01-01, three months ahead and non-calendar dates, on "date"', () => {
    for (const date of [
      '9999-01-01',
      '1800-01-01',
      addDays(today, 90),
      '2026-02-30',
      '2026-03-01T10:00',
      '01/03/2026',
    ]) {
      const r = csv([date, 'anc', '1', 'x10^9/L']);
      expect(r.errors, date).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ line: 2, path: 'date' });
    }
    const t = labRowsFromCsv([{ date: '9999-01-01', analyte: 'platelet-transfusion', value: '', unit: '' }]);
    expect(t.errors[0]).toMatchObject({ line: 2, path: 'date' });
  });
  it('platelets 5000 ×10⁹/L are refused; 1001 is a finding for line 2', () => {
    expect(csv([today, 'platelets', '5000', 'x10^9/L']).errors[0]).toMatchObject({ line: 2, path: 'value' });
    const r = csv([today, 'platelets', '1001', 'x10^9/L'], [today, 'anc', '2', 'x10^9/L']);
    expect(r.errors).toEqual([]);
    expect(labFileFindings(r.rows)).toEqual([
      { field: 'line 2: value', message: expect.stringMatching(/Platelets 1001/) as string },
    ]);
  });
  it('refuses names of built-in object properties as units or analytes ("constructor", "toString")', () => {
    expect(csv([today, 'anc', '5', 'constructor']).errors).toEqual([
      { line: 2, path: 'unit', message: expect.stringMatching(/^unit constructor is not accepted for ANC/) as string },
    ]);
    const r = csv([today, 'toString', '5', 'x10^9/L']);
    expect(r.rows).toEqual([]);
    expect(r.errors).toMatchObject([{ line: 2, path: 'analyte' }]);
  });
});

describe('FHIR import', () => {
  const bundle = (value: unknown, effectiveDateTime: unknown) => ({
    resourceType: 'Bundle',
    entry: [
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
          valueQuantity: { value, code: '10*9/L' },
          effectiveDateTime,
        },
      },
    ],
  });
  it('accepts a JSON number and a FHIR dateTime', () => {
    const r = labRowsFromFhirBundle(bundle(150, `${today}T08:30:00+01:00`));
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });
  it('refuses a value written as text ("0x10", "16")', () => {
    for (const v of ['0x10', '16']) {
      expect(labRowsFromFhirBundle(bundle(v, today)).errors[0]).toMatchObject({ line: 1, path: 'resource.value' });
    }
  });
  it('refuses a date with trailing text, a partial date and 9999', () => {
    for (const d of [`${today}garbage`, today.slice(0, 7), '9999-01-01T00:00:00Z']) {
      expect(labRowsFromFhirBundle(bundle(150, d)).errors[0], d).toMatchObject({
        line: 1,
        path: 'resource.observedOn',
      });
    }
  });
  it('flags an implausible value as a finding on its entry', () => {
    expect(labFileFindings(labRowsFromFhirBundle(bundle(1500, today)).rows)).toEqual([
      { field: 'line 1: resource.value', message: expect.any(String) as string },
    ]);
  });
});
