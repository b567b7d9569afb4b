import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readColumns, type ColumnSpec } from './columnar';
import { labelColumn, numberColumn, parseCsv } from './csv';

const enc = (s: string) => Buffer.from(s, 'utf8');
const specs = (...names: [string, 'number' | 'label'][]): ColumnSpec[] =>
  names.map(([name, kind]) => ({ name, option: `--${name}`, kind }));

describe('readColumns: RFC 4180 CSV into typed columns', () => {
  it('reads quoted fields, escaped quotes, CRLF, BOM, blank lines and a last line without newline', () => {
    const t = readColumns(
      enc('\uFEFFid,name,t\r\n1,"Smith, J ""Jr""",5\r\n\r\n2," multi\nline",7.25\n3, x ,"8"'),
      specs(['t', 'number'], ['name', 'label'])
    );
    expect(t.header).toEqual(['id', 'name', 't']);
    expect(t.rows).toBe(3);
    expect([...t.numbers.get('t')!]).toEqual([5, 7.25, 8]);
    expect(t.labels.get('name')).toEqual({
      levels: ['Smith, J "Jr"', ' multi\nline', 'x'],
      codes: Int32Array.of(0, 1, 2),
    });
  });
  it('interns labels; all-numeric labels become numbers', () => {
    const t = readColumns(enc('g,h\nB,2\nA,10\nB,2\n"A",10\n'), specs(['g', 'label'], ['h', 'label']));
    expect(t.labels.get('g')).toEqual({ levels: ['B', 'A'], codes: Int32Array.of(0, 1, 0, 1) });
    expect(t.labels.get('h')).toEqual({ levels: [2, 10], codes: Int32Array.of(0, 1, 0, 1) });
  });
  it('reports malformed input with the line number', () => {
    const s = specs(['a', 'number']);
    expect(() => readColumns(enc(''), s)).toThrow(/empty/);
    expect(() => readColumns(enc('a,b\n1,2,3\n'), specs(['a', 'number']))).toThrow(
      /line 2: 3 fields, but the header has 2/
    );
    expect(() => readColumns(enc('a,b\n1,2\n\n4\n'), specs(['a', 'number']))).toThrow(
      /line 4: 1 fields, but the header has 2/
    );
    expect(() => readColumns(enc('a\n1\n"x\n'), s)).toThrow(/line 3: unterminated quoted field/);
    expect(() => readColumns(enc('a\n"x"y\n'), s)).toThrow(/line 2: characters after a closing quote/);
    expect(() => readColumns(enc('a\nx"y\n'), s)).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => readColumns(enc('a,g\n1,"two\nlines"\nx,B\n'), specs(['a', 'number'], ['g', 'label']))).toThrow(
      /line 4: column a must be a number, got "x"/
    );
    expect(() => readColumns(enc('a\n1\n\n'), specs(['b', 'number']))).toThrow(/--b b: no such column \(columns: a\)/);
    expect(() => readColumns(enc('a,g\n1,\n'), specs(['g', 'label']))).toThrow(/line 2: column g is empty/);
    const check: ColumnSpec = { name: 'a', option: '--a', kind: 'number', check: (v) => (v > 1 ? '≤ 1' : undefined) };
    expect(() => readColumns(enc('a\n1\n2\n'), [check])).toThrow(/line 3: column a must be ≤ 1, got 2/);
  });
  it('refuses empty, blank and non-finite numbers', () => {
    for (const bad of ['', ' ', 'Infinity', '1e999', 'NaN', '1x', '--1', '.', '-']) {
      expect(() => readColumns(enc(`a,b\n${bad},0\n`), specs(['a', 'number']))).toThrow(
        /line 2: column a must be a number/
      );
    }
  });
  it('converts every number exactly as Number() does (fast path and fall-back), boundaries included', () => {
    const cases = [
      '0',
      '-0',
      '00012',
      '1.',
      '.5',
      '-.5',
      '+5',
      '0x10',
      '1e3',
      '2.5E-3',
      '123456789012345',
      '1234567890123456',
      '9007199254740993',
      '0.1',
      '0.30000000000000004',
      '3650.000000000000000000001',
      '1.0000000000000000000000',
      '0.000000000000000000001',
      '0.0000000000000000000001',
      '99999999999999.9',
      '999999999999999.9',
    ];
    const t = readColumns(enc(`a\n${cases.join('\n')}\n`), specs(['a', 'number']));
    expect([...t.numbers.get('a')!]).toEqual(cases.map(Number));
    expect(Object.is(t.numbers.get('a')![1], -0)).toBe(true);
  });
  it('property: numbers from random decimals equal Number(text)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.stringMatching(/^\d{0,25}$/))),
        (xs) => {
          const texts = xs.map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}`);
          const t = readColumns(enc(`a\n${texts.join('\n')}\n`), specs(['a', 'number']));
          expect([...t.numbers.get('a')!]).toEqual(texts.map(Number));
        }
      )
    );
  });
  it('property: the same columns as the csv-parse reader on random quoted tables', () => {
    const cell = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer({ min: -5, max: 5000 }).map(String)
    );
    const label = fc.constantFrom('A', 'B', 'a b', 'x,y', 'say "hi"', 'two\nlines', '1', '2', 'é');
    const quote = (s: string, force: boolean) => (force || /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, label, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const csv = ['t,g', ...rows.map(([c, l, qc, ql]) => `${quote(c, qc)},${quote(l, ql)}`)].join(eol) + eol;
          const ref = parseCsv(csv);
          const t = readColumns(enc(csv), specs(['t', 'number'], ['g', 'label']));
          expect([...t.numbers.get('t')!]).toEqual(numberColumn(ref, 't', '--t'));
          const g = t.labels.get('g')!;
          expect(Array.from(g.codes, (c) => g.levels[c])).toEqual(labelColumn(ref, 'g', '--g'));
        }
      )
    );
  });
});
