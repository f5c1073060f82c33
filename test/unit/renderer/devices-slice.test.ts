import { describe, expect, it } from 'vitest';
import {
  FieldKitError, type Api, type DiscoveredDevice, type DoctorReport, type ScanOptions, type ScanResult, type WatchState,
} from '../../../src/contract';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { DAHUA, device, HIK, OFF } from './devices-helpers';
import { fakeEventBus } from './event-bus-helpers';

const STATS = { sent: 8, received: 5, malformed: 1, descriptions: 1, descriptionErrors: 0 };
const OFF_WATCH: WatchState = { running: false, interfaces: [], reprobeSec: null, offlineAfterSec: null };

/**
 * A fake discovery service whose scan stays open until the test ends it, and an event bus
 * standing in for the RPC client: the test plays the core's events in the order it chooses.
 */
function harness(stored: DiscoveredDevice[] = []) {
  const calls: string[] = [];
  const { listeners, on, emit } = fakeEventBus();
  let list = [...stored];
  let endScan: (r: Partial<ScanResult>) => void = () => undefined;
  let failScan: (e: Error) => void = () => undefined;
  const ctl = { failList: false, failWatch: false };
  const discovery: Api['discovery'] = {
    scan: (opts?: ScanOptions) => {
      calls.push(`scan ${JSON.stringify(opts)}`);
      return new Promise<ScanResult>((resolve, reject) => {
        failScan = reject;
        endScan = (r) =>
          resolve({ scanId: opts?.scanId ?? '', devices: [], elapsedMs: 3000, cancelled: false, interfaces: ['eth0'], warnings: [], stats: STATS, ...r });
      });
    },
    cancel: async (id) => {
      calls.push(`cancel ${id}`);
      return { cancelled: 1 };
    },
    list: async () => {
      calls.push('list');
      if (ctl.failList) throw new FieldKitError('unavailable', 'core gone');
      return list;
    },
    forget: async (id) => {
      calls.push(`forget ${id ?? '*'}`);
      if (id === 'nope') throw new FieldKitError('not_found', 'No device with id nope.');
      list = id === undefined ? [] : list.filter((d) => d.id !== id);
      return { removed: 1 };
    },
    watch: async (opts) => {
      calls.push(`watch ${JSON.stringify(opts)}`);
      if (ctl.failWatch) throw new FieldKitError('unavailable', 'No up wired or wireless interface');
      return { running: true, interfaces: ['eth0'], reprobeSec: 60, offlineAfterSec: 185 };
    },
    unwatch: async () => {
      calls.push('unwatch');
      return OFF_WATCH;
    },
    watchState: async () => OFF_WATCH,
    doctor: async () => REPORT,
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
      discovery,
    },
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
  const store = createAppStore(deps);
  const setList = (l: DiscoveredDevice[]) => (list = l);
  return { store, calls, emit, listeners, ctl, setList, end: (r: Partial<ScanResult> = {}) => endScan(r), fail: (e: Error) => failScan(e) };
}

const REPORT: DoctorReport = {
  platform: 'linux', interfaces: [], probeInterfaces: ['eth0'], privileges: { allowed: true, code: 'net-admin', reason: 'root', elevation: null },
  checks: [{ id: 'interfaces', status: 'ok', title: 'Interfaces to probe', detail: 'eth0 198.51.100.1/24', code: 'interfaces-found', params: { list: 'eth0 198.51.100.1/24' } }],
};
const flush = () => new Promise((r) => setTimeout(r, 0));
const ids = (h: ReturnType<typeof harness>) => Object.keys(h.store.getState().devices.byId).sort();

