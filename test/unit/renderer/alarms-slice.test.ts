import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmFilter, AlarmItem, AlarmListOptions, Api, Handlers } from '../../../src/contract';
import { alarmsService, type AlarmsService } from '../../../src/alarms/service';
import { openDatabase } from '../../../src/db/open';
import { createClient, type RpcClient } from '../../../src/rpc/client';
import { memoryTransportPair } from '../../../src/rpc/memory-transport';
import { RpcServer } from '../../../src/rpc/server';
import { alarmRowAt } from '../../../renderer/src/features/alarms/alarms-slice';
import { PAGE_SIZE } from '../../../renderer/src/features/alarms/model/page-window';
import { createAppStore, type AppStore } from '../../../renderer/src/stores/app-store';

/**
 * The alarms slice against the real alarms service (an in-memory SQLite
 * database) behind the real RPC server and client, so every call the slice
 * makes is validated by the contract's schemas exactly as in the app.
 */

const DEVICES = ['cam-01', 'cam-02', 'cam-03'];
const BASE = Date.parse('2024-03-01T00:00:00Z');

/** FieldKit JSONL: per device, `n` alarms raised hourly; every other one cleared 90 s later, every fifth an event. */
function siteJsonl(n: number, opts: { badLineAt?: number } = {}): string {
  const lines: string[] = [];
  for (const device of DEVICES) {
    let op = 1;
    for (let i = 0; i < n; i++) {
      const t = BASE + (i * DEVICES.length + DEVICES.indexOf(device)) * 3_600_000;
      const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
      if (i % 5 === 4) {
        lines.push(JSON.stringify({ device, op_id: op++, kind: 'event', type: 'door-lock-failed', severity: 'minor', action: 'event', time: iso(t), message: `门禁 ${i} failed` }));
        continue;
      }
      const se = `${device}-m${i}`;
      const severity = i % 3 === 0 ? 'critical' : 'warning';
      lines.push(JSON.stringify({ device, op_id: op++, se_id: se, kind: 'alarm', type: 'motion', severity, action: 'raise', time: iso(t), message: `motion ${device} ${i}` }));
      if (i % 2 === 0) lines.push(JSON.stringify({ device, op_id: op++, se_id: se, kind: 'alarm', type: 'motion', severity, action: 'clear', time: iso(t + 90_000), message: 'motion end' }));
    }
  }
  if (opts.badLineAt !== undefined) lines.splice(opts.badLineAt - 1, 0, '{"device":"cam-01","kind":"alarm"');
  return `${lines.join('\n')}\n`;
}

interface Harness {
  store: AppStore;
  client: RpcClient;
  service: AlarmsService;
  calls: { method: string; args: unknown[] }[];
  close(): void;
}

function harness(): Harness {
  const { db } = openDatabase('/nonexistent', ':memory:');
  let now = Date.parse('2025-01-01T00:00:00Z');
  const server: RpcServer = new RpcServer({
    alarms: alarmsService({
      db,
      clock: { now: () => (now += 1000) },
      onChanged: (c) => server.emit('alarms.changed', c),
      onImportProgress: (p) => server.emit('alarms.importProgress', p),
    }),
  } as unknown as Handlers);
  const service = alarmsService({ db, clock: { now: () => now }, onChanged: (c) => server.emit('alarms.changed', c), onImportProgress: () => undefined });
  const [a, b] = memoryTransportPair();
  server.connect(a);
  const client = createClient(b);
  const calls: Harness['calls'] = [];
  // Record every call the slice makes, then pass it to the real client.
  const alarms = new Proxy(client.api.alarms, {
    get: (target, method: string) => (...args: unknown[]) => {
      calls.push({ method, args });
      return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
    },
  }) as Api['alarms'];
  const store = createAppStore({
    api: {
      alarms,
      settings: { get: async () => ({ language: 'en', theme: 'system' }), update: async () => ({ language: 'en', theme: 'system' }) },
      system: { info: async () => { throw new Error('unused'); }, interfaces: async () => [], serialPorts: async () => [], ping: async () => ({ echo: null, at: '' }) },
    } as never,
    on: (topic, cb) => client.on(topic, cb),
    retryConnection: () => undefined,
    writeHash: () => undefined,
    now: () => new Date('2025-01-02T03:04:05'),
  });
  return { store, client, service, calls, close: () => db.close() };
}

