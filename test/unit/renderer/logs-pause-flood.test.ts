import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api, LogEntry, LogSearchResult } from '../../../src/contract';
import { MAX_ROWS } from '../../../renderer/src/features/logs/tail-rows';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { STATUS, entry } from './logs-helpers';
import { fakeEventBus } from './event-bus-helpers';

/** The live tail under a flood while paused: what the core skipped is read again on resume. */
function harness(stored: LogEntry[]) {
  const { on, emit } = fakeEventBus();
  const search = async (q: Parameters<Api['logs']['search']>[0]): Promise<LogSearchResult> => {
    const newest = [...stored].sort((a, b) => b.id - a.id);
    const offset = q?.offset ?? 0;
    return { total: newest.length, entries: newest.slice(offset, offset + (q?.limit ?? 100)) };
  };
  const deps: StoreDeps = {
    api: { logs: { status: async () => STATUS, search } as unknown as Api['logs'] } as StoreDeps['api'],
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
  const store = createAppStore(deps);
  return { store, emit, stored };
}

afterEach(() => {
  vi.useRealTimers();
});

const ids = (rows: LogEntry[]) => rows.map((e) => e.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));

describe('logs live tail under a flood while paused', () => {
  it('entries the core skipped during a pause are re-read after resume, as they are when live', async () => {
    vi.useFakeTimers();
    const h = harness([entry(1)]);
    h.store.getState().logsActivate();
    await vi.runAllTimersAsync();
    h.store.getState().logsPause();
    // A flood while paused: the core sends only the newest entry and says it skipped two.
    h.stored.push(entry(2), entry(3), entry(4));
    h.emit('logs.entries', { entries: [entry(4)], skipped: 2 });
    expect(h.store.getState().logs).toMatchObject({ missed: 2, pendingCount: 1 });
    h.store.getState().logsResume();
    await vi.advanceTimersByTimeAsync(5000);
    // No catch-up runs while paused; resuming re-reads the newest page, so 2 and 3 fill the gap and
    // nothing is missing any more.
    expect(h.store.getState().logs).toMatchObject({ missed: 0, total: 4, paused: false });
    expect(ids(h.store.getState().logs.rows)).toEqual([1, 2, 3, 4]);
  });

  it('a catch-up due when the tail is paused waits for the resume: the list holds still', async () => {
    vi.useFakeTimers();
    const h = harness([entry(1)]);
    h.store.getState().logsActivate();
    await vi.runAllTimersAsync();
    h.stored.push(entry(2), entry(3), entry(4));
    h.emit('logs.entries', { entries: [entry(4)], skipped: 2 });
    h.store.getState().logsPause();
    await vi.advanceTimersByTimeAsync(5000);
    expect(ids(h.store.getState().logs.rows)).toEqual([1, 4]);
    h.store.getState().logsResume();
    await vi.advanceTimersByTimeAsync(0);
    expect(ids(h.store.getState().logs.rows)).toEqual([1, 2, 3, 4]);
  });

  it('a gap wider than a page leaves the newest page without holes (older rows give way, as after a search)', async () => {
    vi.useFakeTimers();
    const h = harness([entry(1), entry(2)]);
    h.store.getState().logsActivate();
    await vi.runAllTimersAsync();
    h.store.getState().logsPause();
    // 600 skipped, then the newest entry: the newest page (500) cannot reach back to entry 2.
    h.stored.push(...range(3, 603));
    h.emit('logs.entries', { entries: [entry(603)], skipped: 600 });
    h.store.getState().logsResume();
    await vi.advanceTimersByTimeAsync(0);
    const l = h.store.getState().logs;
    expect(ids(l.rows)).toEqual(ids(range(104, 603)));
    expect(l).toMatchObject({ missed: 0, total: 603, trimmed: 0 });
  });

  it('entries pending overflowed while paused are a gap too, filled on resume', async () => {
    vi.useFakeTimers();
    const h = harness([entry(1)]);
    h.store.getState().logsActivate();
    await vi.runAllTimersAsync();
    h.store.getState().logsPause();
    const flood = range(2, MAX_ROWS + 101);
    h.stored.push(...flood);
    h.emit('logs.entries', { entries: flood, skipped: 0 });
    expect(h.store.getState().logs.pending).toHaveLength(MAX_ROWS);
    h.store.getState().logsResume();
    await vi.advanceTimersByTimeAsync(0);
    // Entry 1 and the 100 oldest of the flood cannot sit next to the rest without a hole.
    const rows = ids(h.store.getState().logs.rows);
    expect(rows[0]).toBeGreaterThan(101);
    expect(rows).toEqual(ids(range(rows[0]!, MAX_ROWS + 101)));
  });
});
