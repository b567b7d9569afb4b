import { describe, expect, it } from 'vitest';
import { labelColumn, numberColumn, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, CRLF, BOM and skips blank lines', () => {
    const t = parseCsv('\uFEFFid,name,t\r\n1,"Smith, J ""Jr""",5\r\n\r\n2," multi\nline",7\n');
    expect(t.header).toEqual(['id', 'name', 't']);
    expect(t.rows).toEqual([
      ['1', 'Smith, J "Jr"', '5'],
      ['2', ' multi\nline', '7'],
    ]);
    expect(t.lines).toEqual([2, 4]);
  });
  it('handles a last line without newline and trims unquoted fields', () => {
    expect(parseCsv('a,b\n 1 , 2').rows).toEqual([['1', '2']]);
  });
  it('reports malformed input with line numbers', () => {
    expect(() => parseCsv('')).toThrow(/empty/);
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/line 2: 3 fields, but the header has 2/);
    expect(() => parseCsv('a\n"x\n')).toThrow(/line 2: unterminated quoted field/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/characters after a closing quote/);
  });
  it('typed columns', () => {
    const t = parseCsv('t,g,h\n1.5,2,a\nx,10,b\n');
    expect(() => numberColumn(t, 't', '--time')).toThrow(/line 3: column t must be a number, got "x"/);
    expect(() => numberColumn(t, 'nope', '--time')).toThrow(/--time nope: no such column \(columns: t, g, h\)/);
    expect(labelColumn(t, 'g', '--group')).toEqual([2, 10]);
    expect(labelColumn(t, 'h', '--group')).toEqual(['a', 'b']);
    expect(() => labelColumn(parseCsv('g\n""\n'), 'g', '--group')).toThrow(/line 2: column g is empty/);
  });
});