describe('devices slice: list and live events', () => {
  it('activation subscribes to the three discovery topics, loads the list, and stops listening on cleanup', async () => {
    const h = harness([HIK, OFF]);
    const stop = h.store.getState().devicesActivate();
    await flush();
    expect([...h.listeners.keys()].sort()).toEqual(['discovery.device', 'discovery.presence', 'discovery.progress']);
    expect(ids(h)).toEqual([HIK.id, OFF.id].sort());
    expect(h.store.getState().devices.listStatus).toBe('ready');
    stop();
    expect([...h.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });

  it('fills from discovery.device events as they arrive, and updates a row in place', async () => {
    const h = harness();
    h.store.getState().devicesActivate();
    await flush();
    h.emit('discovery.device', { change: 'added', device: DAHUA, mergedIds: [] });
    expect(ids(h)).toEqual([DAHUA.id]);
    h.emit('discovery.device', { change: 'updated', device: { ...DAHUA, protocols: ['onvif', 'ssdp', 'dhip'] }, mergedIds: [] });
    expect(h.store.getState().devices.byId[DAHUA.id]?.protocols).toEqual(['onvif', 'ssdp', 'dhip']);
  });

  it('drops the records the core merged into a device and moves the selection to it', async () => {
    const h = harness();
    h.store.getState().devicesActivate();
    await flush();
    const early = device({ id: 'onvif-1111', endpoint: 'urn:uuid:1111', ips: ['198.51.100.10'], protocols: ['onvif'] });
    const ssdpOnly = device({ id: 'upnp-x', udn: 'uuid:x', ips: ['198.51.100.10'], protocols: ['ssdp'] });
    const other = device({ id: 'upnp-y', udn: 'uuid:y', ips: ['198.51.100.77'], protocols: ['ssdp'] });
    for (const d of [early, ssdpOnly, other]) h.emit('discovery.device', { change: 'added', device: d, mergedIds: [] });
    h.store.getState().devicesSelect('onvif-1111');
    h.emit('discovery.device', { change: 'updated', device: HIK, mergedIds: ['onvif-1111', 'upnp-x'] });
    expect(ids(h)).toEqual([HIK.id, 'upnp-y'].sort());
    expect(h.store.getState().devices.selectedId).toBe(HIK.id);
  });

  it('a failed load says why and keeps what was shown', async () => {
    const h = harness([HIK]);
    await h.store.getState().devicesLoad();
    h.ctl.failList = true;
    await h.store.getState().devicesLoad();
    expect(h.store.getState().devices).toMatchObject({ listStatus: 'error', listError: 'core gone' });
    expect(ids(h)).toEqual([HIK.id]);
  });

});

describe('devices slice: scans', () => {
  it('sends the form as scan options with its own id, and shows only its own progress', async () => {
    const h = harness();
    h.store.getState().devicesActivate();
    h.store.getState().devicesSetDraft({ interfaces: ['eth1', 'eth0'], protocols: ['sadp', 'onvif'], timeoutSec: 99 });
    const running = h.store.getState().devicesStartScan();
    const scan = h.store.getState().devices.scan;
    expect(scan.status).toBe('running');
    expect(scan.id).toMatch(/^ui-[\w-]+$/);
    const sent = JSON.parse(h.calls.find((c) => c.startsWith('scan '))!.slice(5)) as ScanOptions;
    expect(sent).toEqual({ scanId: scan.id, timeoutSec: 60, interfaces: ['eth1', 'eth0'], protocols: ['onvif', 'sadp'] });

    h.emit('discovery.progress', { scanId: 'someone-else', phase: 'listening', elapsedMs: 50, timeoutMs: 60000, devices: 9, stats: STATS });
    expect(h.store.getState().devices.scan.progress).toBeNull();
    h.emit('discovery.progress', { scanId: scan.id!, phase: 'listening', elapsedMs: 750, timeoutMs: 60000, devices: 1, stats: STATS });
    expect(h.store.getState().devices.scan.progress).toMatchObject({ phase: 'listening', elapsedMs: 750, devices: 1 });

    // Rows arrive while the scan still runs.
    h.emit('discovery.device', { change: 'added', device: HIK, mergedIds: [] });
    expect(h.store.getState().devices.scan.status).toBe('running');
    expect(ids(h)).toEqual([HIK.id]);

    h.setList([HIK, DAHUA]);
    h.end({ devices: [HIK, DAHUA], elapsedMs: 3012, warnings: ['br0 skipped'] });
    await running;
    expect(h.store.getState().devices.scan).toMatchObject({
      status: 'done',
      result: { elapsedMs: 3012, interfaces: ['eth0'], warnings: ['br0 skipped'], stats: STATS, devices: 2 },
    });
    expect(ids(h)).toEqual([DAHUA.id, HIK.id].sort());
    // The list is re-read after the scan: the core's registry is the truth.
    expect(h.calls.filter((c) => c === 'list').length).toBe(2);
  });

  it('will not start without a protocol, nor twice at once', async () => {
    const h = harness();
    h.store.getState().devicesSetDraft({ protocols: [] });
    await h.store.getState().devicesStartScan();
    expect(h.calls).toEqual([]);
    h.store.getState().devicesSetDraft({ protocols: ['onvif'] });
    void h.store.getState().devicesStartScan();
    void h.store.getState().devicesStartScan();
    expect(h.calls.filter((c) => c.startsWith('scan'))).toHaveLength(1);
  });

  it('cancel asks the core to cancel this scan; the result then says cancelled', async () => {
    const h = harness();
    const running = h.store.getState().devicesStartScan();
    const id = h.store.getState().devices.scan.id;
    await h.store.getState().devicesCancelScan();
    expect(h.calls).toContain(`cancel ${id}`);
    expect(h.store.getState().devices.scan.cancelling).toBe(true);
    h.end({ cancelled: true, elapsedMs: 400 });
    await running;
    expect(h.store.getState().devices.scan).toMatchObject({ status: 'cancelled', cancelling: false, result: { elapsedMs: 400 } });
  });

  it('a failed scan keeps the core\'s message', async () => {
    const h = harness();
    const running = h.store.getState().devicesStartScan();
    h.fail(new FieldKitError('invalid_input', 'No interface named "eth9"'));
    await running;
    expect(h.store.getState().devices.scan).toMatchObject({ status: 'error', error: 'No interface named "eth9"' });
  });

  it('clamps the timeout to what the core accepts', () => {
    const h = harness();
    h.store.getState().devicesSetDraft({ timeoutSec: 0.1 });
    expect(h.store.getState().devices.draft.timeoutSec).toBe(0.5);
    h.store.getState().devicesSetDraft({ timeoutSec: Number.NaN });
    expect(h.store.getState().devices.draft.timeoutSec).toBe(3);
  });
});

describe('devices slice: watch, presence, forget, doctor', () => {
  it('the watch uses the form\'s interfaces, protocols and re-probe period; off stops it; a refusal is shown', async () => {
    const h = harness();
    h.store.getState().devicesSetDraft({ interfaces: ['eth0'], protocols: ['onvif', 'ssdp', 'sadp', 'dhip'] });
    await h.store.getState().devicesSetWatch(true);
    expect(h.calls).toContain('watch {"interfaces":["eth0"],"protocols":["onvif","ssdp","sadp","dhip"],"reprobeSec":60}');
    await h.store.getState().devicesSetWatch(false);
    h.store.getState().devicesSetDraft({ reprobeSec: 10 });
    await h.store.getState().devicesSetWatch(true);
    expect(h.calls).toContain('watch {"interfaces":["eth0"],"protocols":["onvif","ssdp","sadp","dhip"],"reprobeSec":10}');
    expect(h.store.getState().devices.watch).toMatchObject({ running: true, reprobeSec: 60 });
    await h.store.getState().devicesSetWatch(false);
    expect(h.store.getState().devices.watch.running).toBe(false);
    h.ctl.failWatch = true;
    await h.store.getState().devicesSetWatch(true);
    expect(h.store.getState().devices).toMatchObject({ watchBusy: false, watchError: 'No up wired or wireless interface' });
  });

  it('presence events update the device and keep the newest changes first', async () => {
    const h = harness([HIK]);
    h.store.getState().devicesActivate();
    await flush();
    h.emit('discovery.presence', { id: HIK.id, state: 'offline', cause: 'bye', at: '2024-05-01T10:01:00Z', device: { ...HIK, online: false } });
    h.emit('discovery.presence', { id: HIK.id, state: 'online', cause: 'hello', at: '2024-05-01T10:02:00Z', device: HIK });
    h.emit('discovery.presence', { id: OFF.id, state: 'offline', cause: 'timeout', at: '2024-05-01T10:03:00Z', device: { ...OFF, online: false } });
    const d = h.store.getState().devices;
    expect(d.byId[HIK.id]?.online).toBe(true);
    expect(d.byId[OFF.id]?.online).toBe(false);
    expect(d.presence.map((n) => `${n.label} ${n.state} ${n.cause}`)).toEqual(['192.168.1.64 offline timeout', 'Gate online hello', 'Gate offline bye']);
  });

  it('a new device\'s first "online" is not listed as a change; later ones are', async () => {
    const h = harness();
    h.store.getState().devicesActivate();
    await flush();
    h.emit('discovery.device', { change: 'added', device: DAHUA, mergedIds: [] });
    h.emit('discovery.presence', { id: DAHUA.id, state: 'online', cause: 'reply', at: '2024-05-01T10:00:01Z', device: DAHUA });
    expect(h.store.getState().devices.presence).toEqual([]);
    h.emit('discovery.presence', { id: DAHUA.id, state: 'offline', cause: 'bye', at: '2024-05-01T10:00:05Z', device: { ...DAHUA, online: false } });
    h.emit('discovery.device', { change: 'updated', device: DAHUA, mergedIds: [] });
    h.emit('discovery.presence', { id: DAHUA.id, state: 'online', cause: 'hello', at: '2024-05-01T10:00:09Z', device: DAHUA });
    expect(h.store.getState().devices.presence.map((n) => `${n.label} ${n.state}`)).toEqual(['Yard online', 'Yard offline']);
  });

  it('forget removes one device or all; a refusal is shown', async () => {
    const h = harness([HIK, DAHUA, OFF]);
    await h.store.getState().devicesLoad();
    h.store.getState().devicesSelect(HIK.id);
    await h.store.getState().devicesForget(HIK.id);
    expect(ids(h)).toEqual([DAHUA.id, OFF.id].sort());
    expect(h.store.getState().devices.selectedId).toBeNull();
    await h.store.getState().devicesForget('nope');
    expect(h.store.getState().devices.forgetError).toBe('No device with id nope.');
    await h.store.getState().devicesForget();
    expect(ids(h)).toEqual([]);
    expect(h.calls).toContain('forget *');
  });

  it('runs the doctor and stamps when', async () => {
    const h = harness();
    await h.store.getState().devicesRunDoctor();
    expect(h.store.getState().devices.doctor).toEqual({ report: REPORT, status: 'ready', error: null, ranAt: '2024-05-01T10:00:00.000Z' });
  });
});
