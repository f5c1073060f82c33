import { describe, expect, it } from 'vitest';
import { LogStore } from '../../../src/logs/store/store';
import { entry, memoryDb } from './helpers';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const all = { limit: 1000, offset: 0, order: 'oldest' as const };

describe('LogStore', () => {
  it('round-trips every field and assigns increasing ids', () => {
    const store = new LogStore(memoryDb());
    const e = entry({
      structured: [{ id: 'origin@1', params: { ip: ['10.0.0.1', '10.0.0.2'], x: 'y' } }],
      device: { id: 'dev-1', name: 'Lobby' }, malformed: true, truncated: true, problems: ['bad'], raw: 'RAW', rawHex: 'ff',
      procid: '12', msgid: 'M1',
    });
    const [stored] = store.insert([e, entry()]);
    expect(stored).toMatchObject({ id: 1, receivedAt: '2026-03-01T10:00:00.000Z', device: { id: 'dev-1', name: 'Lobby' } });
    const { receivedAt: _r, ...rest } = e;
    expect(store.get(1)).toEqual({ ...rest, id: 1, receivedAt: '2026-03-01T10:00:00.000Z' });
    expect(store.get(2)?.id).toBe(2);
    expect(store.get(3)).toBeNull();
  });

  it('a batch larger than one multi-row INSERT keeps order, consecutive ids and the index', () => {
    const db = memoryDb();
    const store = new LogStore(db);
    store.insert([entry({ message: 'first' })]);
    const stored = store.insert(Array.from({ length: 100 }, (_, i) => entry({ message: `row ${i} word${i}`, host: `cam-${i % 3}` })));
    expect(stored.map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const rows = store.search({}, { limit: 1000, offset: 0, order: 'oldest' }).entries;
    expect(rows.map((e) => e.message)).toEqual(['first', ...Array.from({ length: 100 }, (_, i) => `row ${i} word${i}`)]);
    expect(store.search({ text: 'word77' }, all).entries.map((e) => e.id)).toEqual([79]);
    expect(store.search({ text: 'row', host: 'cam-2' }, all).total).toBe(33);
    expect(store.get(79)).toEqual(stored[77]);
    db.exec("INSERT INTO log_fts(log_fts, rank) VALUES ('integrity-check', 0)");
  });

  it('filters by host, source, severity (or worse), facility, time, transport, device and malformed, with a total', () => {
    const store = new LogStore(memoryDb());
    store.insert([
      entry({ host: 'a', severity: 3, facility: 16, receivedAt: T0 }),
      entry({ host: 'b', severity: 6, receivedAt: T0 + 1000, sourceAddress: '10.0.0.9', source: '10.0.0.9:514' }),
      entry({ host: 'a', severity: 7, receivedAt: T0 + 2000, transport: 'tcp', malformed: true, problems: ['x'] }),
      entry({ host: null, severity: null, receivedAt: T0 + 3000, transport: 'serial', source: 'console', device: { id: 'd', name: 'D' } }),
    ]);
    const ids = (f: Parameters<LogStore['search']>[0]) => store.search(f, all).entries.map((e) => e.id);
    expect(ids({ host: 'a' })).toEqual([1, 3]);
    expect(ids({ source: '10.0.0.9' })).toEqual([2]);
    expect(ids({ source: '10.0.0.9:514' })).toEqual([2]);
    expect(ids({ source: 'console' })).toEqual([4]);
    expect(ids({ severity: 'info' })).toEqual([1, 2]);
    expect(ids({ severity: 3 })).toEqual([1]);
    expect(ids({ facility: 16 })).toEqual([1]);
    expect(ids({ since: new Date(T0 + 1000).toISOString(), until: new Date(T0 + 2000).toISOString() })).toEqual([2, 3]);
    expect(ids({ transport: 'tcp' })).toEqual([3]);
    expect(ids({ deviceId: 'd' })).toEqual([4]);
    expect(ids({ malformed: true })).toEqual([3]);
    const page = store.search({}, { limit: 2, offset: 1, order: 'newest' });
    expect(page.total).toBe(4);
    expect(page.entries.map((e) => e.id)).toEqual([3, 2]);
    expect(() => store.search({ severity: 'loud' as never }, all)).toThrow(/Unknown severity/);
  });

  it('pages by id for exports', () => {
    const store = new LogStore(memoryDb());
    store.insert(Array.from({ length: 5 }, (_, i) => entry({ message: `m${i}`, host: i % 2 ? 'odd' : 'even' })));
    expect(store.page({ host: 'even' }, 0, 2).map((e) => e.id)).toEqual([1, 3]);
    expect(store.page({ host: 'even' }, 3, 2).map((e) => e.id)).toEqual([5]);
  });

  it('retention by age, count and size removes the oldest rows from the table and the index', () => {
    const db = memoryDb();
    const store = new LogStore(db);
    const day = 86_400_000;
    store.insert(Array.from({ length: 10 }, (_, i) => entry({ message: `word${i} common`, receivedAt: T0 + i * day })));
    const none = { maxAgeDays: null, maxEntries: null, maxBytes: null };
    expect(store.applyRetention({ ...none, maxAgeDays: 5 }, T0 + 10 * day)).toBe(5);
    expect(store.search({}, all).entries.map((e) => e.id)).toEqual([6, 7, 8, 9, 10]);
    expect(store.applyRetention({ ...none, maxEntries: 3 }, T0)).toBe(2);
    expect(store.search({ text: 'common' }, all).total).toBe(3);
    expect(store.search({ text: 'word6' }, all).total).toBe(0);
    // The index holds exactly the remaining rows.
    expect((db.prepare('SELECT count(*) AS n FROM log_fts').get() as { n: number }).n).toBe(3);
    const size = (db.prepare('SELECT size FROM log_entries WHERE id = 10').get() as { size: number }).size;
    expect(store.applyRetention({ ...none, maxBytes: size + 1 }, T0)).toBe(2);
    expect(store.search({}, all).entries.map((e) => e.id)).toEqual([10]);
    expect(store.applyRetention({ ...none, maxBytes: size + 1, maxEntries: 1, maxAgeDays: 1000 }, T0)).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.exec("INSERT INTO log_fts(log_fts, rank) VALUES ('integrity-check', 0)");
  });
});

describe('host and source filters through the FTS columns', () => {
  it('match exactly, never by a prefix or by the message text', () => {
    const store = new LogStore(memoryDb());
    store.insert([
      entry({ host: 'cam-1', message: 'host cam-12 mentioned' }),
      entry({ host: 'cam-12' }),
      entry({ host: '-', sourceAddress: 'fe80::1', source: '[fe80::1]:514' }),
      entry({ host: null, transport: 'serial', sourceAddress: null, source: 'uart 1' }),
    ]);
    const ids = (f: Parameters<LogStore['search']>[0]) => store.search(f, all).entries.map((e) => e.id);
    expect(ids({ host: 'cam-1' })).toEqual([1]);
    expect(ids({ host: 'cam-12' })).toEqual([2]);
    expect(ids({ host: '-' })).toEqual([3]);
    expect(ids({ source: 'fe80::1' })).toEqual([3]);
    expect(ids({ source: '[fe80::1]:514' })).toEqual([3]);
    expect(ids({ source: 'uart 1' })).toEqual([4]);
    expect(ids({ text: '12' })).toEqual([1, 2]);
    expect(ids({ text: '192' })).toEqual([]);
    expect(ids({ text: 'mentioned', host: 'cam-1' })).toEqual([1]);
  });
});