/** Waits until the store satisfies `ok` (the slice fetches asynchronously). */
async function until(store: AppStore, ok: (s: ReturnType<AppStore['getState']>) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (ok(store.getState())) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const ids = (items: (AlarmItem | null)[]) => items.map((i) => i?.id ?? null);
const rowsOf = (store: AppStore, scope: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => alarmRowAt(store.getState().alarms.list, scope, from + i));
const direct = async (h: Harness, filter: AlarmFilter, opts: AlarmListOptions) => h.service.list(filter, opts);

let h: Harness;
beforeEach(async () => {
  h = harness();
  const report = await h.service.importText('site.jsonl', siteJsonl(400));
  expect(report.rejected).toEqual([]);
});
afterEach(() => {
  h.client.close();
  h.close();
});

describe('alarms slice: the virtual list', () => {
  it('loads the first page with the total, then only the pages the table shows', async () => {
    const { store } = h;
    await store.getState().loadAlarms();
    const list = store.getState().alarms.list;
    const all = await direct(h, { state: 'all' }, { limit: 10_000 });
    expect(list.total).toBe(all.total);
    expect(ids(rowsOf(store, '', 0, PAGE_SIZE - 1))).toEqual(all.items.slice(0, PAGE_SIZE).map((i) => i.id));
    expect(Object.keys(list.rows)).toEqual(['|0']);

    h.calls.length = 0;
    store.getState().ensureAlarmRows([{ scope: '', start: 250, end: 280 }]);
    await until(store, (s) => alarmRowAt(s.alarms.list, '', 280) !== null, 'rows 250..280');
    expect(ids(rowsOf(store, '', 250, 280))).toEqual(all.items.slice(250, 281).map((i) => i.id));
    // One call for exactly the one page those rows are on, without a count.
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]!.args[1]).toMatchObject({ offset: 200, limit: PAGE_SIZE, countTotal: false });
  });

  it('asks for the first rows before the count, and skips the count when the first page is short', async () => {
    const { store } = h;
    h.calls.length = 0;
    await store.getState().loadAlarms();
    expect(h.calls.map((c) => c.args[1])).toEqual([
      expect.objectContaining({ offset: 0, limit: PAGE_SIZE, countTotal: false }),
      expect.objectContaining({ limit: 1, countTotal: true }),
    ]);
    expect(store.getState().alarms.list.counting).toBe(false);

    store.getState().setAlarmFilter({ devices: ['cam-01'], severities: ['critical'], kind: 'event' });
    h.calls.length = 0;
    await store.getState().loadAlarms();
    expect(h.calls).toHaveLength(1);
    expect(store.getState().alarms.list.total).toBe(0);
  });

  it('reads the far end of the list backwards and still shows the same rows in order', async () => {
    const { store } = h;
    await store.getState().loadAlarms();
    const total = store.getState().alarms.list.total!;
    h.calls.length = 0;
    store.getState().ensureAlarmRows([{ scope: '', start: total - 30, end: total - 1 }]);
    await until(store, (s) => alarmRowAt(s.alarms.list, '', total - 1) !== null, 'the last rows');
    expect(h.calls[0]!.args[1]).toMatchObject({ order: 'asc', offset: 0 });
    const all = await direct(h, { state: 'all' }, { limit: 10_000 });
    const lastPage = Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE;
    expect(ids(rowsOf(store, '', lastPage, total - 1))).toEqual(all.items.slice(lastPage).map((i) => i.id));
  });

  it('applies filters and sorts through the contract, and a new query replaces the rows', async () => {
    const { store } = h;
    await store.getState().loadAlarms();
    store.getState().setAlarmFilter({ severities: ['critical'], devices: ['cam-02'], text: 'motion' });
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting && s.alarms.list.key?.includes('cam-02') === true, 'the filtered list');
    const expected = await direct(h, { state: 'all', severities: ['critical'], devices: ['cam-02'], text: 'motion' }, { limit: 1000 });
    expect(expected.total).toBeGreaterThan(10);
    expect(store.getState().alarms.list.total).toBe(expected.total);
    const shown = rowsOf(store, '', 0, Math.min(PAGE_SIZE, expected.total) - 1);
    expect(shown.every((r) => r?.device === 'cam-02' && r.severity === 'critical')).toBe(true);

    store.getState().setAlarmSort({ sort: 'device', order: 'asc' });
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting && s.alarms.list.key?.includes('"device","asc"') === true, 'the sorted list');
    expect(h.calls.at(-1)!.args[1]).toMatchObject({ sort: 'device', order: 'asc' });
  });

  it('keeps only the last of several quick filter changes', async () => {
    const { store } = h;
    await store.getState().loadAlarms();
    store.getState().setAlarmFilter({ state: 'active' });
    store.getState().setAlarmFilter({ state: 'cleared' });
    store.getState().setAlarmFilter({ state: 'event' });
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting && s.alarms.list.key?.includes('"event"') === true, 'the last query');
    const events = await direct(h, { state: 'event' }, { limit: 1 });
    expect(store.getState().alarms.list.total).toBe(events.total);
    expect(rowsOf(store, '', 0, 9).every((r) => r?.state === 'event')).toBe(true);
  });

  it('groups by device: counts first, then the rows of an expanded group only', async () => {
    const { store } = h;
    store.getState().setAlarmGrouping(true);
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting && s.alarms.list.groups.length === 3, 'the groups');
    const groups = store.getState().alarms.list.groups;
    expect(groups.map((g) => g.device).sort()).toEqual(DEVICES);
    expect(groups.reduce((n, g) => n + g.total, 0)).toBe(store.getState().alarms.list.total);
    store.getState().toggleAlarmGroup('cam-03');
    store.getState().ensureAlarmRows([{ scope: 'cam-03', start: 0, end: 20 }]);
    await until(store, (s) => alarmRowAt(s.alarms.list, 'cam-03', 20) !== null, 'cam-03 rows');
    expect(rowsOf(store, 'cam-03', 0, 20).every((r) => r?.device === 'cam-03')).toBe(true);
    expect(h.calls.at(-1)!.args[0]).toMatchObject({ devices: ['cam-03'] });
  });
});

