import { describe, expect, it } from 'vitest';
import { LogStore } from '../../../src/logs/store/store';
import { entry, memoryDb } from './helpers';

const DAY = 86_400_000;

describe('retention by age deletes only entries older than the limit', () => {
  it('keeps a recent entry stored before a backdated one (laptop clock stepped back, then corrected)', () => {
    const store = new LogStore(memoryDb());
    const now = Date.parse('2026-03-01T12:00:00Z');
    // Received one hour ago with the right clock.
    store.insert([entry({ receivedAt: now - 3_600_000, message: 'recent' })]);
    // Received while the laptop clock was a year behind.
    store.insert([entry({ receivedAt: now - 365 * DAY, message: 'backdated' })]);
    store.applyRetention({ maxAgeDays: 90, maxEntries: null, maxBytes: null }, now);
    expect(store.search({}, { limit: 10, offset: 0, order: 'oldest' }).entries.map((e) => e.message)).toEqual(['recent']);
  });

  it('deletes interleaved old entries across several slices and keeps the text index in step', () => {
    const store = new LogStore(memoryDb());
    const now = Date.parse('2026-03-01T12:00:00Z');
    // 45 000 entries, every other one too old: more than two purge slices of 20 000, none contiguous by id.
    const n = 45_000;
    for (let i = 0; i < n; i += 5000) {
      store.insert(Array.from({ length: 5000 }, (_, k) => {
        const old = (i + k) % 2 === 1;
        return entry({ receivedAt: old ? now - 100 * DAY : now - 1000, message: old ? 'stale line' : 'fresh line' });
      }));
    }
    expect(store.applyRetention({ maxAgeDays: 90, maxEntries: null, maxBytes: null }, now)).toBe(n / 2);
    const page = { limit: 1, offset: 0, order: 'oldest' as const };
    expect(store.search({}, page).total).toBe(n / 2);
    expect(store.search({ text: 'fresh' }, page).total).toBe(n / 2);
    expect(store.search({ text: 'stale' }, page).total).toBe(0);
    expect(store.search({ text: 'line' }, page).total).toBe(n / 2);
  });
});
