import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FieldKitError, type Api, type LogEntry, type LogSearchResult,
} from '../../../src/contract';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { STATUS, entry } from './logs-helpers';
import { fakeEventBus } from './event-bus-helpers';

type SearchArgs = Parameters<Api['logs']['search']>[0];

/** A fake logs service over an in-memory list, and an event bus standing in for the RPC client. */
function harness(stored: LogEntry[] = []) {
  const calls: string[] = [];
  const searches: SearchArgs[] = [];
  const { listeners, on, emit } = fakeEventBus();
  const ctl = { gate: null as Promise<void> | null, fail: null as string | null };
  const search = async (q: SearchArgs): Promise<LogSearchResult> => {
    searches.push(q);
    if (ctl.gate) await ctl.gate;
    if (ctl.fail) throw new FieldKitError('failed', ctl.fail);
    const newest = [...stored].sort((a, b) => b.id - a.id).filter((e) => !q?.host || e.host === q.host);
    const offset = q?.offset ?? 0;
    return { total: newest.length, entries: newest.slice(offset, offset + (q?.limit ?? 100)) };
  };
  const logs: Api['logs'] = {
    start: async (o) => {
      calls.push(`start ${JSON.stringify(o)}`);
      if (o.udpPort === 514) throw new FieldKitError('permission_denied', 'UDP port 514 needs privileges');
      return [{ id: 'udp:0.0.0.0:5514', transport: 'udp', address: '0.0.0.0', port: 5514, connections: 0 }];
    },
    stop: async (...args) => {
      // Stop-all must send no argument at all: JSON would turn an undefined one into null.
      const [ids] = args;
      calls.push(`stop ${args.length ? JSON.stringify(ids) : '(all)'}`);
      return { stopped: ids ?? [] };
    },
    status: async () => STATUS,
    search,
    get: async (id) => {
      calls.push(`get ${id}`);
      const e = stored.find((x) => x.id === id);
      if (!e) throw new FieldKitError('not_found', `No log entry ${id}`);
      return e;
    },
    export: async ({ format, afterId = 0 }) => {
      calls.push(`export ${format} ${afterId}`);
      return afterId === 0
        ? { format, content: 'a\n', count: 1, nextAfterId: 1 }
        : { format, content: 'b\n', count: 1, nextAfterId: null };
    },
    serialOpen: async (o) => {
      calls.push(`serialOpen ${JSON.stringify(o)}`);
      return { path: o.path, name: o.name ?? o.path, baudRate: o.baudRate ?? 115200, lines: 0 };
    },
    serialClose: async (p) => {
      calls.push(`serialClose ${p}`);
      return { closed: true };
    },
    serialSend: async (p, text, o) => {
      calls.push(`serialSend ${p} ${text} ${o?.lineEnding}`);
      if (text === 'fail') throw new FieldKitError('not_found', `${p} is not open`);
      return { bytes: text.length + 2 };
    },
    setRetention: async () => STATUS.retention,
    rules: async () => [],
  };
  const deps: StoreDeps = {
    api: {
      settings: { get: async () => ({ language: 'en', theme: 'system' }), update: async () => ({ language: 'en', theme: 'system' }) },
      system: {
        info: async () => {
          throw new Error('unused');
        },
        interfaces: async () => [],
        serialPorts: async () => [],
        ping: async () => ({ echo: null, at: '' }),
      },
      logs,
    },
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
  const store = createAppStore(deps);
  const subscribers = (topic: string) => listeners.get(topic)?.size ?? 0;
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { store, calls, searches, ctl, emit, subscribers, settle, stored };
}

const ids = (rows: LogEntry[]) => rows.map((e) => e.id);

afterEach(() => {
  vi.useRealTimers();
});

describe('logs slice: activation and the live tail', () => {
  it('subscribes once however many views activate, loads status and the newest entries oldest-first, and unsubscribes after the last', async () => {
    const h = harness([entry(1), entry(2), entry(3)]);
    const stopA = h.store.getState().logsActivate();
    const stopB = h.store.getState().logsActivate();
    await h.settle();
    expect(h.subscribers('logs.entries')).toBe(1);
    expect(h.subscribers('logs.status')).toBe(1);
    const l = h.store.getState().logs;
    expect(l.status).toEqual(STATUS);
    expect(ids(l.rows)).toEqual([1, 2, 3]);
    expect(l.total).toBe(3);
    expect(h.searches[0]).toEqual({ limit: 500, order: 'newest' });
    stopA();
    stopA();
    expect(h.subscribers('logs.entries')).toBe(1);
    stopB();
    expect(h.subscribers('logs.entries')).toBe(0);
    expect(h.subscribers('logs.status')).toBe(0);
  });

  it('appends live entries that match the filter and counts them in the total', async () => {
    const h = harness([entry(1, { host: 'a' })]);
    h.store.getState().logsActivate();
    await h.settle();
    await h.store.getState().logsApplyFilter({ host: 'a' });
    h.emit('logs.entries', { entries: [entry(2, { host: 'b' }), entry(3, { host: 'a' })], skipped: 0 });
    const l = h.store.getState().logs;
    expect(ids(l.rows)).toEqual([1, 3]);
    expect(l.total).toBe(2);
  });

  it('keeps entries that arrive while a search is in flight', async () => {
    const h = harness([entry(1), entry(2)]);
    let open!: () => void;
    h.ctl.gate = new Promise((r) => (open = r));
    h.store.getState().logsActivate();
    await h.settle();
    h.emit('logs.entries', { entries: [entry(3)], skipped: 0 });
    open();
    await h.settle();
    await h.settle();
    const l = h.store.getState().logs;
    expect(ids(l.rows)).toEqual([1, 2, 3]);
    expect(l.total).toBe(3);
    expect(l.searchStatus).toBe('ready');
  });

  it('pause holds the list still; resume adds what waited and follows again', async () => {
    const h = harness([entry(1)]);
    h.store.getState().logsActivate();
    await h.settle();
    h.store.getState().logsPause();
    h.emit('logs.entries', { entries: [entry(2), entry(3)], skipped: 0 });
    let l = h.store.getState().logs;
    expect(l.paused).toBe(true);
    expect(l.follow).toBe(false);
    expect(ids(l.rows)).toEqual([1]);
    expect(l.pendingCount).toBe(2);
    h.store.getState().logsResume();
    l = h.store.getState().logs;
    expect(ids(l.rows)).toEqual([1, 2, 3]);
    expect(l).toMatchObject({ paused: false, follow: true, pendingCount: 0, pending: [] });
  });

  it('after the core skipped live entries in a flood, re-reads the newest page and merges it', async () => {
    vi.useFakeTimers();
    const h = harness([entry(1)]);
    h.store.getState().logsActivate();
    await vi.runAllTimersAsync();
    h.stored.push(entry(2), entry(3), entry(4));
    h.emit('logs.entries', { entries: [entry(4)], skipped: 2 });
    expect(ids(h.store.getState().logs.rows)).toEqual([1, 4]);
    expect(h.store.getState().logs.missed).toBe(2);
    await vi.advanceTimersByTimeAsync(1100);
    expect(ids(h.store.getState().logs.rows)).toEqual([1, 2, 3, 4]);
    expect(h.store.getState().logs.total).toBe(4);
  });

  it('keeps recent serial console lines per console whatever the filter, and the devices seen', async () => {
    const h = harness();
    h.store.getState().logsActivate();
    await h.settle();
    await h.store.getState().logsApplyFilter({ transport: 'udp' });
    h.emit('logs.entries', {
      entries: [
        entry(1, { transport: 'serial', source: 'uart', message: 'U-Boot 2016.01' }),
        entry(2, { transport: 'serial', source: 'uart', message: 'login:' }),
        entry(3, { device: { id: 'd1', name: 'Lobby' } }),
      ],
      skipped: 0,
    });
    const l = h.store.getState().logs;
    expect(l.consoles).toEqual({ uart: ['U-Boot 2016.01', 'login:'] });
    expect(ids(l.rows)).toEqual([3]);
    expect(l.devices).toEqual([{ id: 'd1', name: 'Lobby' }]);
  });

  it('takes status events as they come', () => {
    const h = harness();
    h.store.getState().logsActivate();
    const s = { ...STATUS, counts: { ...STATUS.counts, received: 7, dropped: 2 } };
    h.emit('logs.status', s);
    expect(h.store.getState().logs.status?.counts.dropped).toBe(2);
  });
});

describe('logs slice: filters, paging, selection', () => {
  it('a bad draft is not applied and says why; a good one searches with the filter', async () => {
    const h = harness([entry(1, { host: 'a' }), entry(2, { host: 'b' })]);
    h.store.getState().logsActivate();
    await h.settle();
    await h.store.getState().logsApplyFilter({ range: 'custom', since: 'nonsense' });
    expect(h.store.getState().logs.filterProblem).toBe('badSince');
    expect(h.store.getState().logs.filter).toEqual({});
    await h.store.getState().logsApplyFilter({ range: 'all', host: 'b', severity: '4' });
    const l = h.store.getState().logs;
    expect(l.filterProblem).toBeNull();
    expect(l.filter).toEqual({ host: 'b', severity: 4 });
    expect(h.searches.at(-1)).toEqual({ host: 'b', severity: 4, limit: 500, order: 'newest' });
    expect(ids(l.rows)).toEqual([2]);
    await h.store.getState().logsResetFilter();
    expect(h.store.getState().logs.draft.host).toBe('');
    expect(ids(h.store.getState().logs.rows)).toEqual([1, 2]);
  });

  it('a failed search keeps the reason', async () => {
    const h = harness();
    h.ctl.fail = 'database is locked';
    await h.store.getState().logsRefresh();
    expect(h.store.getState().logs).toMatchObject({ searchStatus: 'error', searchError: 'database is locked' });
  });

  it('loads older entries from where the list starts', async () => {
    const stored = Array.from({ length: 700 }, (_, i) => entry(i + 1));
    const h = harness(stored);
    await h.store.getState().logsRefresh();
    expect(h.store.getState().logs.rows).toHaveLength(500);
    expect(h.store.getState().logs.rows[0]?.id).toBe(201);
    await h.store.getState().logsLoadOlder();
    expect(h.searches.at(-1)).toEqual({ limit: 500, offset: 500, order: 'newest' });
    const l = h.store.getState().logs;
    expect(l.rows).toHaveLength(700);
    expect(ids(l.rows.slice(0, 2))).toEqual([1, 2]);
    expect(l.follow).toBe(false);
  });

  it('selects from the rows, or asks the core for an entry no longer shown', async () => {
    const h = harness([entry(1), entry(9, { message: 'old one' })]);
    await h.store.getState().logsApplyFilter({ host: 'cam-5' });
    await h.store.getState().logsSelect(1);
    expect(h.store.getState().logs.selected?.id).toBe(1);
    expect(h.calls).toEqual([]);
    h.store.setState((s) => ({ logs: { ...s.logs, rows: [] } }));
    await h.store.getState().logsSelect(9);
    expect(h.store.getState().logs.selected?.message).toBe('old one');
    expect(h.calls).toEqual(['get 9']);
    await h.store.getState().logsSelect(null);
    expect(h.store.getState().logs.selected).toBeNull();
  });
});

describe('logs slice: capture controls and export', () => {
  it('starts and stops listeners, and explains a refusal', async () => {
    const h = harness();
    expect(await h.store.getState().logsStart({ udpPort: 5514, bind: '0.0.0.0' })).toBe(true);
    expect(await h.store.getState().logsStart({ udpPort: 514, bind: '0.0.0.0' })).toBe(false);
    expect(h.store.getState().logs.listenError).toBe('UDP port 514 needs privileges');
    await h.store.getState().logsStop(['udp:0.0.0.0:5514']);
    expect(h.store.getState().logs.listenError).toBeNull();
    await h.store.getState().logsStop();
    expect(h.calls).toEqual([
      'start {"udpPort":5514,"bind":"0.0.0.0"}',
      'start {"udpPort":514,"bind":"0.0.0.0"}',
      'stop ["udp:0.0.0.0:5514"]',
      'stop (all)',
    ]);
  });

  it('opens, writes to and closes a serial console', async () => {
    const h = harness();
    expect(await h.store.getState().logsSerialOpen({ path: '/dev/pts/7', baudRate: 115200, name: 'uart' })).toBe(true);
    expect(await h.store.getState().logsSerialSend('/dev/pts/7', 'help', 'lf')).toBe(true);
    expect(await h.store.getState().logsSerialSend('/dev/pts/7', 'fail', 'crlf')).toBe(false);
    expect(h.store.getState().logs.sendError).toBe('/dev/pts/7 is not open');
    await h.store.getState().logsSerialClose('/dev/pts/7');
    expect(h.calls).toEqual([
      'serialOpen {"path":"/dev/pts/7","baudRate":115200,"name":"uart"}',
      'serialSend /dev/pts/7 help lf',
      'serialSend /dev/pts/7 fail crlf',
      'serialClose /dev/pts/7',
    ]);
  });

  it('exports every page of the current filter and remembers the file', async () => {
    const h = harness();
    const file = await h.store.getState().logsExport('txt');
    expect(file).toMatchObject({ mime: 'text/plain;charset=utf-8', content: 'a\nb\n', count: 2 });
    expect(file?.name).toMatch(/^fieldkit-logs-\d{8}-\d{6}\.txt$/);
    expect(h.calls).toEqual(['export txt 0', 'export txt 1']);
    expect(h.store.getState().logs).toMatchObject({ exporting: null, lastExport: { name: file?.name, count: 2 }, exportError: null });
  });

  it('without the logs service, says so instead of crashing', async () => {
    const store = createAppStore({
      api: { settings: {} as Api['settings'], system: {} as Api['system'] },
      retryConnection: () => undefined,
      writeHash: () => undefined,
    });
    await store.getState().logsRefresh();
    expect(store.getState().logs.searchError).toMatch(/not available/);
  });
});
