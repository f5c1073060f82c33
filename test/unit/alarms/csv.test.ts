import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, parseCsv } from '../../../src/alarms/csv';

describe('RFC 4180 CSV parser', () => {
  it('reads quoted commas, doubled quotes, CRLF and newlines inside quotes, with the starting line of each row', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\r\n3,,\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\r\nlines', 'z'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('accepts LF-only files, a BOM, a missing final newline, and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('reports a malformed row and resumes at the next line', () => {
    expect(parseCsv('a,b\nx,bad"quote\n"ok",1\n"closed"junk,2\n"never closed,3\nlast,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'stray quote inside unquoted field 2 (quote the field and double the quote)' },
      { line: 3, fields: ['ok', '1'] },
      { line: 4, error: 'unexpected character after a closing quote in field 1' },
      { line: 5, error: 'quoted field is never closed' },
    ]);
  });
});

describe('CSV writer', () => {
  it('neutralises formula injection: cells starting with = + - @ tab CR get a leading quote', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) expect(csvCell(bad).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://e")')).toBe(`"'=HYPERLINK(""http://e"")"`);
    expect(csvCell('normal')).toBe('normal');
    // Numbers are values, not text: negative numbers stay numbers.
    expect(csvCell(-5)).toBe('-5');
    expect(csvLine(['a,b', null, 3])).toBe('"a,b",,3\r\n');
  });

  it('round-trips through the parser', () => {
    const cells = ['x, "y"', 'multi\nline', '', '普通话'];
    expect(parseCsv(csvLine(cells))).toEqual([{ line: 1, fields: cells }]);
  });
});
