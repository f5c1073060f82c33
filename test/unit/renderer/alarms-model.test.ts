import { describe, expect, it } from 'vitest';
import type { AlarmDeviceCount, AlarmImportReport } from '../../../src/contract';
import { barAt, barsPath, deviceSegments, niceMax, timeBuckets } from '../../../renderer/src/features/alarms/model/chart-geometry';
import {
  activeFilterCount,
  addChip,
  EMPTY_FILTER,
  localInputToIso,
  nextSort,
  offsetText,
  queryKey,
  toContractFilter,
} from '../../../renderer/src/features/alarms/model/filter';
import { buildGroupLayout, headerIndex, needsInGroups, slotAt } from '../../../renderer/src/features/alarms/model/group-layout';
import { MAX_PAGES_PER_CALL, PAGE_SIZE, PageLru, pageRuns, pagesFor, planFetch } from '../../../renderer/src/features/alarms/model/page-window';
import { durationBetween, durationParts, splitIso } from '../../../renderer/src/features/alarms/model/time-format';
import {
  addPartReport,
  emptySummary,
  fileLine,
  jsonStringBytes,
  splitForUpload,
  uploadKind,
} from '../../../renderer/src/features/alarms/model/upload-parts';

const CST = () => 480; // China Standard Time, minutes east of UTC

describe('filter', () => {
  it('reads a datetime-local value as local time and writes the offset the contract wants', () => {
    expect(localInputToIso('2024-03-05T14:22', CST)).toBe('2024-03-05T14:22:00+08:00');
    expect(localInputToIso('2024-03-05T14:22:09', () => -300)).toBe('2024-03-05T14:22:09-05:00');
    expect(localInputToIso('2024-03-05T14:22', () => 330)).toBe('2024-03-05T14:22:00+05:30');
    expect(localInputToIso('', CST)).toBeNull();
    expect(localInputToIso('yesterday', CST)).toBeNull();
    expect(offsetText(0)).toBe('+00:00');
    expect(offsetText(-570)).toBe('-09:30');
  });

  it('leaves out everything that means "all", so the core stays on its indexes', () => {
    expect(toContractFilter(EMPTY_FILTER, CST)).toEqual({ state: 'all' });
    expect(toContractFilter({ ...EMPTY_FILTER, severities: ['critical', 'major', 'minor', 'warning', 'info'] }, CST)).toEqual({ state: 'all' });
  });

  it('passes every chosen part through', () => {
    const f = toContractFilter(
      {
        state: 'active',
        kind: 'alarm',
        devices: ['NVR-01'],
        types: ['device-offline'],
        severities: ['critical'],
        since: '2024-03-05T00:00',
        until: '2024-03-06T00:00',
        text: '  门禁 ',
        flagged: true,
      },
      CST,
    );
    expect(f).toEqual({
      state: 'active',
      kind: 'alarm',
      devices: ['NVR-01'],
      types: ['device-offline'],
      severities: ['critical'],
      since: '2024-03-05T00:00:00+08:00',
      until: '2024-03-06T00:00:00+08:00',
      text: '门禁',
      flagged: true,
    });
    expect(activeFilterCount({ ...EMPTY_FILTER, text: ' ', devices: ['a'], flagged: true })).toBe(2);
  });

  it('sorts a new column in its natural direction and flips the current one', () => {
    expect(nextSort({ sort: 'time', order: 'desc' }, 'time')).toEqual({ sort: 'time', order: 'asc' });
    expect(nextSort({ sort: 'time', order: 'desc' }, 'device')).toEqual({ sort: 'device', order: 'asc' });
    expect(nextSort({ sort: 'device', order: 'asc' }, 'severity')).toEqual({ sort: 'severity', order: 'desc' });
  });

  it('gives different queries different keys', () => {
    const a = queryKey({ state: 'all' }, { sort: 'time', order: 'desc' }, false);
    expect(queryKey({ state: 'all' }, { sort: 'time', order: 'desc' }, true)).not.toBe(a);
    expect(queryKey({ state: 'active' }, { sort: 'time', order: 'desc' }, false)).not.toBe(a);
    expect(queryKey({ state: 'all' }, { sort: 'time', order: 'desc' }, false)).toBe(a);
  });

  it('adds chips once, trimmed, up to a maximum', () => {
    expect(addChip(['a'], ' b ', 5)).toEqual(['a', 'b']);
    expect(addChip(['a'], 'a', 5)).toEqual(['a']);
    expect(addChip(['a'], '  ', 5)).toEqual(['a']);
    expect(addChip(['a', 'b'], 'c', 2)).toEqual(['a', 'b']);
  });
});

