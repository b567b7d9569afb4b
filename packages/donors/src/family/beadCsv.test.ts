import { describe, expect, it } from 'vitest';
import { parseBeadCsv } from './beadCsv';

const today = '2026-12-06';

describe('single-antigen bead CSV', () => {
  it('reads a LABScreen-style export with allele specificities, heterodimers and normalised MFI', () => {
    const csv = [
      'Sample ID,Bead ID,Allele Specificity,Normalized Value,Test Date',
      'PAT-7,3,A*02:01,6210,2026-11-20',
      'PAT-7,4,HLA-B*44:02,812.5,2026-11-20',
      'PAT-7,85,"DQA1*05:01, DQB1*02:01",15400,2026-11-20',
      '',
    ].join('\r\n');
    expect(parseBeadCsv(csv, { today })).toEqual({
      ok: true,
      sampleId: 'PAT-7',
      results: [
        { specificity: 'A*02:01', mfi: 6210, testedOn: '2026-11-20' },
        { specificity: 'B*44:02', mfi: 812.5, testedOn: '2026-11-20' },
        { specificity: 'DQA1*05:01~DQB1*02:01', mfi: 15400, testedOn: '2026-11-20' },
      ],
    });
  });

  it('reads antigen-level specificities with the date given by the import', () => {
    const r = parseBeadCsv('Antigen,MFI\nA2,1200\nCw4,300\nDQ7,5100\n', { today, defaultDate: '2026-10-01' });
    expect(r).toMatchObject({
      ok: true,
      results: [{ specificity: 'A2' }, { specificity: 'Cw4' }, { specificity: 'DQ7' }],
    });
  });

  it('refuses the whole file, naming line and column of every bad row', () => {
    const csv = [
      'Specificity,MFI,Date',
      'A*02:01,6210,2026-11-20',
      'A*99,100,2026-11-20',
      'B44,-5,2026-11-20',
      'B8,1e4,2026-11-20',
      'DR4,900,2027-01-01',
      'DR52,900,20/11/2026',
      'DR51,250000,2026-11-20',
    ].join('\n');
    const r = parseBeadCsv(csv, { today });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      { line: 3, column: 'Specificity', message: '"A*99" is not an HLA allele (A*02:01) or antigen (A2)' },
      { line: 4, column: 'MFI', message: '"-5" is not an MFI (0 to 100000)' },
      { line: 5, column: 'MFI', message: '"1e4" is not an MFI (0 to 100000)' },
      { line: 6, column: 'Date', message: '2027-01-01 is in the future' },
      { line: 7, column: 'Date', message: '"20/11/2026" is not a date (YYYY-MM-DD)' },
      { line: 8, column: 'MFI', message: '"250000" is not an MFI (0 to 100000)' },
    ]);
  });

  it('refuses a file without the columns it needs, an empty file, and several samples in one file', () => {
    expect(parseBeadCsv('Bead,Value\n1,200\n', { today })).toMatchObject({
      ok: false,
      errors: [
        { line: 1, column: 'specificity' },
        { line: 1, column: 'date' },
      ],
    });
    expect(parseBeadCsv('\n\n', { today })).toMatchObject({ ok: false, errors: [{ message: 'the file is empty' }] });
    expect(
      parseBeadCsv('Sample,Specificity,MFI,Date\nP1,A2,100,2026-11-01\nP2,A2,100,2026-11-01\n', { today })
    ).toMatchObject({
      ok: false,
      errors: [{ message: "the file holds 2 samples: import one patient's sample per file" }],
    });
    expect(parseBeadCsv('Specificity,MFI,Date\n"A2,100,2026-11-01\n', { today })).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: 'unterminated quoted field' }],
    });
  });
});
