import { describe, expect, it } from 'vitest';
import {
  isBindAddress, listenArgs, parsePort, serialArgs, DEFAULT_LISTEN,
} from '../../../renderer/src/features/logs/capture-forms';
import { entryMatches } from '../../../renderer/src/features/logs/entry-match';
import { collectExport, exportFileName } from '../../../renderer/src/features/logs/export-file';
import { draftToFilter, EMPTY_DRAFT, isFiltered } from '../../../renderer/src/features/logs/filter-form';
import { listKeyTarget } from '../../../renderer/src/features/logs/list-keys';
import { highlightSegments, matchesAllTokens, searchTokens } from '../../../renderer/src/features/logs/search-terms';
import { facilityLabel, severityKey, severityTone } from '../../../renderer/src/features/logs/severity';
import { addDevices, mergeRows, recentValues } from '../../../renderer/src/features/logs/tail-rows';
import type { LogExportPage } from '../../../src/contract';
import { entry } from './logs-helpers';

const hits = (text: string, q: string) =>
  highlightSegments(text, searchTokens(q)).filter((s) => s.hit).map((s) => s.text);

describe('search terms and highlighting', () => {
  it('splits search text into Latin words and CJK runs, lower-cased, without punctuation or repeats', () => {
    expect(searchTokens('Link DOWN, link "eth0:"  视频丢失')).toEqual([
      { text: 'link', cjk: false },
      { text: 'down', cjk: false },
      { text: 'eth0', cjk: false },
      { text: '视频丢失', cjk: true },
    ]);
    expect(searchTokens('  ::: ')).toEqual([]);
    expect(searchTokens(undefined)).toEqual([]);
  });

  it('marks a Latin word only where a word starts (prefix match, like the FTS index)', () => {
    expect(hits('eth0: Link is Down; relink', 'link')).toEqual(['Link']);
    expect(hits('eth0 and eth1 up', 'eth')).toEqual(['eth', 'eth']);
    expect(hits('method', 'eth')).toEqual([]);
  });

  it('marks Chinese anywhere, and keeps the rest of the text as it was', () => {
    const segs = highlightSegments('通道2 视频丢失 (VLOSS)', searchTokens('丢失 vloss'));
    expect(segs).toEqual([
      { text: '通道2 视频', hit: false },
      { text: '丢失', hit: true },
      { text: ' (', hit: false },
      { text: 'VLOSS', hit: true },
      { text: ')', hit: false },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe('通道2 视频丢失 (VLOSS)');
  });

  it('prefers the longer token where two start at the same place', () => {
    expect(hits('eth0 down', 'eth eth0')).toEqual(['eth0']);
  });

  it('treats regular-expression characters in the search as text', () => {
    expect(hits('a+b (c) [d]', 'a+b')).toEqual(['a', 'b']);
    expect(() => highlightSegments('x', searchTokens('.*('))).not.toThrow();
  });

  it('needs every token somewhere in the texts', () => {
    const toks = searchTokens('link 丢失');
    expect(matchesAllTokens(['eth0: Link is Down', '视频丢失'], toks)).toBe(true);
    expect(matchesAllTokens(['eth0: Link is Down'], toks)).toBe(false);
    expect(matchesAllTokens([null, undefined], [])).toBe(true);
  });
});

describe('live entries against the filter in force', () => {
  const e = entry(1, {
    host: 'cam-5', app: 'nvr', message: '视频丢失 通道2', severity: 3, facility: 20,
    structured: [{ id: 'zoo@32473', params: { tiger: 'hungry', seen: ['a', 'b'] } }],
    device: { id: 'dev-1', name: 'Lobby' },
  });

  it('matches each field like the core search does', () => {
    expect(entryMatches(e, {})).toBe(true);
    expect(entryMatches(e, { host: 'cam-5' })).toBe(true);
    expect(entryMatches(e, { host: 'cam-6' })).toBe(false);
    expect(entryMatches(e, { source: '10.0.0.5' })).toBe(true);
    expect(entryMatches(e, { source: '10.0.0.5:514' })).toBe(true);
    expect(entryMatches(e, { source: '10.0.0.6' })).toBe(false);
    expect(entryMatches(e, { transport: 'tcp' })).toBe(false);
    expect(entryMatches(e, { deviceId: 'dev-1' })).toBe(true);
    expect(entryMatches(e, { deviceId: 'dev-2' })).toBe(false);
    expect(entryMatches(e, { facility: 20 })).toBe(true);
    expect(entryMatches(e, { facility: 16 })).toBe(false);
    expect(entryMatches(e, { malformed: true })).toBe(false);
  });

  it('severity means that level or worse, by code or keyword; entries without one never match', () => {
    expect(entryMatches(e, { severity: 3 })).toBe(true);
    expect(entryMatches(e, { severity: 'err' })).toBe(true);
    expect(entryMatches(e, { severity: 2 })).toBe(false);
    expect(entryMatches(e, { severity: 'warning' })).toBe(true);
    expect(entryMatches(entry(2, { severity: null }), { severity: 7 })).toBe(false);
  });

  it('filters on the receive time', () => {
    expect(entryMatches(e, { since: '2024-05-01T10:00:00.000Z', until: '2024-05-01T10:00:01.000Z' })).toBe(true);
    expect(entryMatches(e, { since: '2024-05-01T10:00:00.002Z' })).toBe(false);
    expect(entryMatches(e, { until: '2024-05-01T09:59:59.000Z' })).toBe(false);
  });

  it('finds text in the message, app, host and structured values, Chinese included', () => {
    expect(entryMatches(e, { text: '丢失' })).toBe(true);
    expect(entryMatches(e, { text: 'hungry' })).toBe(true);
    expect(entryMatches(e, { text: 'nvr 通道' })).toBe(true);
    expect(entryMatches(e, { text: 'tiger' })).toBe(false); // parameter names are not indexed
    expect(entryMatches(e, { text: '丢失 missing' })).toBe(false);
    // Only punctuation: a plain substring filter, as in the core.
    expect(entryMatches(entry(3, { message: 'a :: b' }), { text: '::' })).toBe(true);
  });
});

describe('filter form', () => {
  const now = new Date('2024-05-01T10:00:00Z');

  it('leaves empty fields out', () => {
    expect(draftToFilter(EMPTY_DRAFT, now)).toEqual({ ok: true, filter: {} });
    expect(isFiltered({})).toBe(false);
  });

  it('turns typed values into the contract filter', () => {
    const r = draftToFilter(
      { ...EMPTY_DRAFT, text: '  link down ', host: ' cam-5 ', source: '10.0.0.5', severity: '3', facility: '16', transport: 'tcp', deviceId: 'd1', malformedOnly: true },
      now,
    );
    expect(r).toEqual({
      ok: true,
      filter: { text: 'link down', host: 'cam-5', source: '10.0.0.5', severity: 3, facility: 16, transport: 'tcp', deviceId: 'd1', malformed: true },
    });
    if (r.ok) expect(isFiltered(r.filter)).toBe(true);
  });

  it('makes a preset range a since relative to now', () => {
    expect(draftToFilter({ ...EMPTY_DRAFT, range: '15m' }, now)).toEqual({ ok: true, filter: { since: '2024-05-01T09:45:00.000Z' } });
    expect(draftToFilter({ ...EMPTY_DRAFT, range: '7d' }, now)).toEqual({ ok: true, filter: { since: '2024-04-24T10:00:00.000Z' } });
  });

  it('reads custom times as local time, and refuses bad or reversed ones', () => {
    const local = draftToFilter({ ...EMPTY_DRAFT, range: 'custom', since: '2024-05-01T08:00', until: '2024-05-01T09:30:15' }, now);
    expect(local).toEqual({
      ok: true,
      filter: { since: new Date(2024, 4, 1, 8, 0).toISOString(), until: new Date(2024, 4, 1, 9, 30, 15).toISOString() },
    });
    expect(draftToFilter({ ...EMPTY_DRAFT, range: 'custom', since: 'yesterday' }, now)).toEqual({ ok: false, problem: 'badSince' });
    expect(draftToFilter({ ...EMPTY_DRAFT, range: 'custom', until: 'soon' }, now)).toEqual({ ok: false, problem: 'badUntil' });
    expect(draftToFilter({ ...EMPTY_DRAFT, range: 'custom', since: '2024-05-02T00:00', until: '2024-05-01T00:00' }, now)).toEqual({ ok: false, problem: 'sinceAfterUntil' });
    // Custom times are ignored under a preset.
    expect(draftToFilter({ ...EMPTY_DRAFT, range: 'all', since: 'garbage' }, now)).toEqual({ ok: true, filter: {} });
  });

  it('ignores out-of-range codes and refuses over-long text', () => {
    expect(draftToFilter({ ...EMPTY_DRAFT, severity: '9', facility: '-1' }, now)).toEqual({ ok: true, filter: {} });
    expect(draftToFilter({ ...EMPTY_DRAFT, text: 'x'.repeat(501) }, now)).toEqual({ ok: false, problem: 'textTooLong' });
  });
});

describe('listener and serial forms', () => {
  it('reads ports 0..65535 only', () => {
    expect(parsePort('5514')).toBe(5514);
    expect(parsePort(' 0 ')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['65536', '-1', '', '5e3', '12.5', 'abc', '123456']) expect(parsePort(bad), bad).toBeNull();
  });

  it('accepts IP literals and localhost as bind addresses, not names', () => {
    expect(isBindAddress('0.0.0.0')).toBe(true);
    expect(isBindAddress('::1')).toBe(true);
    expect(isBindAddress('localhost')).toBe(true);
    expect(isBindAddress('camera.local')).toBe(false);
  });

  it('builds start arguments from the chosen transports', () => {
    expect(listenArgs(DEFAULT_LISTEN)).toEqual({ ok: true, args: { udpPort: 5514, tcpPort: 5514, bind: '0.0.0.0' } });
    expect(listenArgs({ ...DEFAULT_LISTEN, tcp: false, udpPort: '0', bind: '127.0.0.1' })).toEqual({ ok: true, args: { udpPort: 0, bind: '127.0.0.1' } });
    expect(listenArgs({ ...DEFAULT_LISTEN, udp: false, tcp: false })).toEqual({ ok: false, problem: 'noTransport' });
    expect(listenArgs({ ...DEFAULT_LISTEN, udpPort: '70000' })).toEqual({ ok: false, problem: 'badUdpPort' });
    expect(listenArgs({ ...DEFAULT_LISTEN, tcpPort: 'x' })).toEqual({ ok: false, problem: 'badTcpPort' });
    // A disabled transport's bad port does not matter.
    expect(listenArgs({ ...DEFAULT_LISTEN, tcp: false, tcpPort: 'x' })).toMatchObject({ ok: true });
    expect(listenArgs({ ...DEFAULT_LISTEN, bind: 'my laptop' })).toEqual({ ok: false, problem: 'badBind' });
  });

  it('builds serial open arguments; the label is optional', () => {
    expect(serialArgs({ path: ' /dev/ttyUSB0 ', baud: '115200', label: '' })).toEqual({ ok: true, args: { path: '/dev/ttyUSB0', baudRate: 115200 } });
    expect(serialArgs({ path: 'COM3', baud: '9600', label: ' 大厅 ' })).toEqual({ ok: true, args: { path: 'COM3', baudRate: 9600, name: '大厅' } });
    expect(serialArgs({ path: '', baud: '115200', label: '' })).toEqual({ ok: false, problem: 'noPath' });
    expect(serialArgs({ path: '/dev/x', baud: 'fast', label: '' })).toEqual({ ok: false, problem: 'badBaud' });
    expect(serialArgs({ path: '/dev/x', baud: '10', label: '' })).toEqual({ ok: false, problem: 'badBaud' });
    expect(serialArgs({ path: '/dev/x', baud: '9600', label: 'x'.repeat(101) })).toEqual({ ok: false, problem: 'labelTooLong' });
  });
});

describe('tail rows', () => {
  it('appends newer entries in id order and drops duplicates', () => {
    const a = mergeRows([entry(1), entry(2)], [entry(4), entry(3), entry(4)]);
    expect(a.rows.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(a.trimmed).toBe(0);
    const b = mergeRows(a.rows, [entry(2, { message: 'again' }), entry(0)]);
    expect(b.rows.map((e) => e.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps at most max rows, the newest, and says how many fell off', () => {
    const r = mergeRows([entry(1), entry(2), entry(3)], [entry(4), entry(5)], 3);
    expect(r.rows.map((e) => e.id)).toEqual([3, 4, 5]);
    expect(r.trimmed).toBe(2);
  });

  it('returns the same array when nothing arrives', () => {
    const rows = [entry(1)];
    expect(mergeRows(rows, []).rows).toBe(rows);
  });

  it('collects devices once each, and recent values newest first', () => {
    const d = addDevices([], [entry(1, { device: { id: 'a', name: 'A' } }), entry(2, { device: { id: 'a', name: 'A2' } }), entry(3)]);
    expect(d).toEqual([{ id: 'a', name: 'A' }]);
    expect(addDevices(d, [entry(4)])).toBe(d);
    const rows = [entry(1, { host: 'x' }), entry(2, { host: null }), entry(3, { host: 'y' }), entry(4, { host: 'x' })];
    expect(recentValues(rows, (e) => e.host)).toEqual(['x', 'y']);
  });
});

describe('export', () => {
  it('names the file by local time and format', () => {
    expect(exportFileName('csv', new Date(2024, 4, 1, 9, 5, 7))).toBe('fieldkit-logs-20240501-090507.csv');
  });

  it('collects every page with the filter, and marks CSV as UTF-8 for spreadsheets', async () => {
    const calls: unknown[] = [];
    const pages: LogExportPage[] = [
      { format: 'csv', content: 'id,message\n1,a\n', count: 1, nextAfterId: 1 },
      { format: 'csv', content: '2,视频\n', count: 1, nextAfterId: null },
    ];
    const seen: number[] = [];
    const file = await collectExport(
      async (args) => {
        calls.push(args);
        return pages.shift()!;
      },
      'csv',
      { text: '视频' },
      new Date(2024, 0, 2, 3, 4, 5),
      (n) => seen.push(n),
    );
    expect(calls).toEqual([
      { format: 'csv', filter: { text: '视频' }, afterId: 0 },
      { format: 'csv', filter: { text: '视频' }, afterId: 1 },
    ]);
    expect(file).toEqual({ name: 'fieldkit-logs-20240102-030405.csv', mime: 'text/csv;charset=utf-8', content: '\uFEFFid,message\n1,a\n2,视频\n', count: 2 });
    expect(seen).toEqual([1, 2]);
  });

  it('adds no byte-order mark to JSONL and stops on an empty page', async () => {
    const file = await collectExport(async () => ({ format: 'jsonl', content: '', count: 0, nextAfterId: 5 }), 'jsonl', {}, new Date());
    expect(file.content).toBe('');
    expect(file.count).toBe(0);
  });
});

describe('severity and keys', () => {
  it('groups severities into tones', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, null].map(severityTone)).toEqual([
      'critical', 'critical', 'critical', 'error', 'warning', 'notice', 'info', 'debug', 'none',
    ]);
    expect(severityKey(3)).toBe('err');
    expect(severityKey(9)).toBeNull();
    expect(facilityLabel(16)).toBe('local0 (16)');
    expect(facilityLabel(99)).toBe('99');
  });

  it('moves the list selection with arrows, pages and ends, clamped', () => {
    expect(listKeyTarget('ArrowDown', -1, 10, 5)).toBe(0);
    expect(listKeyTarget('ArrowUp', -1, 10, 5)).toBe(9);
    expect(listKeyTarget('ArrowDown', 9, 10, 5)).toBe(9);
    expect(listKeyTarget('ArrowUp', 0, 10, 5)).toBe(0);
    expect(listKeyTarget('PageDown', 7, 10, 5)).toBe(9);
    expect(listKeyTarget('PageUp', 3, 10, 5)).toBe(0);
    expect(listKeyTarget('Home', 5, 10, 5)).toBe(0);
    expect(listKeyTarget('End', 5, 10, 5)).toBe(9);
    expect(listKeyTarget('a', 5, 10, 5)).toBeNull();
    expect(listKeyTarget('ArrowDown', -1, 0, 5)).toBeNull();
  });
});