describe('page window', () => {
  it('lists the pages under a row range, clipped to the total', () => {
    expect(pagesFor(0, 40, 1000)).toEqual([0]);
    expect(pagesFor(95, 205, 1000)).toEqual([0, 1, 2]);
    expect(pagesFor(95, 205, 150)).toEqual([0, 1]);
    expect(pagesFor(10, 5, 1000)).toEqual([]);
    expect(pagesFor(0, 40, 0)).toEqual([]);
  });

  it('merges consecutive pages into runs, capped per call', () => {
    expect(pageRuns([5, 3, 4, 9, 3])).toEqual([
      { first: 3, count: 3 },
      { first: 9, count: 1 },
    ]);
    const long = Array.from({ length: MAX_PAGES_PER_CALL + 3 }, (_, i) => i);
    expect(pageRuns(long)).toEqual([
      { first: 0, count: MAX_PAGES_PER_CALL },
      { first: MAX_PAGES_PER_CALL, count: 3 },
    ]);
  });

  it('reads the far half of a time-sorted list from the other end', () => {
    expect(planFetch(100, 100, 1_000_000, 'time', 'desc')).toEqual({ offset: 100, limit: 100, order: 'desc', reversed: false });
    expect(planFetch(999_900, 100, 1_000_000, 'time', 'desc')).toEqual({ offset: 0, limit: 100, order: 'asc', reversed: true });
    expect(planFetch(600_000, 200, 1_000_000, 'time', 'asc')).toEqual({ offset: 399_800, limit: 200, order: 'desc', reversed: true });
    // The last page may be short: the plan asks for exactly the rows that exist.
    expect(planFetch(999_950, 100, 1_000_000, 'time', 'desc')).toEqual({ offset: 0, limit: 50, order: 'asc', reversed: true });
  });

  it('never reverses a sort whose tie-break does not flip, nor before the total is known', () => {
    expect(planFetch(999_900, 100, 1_000_000, 'severity', 'desc').reversed).toBe(false);
    expect(planFetch(999_900, 100, null, 'time', 'desc').reversed).toBe(false);
  });

  it('drops the least recently used pages first and never a pinned one', () => {
    const lru = new PageLru();
    lru.touch(['|0', '|1', '|2', '|3']);
    lru.touch(['|0']);
    expect(lru.overflow(2, new Set(['|1']))).toEqual(['|2', '|3']);
    expect(lru.overflow(2, new Set())).toEqual([]);
  });

  it('uses pages small enough for one screen to need one or two', () => {
    expect(PAGE_SIZE).toBeGreaterThanOrEqual(50);
    expect(PAGE_SIZE).toBeLessThanOrEqual(500);
  });
});

const G = (device: string, total: number): AlarmDeviceCount => ({ device, total, active: total, acked: 0, cleared: 0, events: 0 });

describe('group layout', () => {
  const groups = [G('cam-1', 3), G('cam-2', 250), G('cam-3', 2)];

  it('has one header per device and rows only for expanded groups', () => {
    const l = buildGroupLayout(groups, { 'cam-2': true });
    expect(l.count).toBe(3 + 250);
    expect(l.starts).toEqual([0, 1, 252]);
    expect(slotAt(l, 0)).toMatchObject({ kind: 'header', expanded: false, group: { device: 'cam-1' } });
    expect(slotAt(l, 1)).toMatchObject({ kind: 'header', expanded: true, group: { device: 'cam-2' } });
    expect(slotAt(l, 2)).toMatchObject({ kind: 'row', offset: 0, group: { device: 'cam-2' } });
    expect(slotAt(l, 251)).toMatchObject({ kind: 'row', offset: 249, group: { device: 'cam-2' } });
    expect(slotAt(l, 252)).toMatchObject({ kind: 'header', group: { device: 'cam-3' } });
    expect(slotAt(l, 253)).toBeNull();
    expect(headerIndex(l, 'cam-3')).toBe(252);
  });

  it('turns a visible range into per-device row needs', () => {
    const l = buildGroupLayout(groups, { 'cam-1': true, 'cam-3': true });
    // headers at 0, 4, 5; cam-1 rows 1..3, cam-3 rows 6..7
    expect(needsInGroups(l, 0, 7)).toEqual([
      { scope: 'cam-1', start: 0, end: 2 },
      { scope: 'cam-3', start: 0, end: 1 },
    ]);
    expect(needsInGroups(l, 2, 4)).toEqual([{ scope: 'cam-1', start: 1, end: 2 }]);
    expect(needsInGroups(l, 4, 5)).toEqual([]);
  });
});