describe('alarms slice: detail, acknowledge, notes', () => {
  it('acknowledges several with a name and a note, and the detail shows the flow timeline', async () => {
    const { store } = h;
    await store.getState().loadAlarms();
    const active = (await direct(h, { state: 'active' }, { limit: 2 })).items;
    expect(active).toHaveLength(2);
    for (const a of active) store.getState().toggleAlarmSelected(a.id);
    expect(store.getState().alarms.selectedCount).toBe(2);

    const result = await store.getState().ackAlarms(active.map((a) => a.id), '  Li Wei ', '已到现场检查');
    expect(result?.acked.sort()).toEqual(active.map((a) => a.id).sort());
    expect(store.getState().alarms.selectedCount).toBe(0);
    expect(store.getState().alarms.operator).toBe('Li Wei');

    await store.getState().openAlarm(active[0]!.id);
    const d = store.getState().alarms.detail.data!;
    expect(d.state).toBe('acked');
    expect(d.ackedBy).toBe('Li Wei');
    expect(d.timeline.map((s) => s.step)).toEqual(['raised', 'acknowledged']);
    expect(d.operations).toEqual([expect.objectContaining({ op: 'ack', by: 'Li Wei', note: '已到现场检查' })]);

    expect(await store.getState().annotateAlarm('Li Wei', 'camera cable replaced')).toBe(true);
    expect(store.getState().alarms.detail.data!.operations.map((o) => o.op)).toEqual(['ack', 'note']);
  });

  it('selects the unacknowledged alarms of the filter, never events', async () => {
    const { store } = h;
    store.getState().setAlarmFilter({ devices: ['cam-01'] });
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting, 'the list');
    const n = await store.getState().selectAllUnackedAlarms();
    const expected = await direct(h, { state: 'active', devices: ['cam-01'] }, { limit: 1 });
    expect(n).toBe(expected.total);
    expect(store.getState().alarms.selectedCount).toBe(expected.total);
  });

  it('a cleared alarm has a duration and a timeline with the time between steps', async () => {
    const { store } = h;
    const cleared = (await direct(h, { state: 'cleared' }, { limit: 1 })).items[0]!;
    await store.getState().openAlarm(cleared.id);
    const d = store.getState().alarms.detail.data!;
    expect(d.durationMs).toBe(90_000);
    expect(d.timeline.map((s) => [s.step, s.sincePreviousMs])).toEqual([
      ['raised', null],
      ['cleared', 90_000],
    ]);
  });
});

