import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/contract/logs';
import { CSV_COLUMNS, csvCell, formatEntries } from '../../../src/logs/export';
import { entry } from './helpers';

const e = (over: Partial<LogEntry> = {}): LogEntry => ({ ...entry(), id: 1, receivedAt: '2026-03-01T10:00:00.000Z', ...over });

describe('export', () => {
  it('neutralises CSV formula injection and quotes what needs it', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const s of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('writes CSV with a header, one record per entry', () => {
    const out = formatEntries([e({ message: '=cmd|/C calc' }), e({ id: 2 })], 'csv', true).split('\n');
    expect(out[0]).toBe(CSV_COLUMNS.join(','));
    expect(out[1]).toContain(",'=cmd|/C calc,");
    expect(out).toHaveLength(4);
    expect(formatEntries([e()], 'csv', false).startsWith('1,')).toBe(true);
  });

  it('writes JSON lines that parse back to the entries', () => {
    const list = [e({ message: '视频丢失\n第二行' }), e({ id: 2 })];
    expect(formatEntries(list, 'jsonl', true).trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(list);
  });

  it('writes one text line per entry with control characters escaped', () => {
    const txt = formatEntries([e({ message: 'a\nb\x1b[31m', procid: '42' })], 'txt', false);
    expect(txt).toBe('2026-03-01T10:00:00.000Z 192.168.1.64:514 <kern.info> cam-lobby kernel[42]: a\\nb\\x1b[31m\n');
    expect(formatEntries([], 'txt', true)).toBe('');
  });
});