describe('time format', () => {
  it('keeps the device wall clock and offset as written', () => {
    expect(splitIso('2024-03-05T14:22:11+08:00')).toEqual({ date: '2024-03-05', time: '14:22:11', offset: '+08:00' });
    expect(splitIso('2024-06-01T02:10:00.250-0500')).toEqual({ date: '2024-06-01', time: '02:10:00', offset: '-05:00' });
    expect(splitIso('2024-06-01T02:10Z')).toEqual({ date: '2024-06-01', time: '02:10:00', offset: 'UTC' });
    expect(splitIso('not a time')).toBeNull();
  });

  it('measures raise to clear across offsets', () => {
    expect(durationBetween('2024-03-05T14:22:11+08:00', '2024-03-05T07:07:42Z')).toBe((45 * 60 + 31) * 1000);
    expect(durationBetween('2024-03-05T14:22:11+08:00', null)).toBeNull();
  });

  it('keeps the two most significant units', () => {
    expect(durationParts(450)).toEqual({ underSecond: true, negative: false, parts: [] });
    expect(durationParts(12_000).parts).toEqual([{ unit: 's', value: 12 }]);
    expect(durationParts((3 * 3600 + 12 * 60 + 5) * 1000).parts).toEqual([
      { unit: 'h', value: 3 },
      { unit: 'min', value: 12 },
    ]);
    expect(durationParts((2 * 86400 + 30) * 1000).parts).toEqual([{ unit: 'd', value: 2 }]);
    expect(durationParts(-60_000)).toEqual({ underSecond: false, negative: true, parts: [{ unit: 'min', value: 1 }] });
  });
});

describe('chart geometry', () => {
  const h = (iso: string, count: number) => ({ hour: iso, count });

  it('keeps one bar per hour when the span fits, with empty hours as gaps', () => {
    const b = timeBuckets([h('2024-03-05T00:00:00.000Z', 4), h('2024-03-05T03:00:00.000Z', 1)], 100)!;
    expect(b.hoursPerBar).toBe(1);
    expect(b.buckets.map((x) => x.count)).toEqual([4, 0, 0, 1]);
    expect(b.max).toBe(4);
    expect(b.total).toBe(5);
  });

  it('groups a year of hours into at most the bars asked for, losing no count', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const hours = Array.from({ length: 8760 }, (_, i) => h(new Date(start + i * 3_600_000).toISOString(), i % 7));
    const b = timeBuckets(hours, 240)!;
    expect(b.buckets.length).toBeLessThanOrEqual(240);
    expect(b.hoursPerBar).toBe(37);
    expect(b.total).toBe(hours.reduce((n, x) => n + x.count, 0));
    expect(b.buckets.reduce((n, x) => n + x.count, 0)).toBe(b.total);
  });

  it('draws only non-empty bars, in one path', () => {
    const b = timeBuckets([h('2024-03-05T00:00:00Z', 2), h('2024-03-05T02:00:00Z', 1)], 10)!;
    const d = barsPath(b, 300, 100, 2);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.startsWith('M0.00 100v-100.00')).toBe(true);
    expect(timeBuckets([], 10)).toBeNull();
  });

  it('maps x to a bar and scales axes to round numbers', () => {
    expect(barAt(-5, 100, 10)).toBe(0);
    expect(barAt(55, 100, 10)).toBe(5);
    expect(barAt(500, 100, 10)).toBe(9);
    expect([niceMax(0), niceMax(7), niceMax(10), niceMax(11), niceMax(3400)]).toEqual([1, 10, 10, 20, 5000]);
  });

  it('stacks a device bar by state', () => {
    const segs = deviceSegments({ device: 'd', total: 10, active: 2, acked: 0, cleared: 6, events: 2 }, 20, 200);
    expect(segs).toEqual([
      { segment: 'active', x: 0, w: 20, count: 2 },
      { segment: 'cleared', x: 20, w: 60, count: 6 },
      { segment: 'events', x: 80, w: 20, count: 2 },
    ]);
  });
});