describe('alarms slice: following the core', () => {
  it('refreshes the list when another client imports, keeping the old rows on screen meanwhile', async () => {
    const { store } = h;
    const leave = store.getState().alarmsActivate();
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting, 'the first load');
    const before = store.getState().alarms.list.total!;
    await h.service.importText(
      'more.jsonl',
      `${JSON.stringify({ device: 'cam-09', op_id: 1, kind: 'alarm', type: 'tamper', severity: 'major', action: 'raise', time: '2025-01-01T00:00:00+08:00', message: 'tamper' })}\n`,
    );
    await until(store, (s) => s.alarms.list.total === before + 1, 'the refreshed total');
    expect(alarmRowAt(store.getState().alarms.list, '', 0)?.device).toBe('cam-09');
    leave();
  });
});

describe('alarms slice: import and export', () => {
  it('sends a file larger than one WebSocket message in parts and reports rejected lines by file line', async () => {
    const { store } = h;
    const text = siteJsonl(5000, { badLineAt: 9000 });
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(1.5 * 1024 * 1024);
    await store.getState().importAlarmFile({ name: 'big.jsonl', size: text.length, text: async () => text }, { format: 'auto' });
    const run = store.getState().alarms.importRun;
    expect(run.status).toBe('done');
    const parts = h.calls.filter((c) => c.method === 'importText');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(new TextEncoder().encode(JSON.stringify(p.args)).length).toBeLessThan(1024 * 1024);
    expect(run.summary!.parts).toBe(parts.length);
    expect(run.summary!.rejected).toEqual([{ line: 9000, reason: expect.stringMatching(/JSON/), code: 'not-json', params: {} }]);
    // The first 400 per device were already there: duplicates, not new rows.
    expect(run.summary!.duplicates).toBeGreaterThan(0);
    expect(run.summary!.read).toBe(text.split('\n').filter(Boolean).length);
  });

  it('refuses an XML file too large for one message before sending anything', async () => {
    const { store } = h;
    // Over the browser host's 8 MiB message (a 1.6 MB alert file goes up whole).
    const xml = `<?xml version="1.0"?><EventNotificationAlert>${'<x>1</x>'.repeat(1_100_000)}</EventNotificationAlert>`;
    h.calls.length = 0;
    await store.getState().importAlarmFile({ name: 'big.xml', size: xml.length, text: async () => xml }, { format: 'auto' });
    expect(store.getState().alarms.importRun).toMatchObject({ status: 'failed', problem: { code: 'xml-too-large' } });
    expect(h.calls).toEqual([]);
  });

  it('exports the current filter as CSV with a file name', async () => {
    const { store } = h;
    store.getState().setAlarmFilter({ devices: ['cam-02'], kind: 'event' });
    await until(store, (s) => s.alarms.list.status === 'ready' && !s.alarms.list.counting, 'the list');
    const file = await store.getState().exportAlarms('csv');
    expect(file?.name).toBe('fieldkit-alarms-20250102-030405.csv');
    const lines = file!.content.trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + store.getState().alarms.list.total!);
    expect(lines.slice(1).every((l) => l.includes('cam-02') && l.includes('door-lock-failed'))).toBe(true);
    expect(store.getState().alarms.exportRun).toMatchObject({ status: 'done', truncated: false });
  });
});
