import { describe, expect, it } from 'vitest';
import type { AlarmDeviceCount, AlarmItem } from '../../../src/contract';
import { PAGE_SIZE } from '../../../renderer/src/features/alarms/model/page-window';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import { deferred } from './deferred-helpers';

/** The "Counting…" flag of the alarm list clears however the load that set it ends. */
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('alarms slice: counting flag', () => {
  it('grouping while the exact count of the flat list is still running does not leave "Counting…" up for good', async () => {
    const count = deferred<{ items: AlarmItem[]; total: number }>();
    const fullPage = Array.from({ length: PAGE_SIZE }, (_, i) => ({ id: i + 1, type: 'motion' }) as unknown as AlarmItem);
    const groups: AlarmDeviceCount[] = [{ device: 'cam-01', total: 1_000_000, active: 1, acked: 0, cleared: 0, events: 0 } as AlarmDeviceCount];
    const alarms = {
      // A full first page (a million rows match); the exact count (countTotal) takes a while.
      list: (_f: unknown, o: { countTotal?: boolean }) => (o.countTotal ? count.promise : Promise.resolve({ items: fullPage, total: 0 })),
      countByDevice: async () => groups,
    };
    const store = createAppStore({ api: { alarms } as never, retryConnection: () => undefined, writeHash: () => undefined });
    void store.getState().loadAlarms();
    await flush();
    expect(store.getState().alarms.list.counting).toBe(true);

    // The technician switches to "group by device" before the count is back.
    store.getState().setAlarmGrouping(true);
    await flush();
    count.resolve({ items: [], total: 1_000_000 });
    await flush();
    const list = store.getState().alarms.list;
    expect(list).toMatchObject({ status: 'ready', total: 1_000_000, groups });
    // The superseded count returns early, so the grouped load itself clears the flag; otherwise
    // AlarmList would show "Counting…" instead of the grouped total until the filter changes.
    expect(list.counting).toBe(false);
  });

  it('a count that fails leaves the list in error without "Counting…"', async () => {
    const count = deferred<{ items: AlarmItem[]; total: number }>();
    const fullPage = Array.from({ length: PAGE_SIZE }, (_, i) => ({ id: i + 1, type: 'motion' }) as unknown as AlarmItem);
    const alarms = {
      list: (_f: unknown, o: { countTotal?: boolean }) => (o.countTotal ? count.promise : Promise.resolve({ items: fullPage, total: 0 })),
      countByDevice: async () => [],
    };
    const store = createAppStore({ api: { alarms } as never, retryConnection: () => undefined, writeHash: () => undefined });
    void store.getState().loadAlarms();
    await flush();
    expect(store.getState().alarms.list.counting).toBe(true);

    count.reject(new Error('database is locked'));
    await flush();
    expect(store.getState().alarms.list).toMatchObject({ status: 'error', counting: false });
  });
});