describe('upload parts', () => {
  it('sniffs how a file can be cut', () => {
    expect(uploadKind('\uFEFF{"device":"a"}', 'auto')).toBe('jsonl');
    expect(uploadKind('device,op_id,kind\n', 'auto')).toBe('csv');
    expect(uploadKind('  <?xml version="1.0"?><x/>', 'auto')).toBe('xml');
    expect(uploadKind('--boundary\r\nContent-Type: application/xml', 'auto')).toBe('xml');
    expect(uploadKind('{"a":1}', 'isapi-xml')).toBe('xml');
  });

  it('counts the bytes a string takes inside a JSON message exactly', () => {
    for (const s of ['plain', 'quote " and \\ backslash', 'tab\tnew\nline\r', '\u0001ctl', '门禁 2 号门', 'emoji 📷 ok', 'lone \ud800 surrogate']) {
      expect(jsonStringBytes(s), s).toBe(new TextEncoder().encode(JSON.stringify(s)).length);
    }
  });

  it('sends a small file whole', () => {
    const r = splitForUpload('{"a":1}\n{"a":2}\n', 'jsonl', 1000);
    expect(r).toEqual({ parts: [{ text: '{"a":1}\n{"a":2}\n', lineShift: 0, csvHeader: false }] });
  });

  it('cuts JSONL between lines and maps part lines back to file lines', () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(40) }));
    const text = `${lines.join('\n')}\n`;
    const r = splitForUpload(text, 'jsonl', 400);
    if (!('parts' in r)) throw new Error('expected parts');
    expect(r.parts.length).toBeGreaterThan(5);
    for (const p of r.parts) expect(jsonStringBytes(p.text)).toBeLessThanOrEqual(400);
    // Every line arrives exactly once, in order.
    expect(r.parts.map((p) => p.text).join('\n').split('\n').filter(Boolean)).toEqual(lines);
    // Line 1 of each part is the file line lineShift + 1.
    for (const p of r.parts) {
      const first = JSON.parse(p.text.split('\n')[0]!) as { n: number };
      expect(fileLine(p, 1)).toBe(first.n + 1);
    }
  });

  it('cuts CSV outside quoted fields and repeats the header', () => {
    const header = 'device,op_id,message';
    const rows = Array.from({ length: 30 }, (_, i) => (i % 5 === 0 ? `d,${i},"two\nlines ${i}"` : `d,${i},"one, line ${i}"`));
    const text = [header, ...rows].join('\n');
    const r = splitForUpload(text, 'csv', 160);
    if (!('parts' in r)) throw new Error('expected parts');
    expect(r.parts.length).toBeGreaterThan(3);
    const fileLines = text.split('\n');
    for (const p of r.parts) {
      expect(p.text.startsWith(`${header}\n`)).toBe(true);
      expect((p.text.match(/"/g) ?? []).length % 2).toBe(0);
      const partLines = p.text.split('\n');
      // Line 2 of a part (its first record) is the same text as that line of the file.
      expect(fileLines[fileLine(p, 2) - 1]).toBe(partLines[1]);
      expect(fileLine(p, 1)).toBe(1);
    }
  });

  it('refuses what cannot be cut', () => {
    expect(splitForUpload(`<a>${'x'.repeat(500)}</a>`, 'xml', 100)).toEqual({ error: 'xml-too-large', line: 1 });
    expect(splitForUpload(`{"a":1}\n{"b":"${'x'.repeat(500)}"}\n`, 'jsonl', 100)).toEqual({ error: 'record-too-large', line: 2 });
  });

  it('adds part reports up with file line numbers', () => {
    const report = (over: Partial<AlarmImportReport>): AlarmImportReport => ({
      file: 'f',
      format: 'jsonl',
      read: 0,
      imported: 0,
      duplicates: 0,
      skipped: 0,
      orphanClears: 0,
      timeFlagged: 0,
      rejected: [],
      gaps: [],
      refused: false,
      ...over,
    });
    let s = emptySummary('f.jsonl', 2);
    s = addPartReport(s, { text: '', lineShift: 0, csvHeader: false }, report({ read: 10, imported: 9, rejected: [{ line: 4, reason: 'missing device', code: 'missing-field', params: { field: 'device' } }] }));
    s = addPartReport(s, { text: '', lineShift: 10, csvHeader: false }, report({ read: 5, imported: 3, duplicates: 1, rejected: [{ line: 2, reason: 'not JSON: x', code: 'not-json', params: {} }] }));
    expect(s).toMatchObject({ read: 15, imported: 12, duplicates: 1, format: 'jsonl', refusedParts: 0, rejectedTruncated: false });
    expect(s.rejected).toEqual([
      // Lines move to the file's; code and params travel with them.
      { line: 4, reason: 'missing device', code: 'missing-field', params: { field: 'device' } },
      { line: 12, reason: 'not JSON: x', code: 'not-json', params: {} },
    ]);
  });
});
