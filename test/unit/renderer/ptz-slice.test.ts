import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FieldKitError, type Api, type PtzConnectionInfo, type PtzFrame } from '../../../src/contract';
import { createAppStore, type AppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { FRAME_FLUSH_MS } from '../../../renderer/src/features/ptz/ptz-slice';
import { HEARTBEAT_MS } from '../../../renderer/src/features/ptz/jog';
import { fakeEventBus } from './event-bus-helpers';

type PtzApi = Api['ptz'];
const OUTCOME = { frames: [], latencyMs: 1 };
const TARGET = { kind: 'visca-serial', path: '/tmp/pty/ttyB', baud: 9600, address: 1 } as const;
const INFO: PtzConnectionInfo = { connId: 'ptz-1', target: TARGET, protocol: 'visca', state: 'open', jogging: false };
const FRAME: PtzFrame = { dir: 'tx', at: '2026-11-22T12:05:31.946Z', hex: '81 09 00 02 FF', meaning: 'cam 1: Version inquiry' };

/** A PTZ service that records calls (name and arguments) and a hub that plays core events. */
function fakes() {
  const calls: string[] = [];
  const { listeners, on, emit } = fakeEventBus();
  const ctl = { failPreset: null as FieldKitError | null, log: [FRAME] as PtzFrame[], conns: [] as PtzConnectionInfo[] };
  const rec = (name: string, ...args: unknown[]) => calls.push(`${name} ${JSON.stringify(args)}`);
  const ptz: Partial<PtzApi> = {
    connections: async () => ctl.conns,
    connect: async (t) => (rec('connect', t), INFO),
    disconnect: async (id) => (rec('disconnect', id), { closed: true }),
    version: async () => ({ ...OUTCOME, vendor: 1, vendorName: 'Sony', model: 0x513, rom: 0x100, maxSocket: 2 }),
    position: async (id) => (rec('position', id), { ...OUTCOME, pan: -12, tilt: 3, zoom: 0, focus: 4096, focusMode: 'auto' as const }),
    frameLog: async () => ctl.log,
    drive: async (id, d) => (rec('drive', id, d), OUTCOME),
    heartbeat: async (id) => (rec('heartbeat', id), { jogging: true }),
    stop: async (id) => (rec('stop', id), OUTCOME),
    zoom: async (id, z) => (rec('zoom', id, z), OUTCOME),
    focus: async (id, f) => (rec('focus', id, f), OUTCOME),
    preset: async (id, p) => {
      rec('preset', id, p);
      if (ctl.failPreset) throw ctl.failPreset;
      return OUTCOME;
    },
    addressSet: async (id) => (rec('addressSet', id), { ...OUTCOME, cameras: 3 }),
  };
  const deps: StoreDeps = {
    api: {
      settings: { get: async () => ({ language: 'en', theme: 'system' }), update: async () => ({ language: 'en', theme: 'system' }) },
      system: { info: async () => { throw new Error('unused'); }, interfaces: async () => [], serialPorts: async () => [{ path: '/dev/ttyUSB0' }], ping: async () => ({ echo: null, at: '' }) },
      ptz: ptz as PtzApi,
    },
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
  };
  return { deps, calls, ctl, emit, listeners };
}

/** Lets pending promise callbacks run (fake timers do not touch microtasks). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('PTZ slice', () => {
  let f: ReturnType<typeof fakes>;
  let store: AppStore;
  const s = () => store.getState();

  beforeEach(() => {
    vi.useFakeTimers();
    f = fakes();
    store = createAppStore(f.deps);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function connected() {
    s().ptzAttach();
    s().ptzSetDraft({ path: TARGET.path });
    await s().ptzConnect();
    await settle();
    f.calls.length = 0;
  }

  it('attach subscribes to the PTZ events, lists ports, and detach lets go', async () => {
    const detach = s().ptzAttach();
    await settle();
    expect([...f.listeners.keys()].sort()).toEqual(['ptz.error', 'ptz.frame', 'ptz.state']);
    expect(s().ptz.ports.map((p) => p.path)).toEqual(['/dev/ttyUSB0']);
    detach();
    expect([...f.listeners.values()].every((l) => l.size === 0)).toBe(true);
  });

  it('shows connections the core already has, with their frame logs', async () => {
    f.ctl.conns = [INFO];
    s().ptzAttach();
    await settle();
    expect(s().ptz.order).toEqual(['ptz-1']);
    expect(s().ptz.selected).toBe('ptz-1');
    expect(s().ptz.frames['ptz-1']?.frames.map((x) => x.hex)).toEqual([FRAME.hex]);
  });

  it('refuses to connect with a broken form and says why, without calling the core', async () => {
    s().ptzAttach();
    s().ptzSetDraft({ path: '', address: '9' });
    await s().ptzConnect();
    expect(s().ptz.formErrors).toEqual({ path: { key: 'required' }, address: { key: 'range', min: 1, max: 7 } });
    expect(f.calls.filter((c) => c.startsWith('connect'))).toEqual([]);
  });

  it('connects, selects the connection, identifies the camera and reads its position', async () => {
    s().ptzAttach();
    s().ptzSetDraft({ path: TARGET.path, baud: 19200 });
    await s().ptzConnect();
    await settle();
    expect(f.calls[0]).toBe(`connect [${JSON.stringify({ kind: 'visca-serial', path: TARGET.path, baud: 19200, address: 1 })}]`);
    expect(s().ptz.selected).toBe('ptz-1');
    expect(s().ptz.versions['ptz-1']?.vendorName).toBe('Sony');
    expect(s().ptz.conns['ptz-1']?.position).toEqual({ pan: -12, tilt: 3, zoom: 0, focus: 4096, focusMode: 'auto' });
  });

  it('batches frame events into the log of their connection', async () => {
    await connected();
    f.emit('ptz.frame', { ...FRAME, connId: 'ptz-1', hex: '81 01 06 01 0C 0A 03 03 FF' });
    f.emit('ptz.frame', { ...FRAME, connId: 'ptz-1', dir: 'rx', hex: '90 41 FF', latencyMs: 2 });
    const before = s().ptz.frames['ptz-1']?.frames.length;
    vi.advanceTimersByTime(FRAME_FLUSH_MS);
    expect(s().ptz.frames['ptz-1']?.frames.length).toBe((before ?? 0) + 2);
    expect(s().ptz.frames['ptz-1']?.frames.at(-1)).toMatchObject({ dir: 'rx', hex: '90 41 FF', latencyMs: 2 });
  });

  it('jogs the selected camera at the chosen speed with the deadman, beats while held, and stops on release', async () => {
    await connected();
    s().ptzSetSpeed(100);
    s().ptzJogPress('pointer', 'up-left');
    expect(f.calls).toEqual([`drive ["ptz-1",{"direction":"up-left","panSpeed":24,"tiltSpeed":20,"deadman":true}]`]);
    expect(s().ptz.jog).toBe('up-left');
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await settle();
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await settle();
    expect(f.calls.filter((c) => c.startsWith('heartbeat'))).toHaveLength(2);
    s().ptzJogRelease('pointer');
    expect(f.calls.at(-1)).toBe('stop ["ptz-1"]');
    expect(s().ptz.jog).toBeNull();
    vi.advanceTimersByTime(HEARTBEAT_MS * 5);
    await settle();
    expect(f.calls.filter((c) => c.startsWith('heartbeat'))).toHaveLength(2);
  });

  it('does not jog without an open connection', async () => {
    s().ptzAttach();
    s().ptzJogPress('keys', 'up');
    expect(f.calls).toEqual([]);
    await connected();
    f.emit('ptz.state', { ...INFO, state: 'lost' });
    s().ptzJogPress('keys', 'up');
    expect(f.calls).toEqual([]);
  });

  it('releaseAll stops the jog and a held zoom together', async () => {
    await connected();
    s().ptzJogPress('keys', 'down');
    s().ptzLensPress('zoom-tele');
    s().ptzReleaseAll();
    await settle();
    expect(f.calls).toEqual([
      `drive ["ptz-1",{"direction":"down","panSpeed":12,"tiltSpeed":10,"deadman":true}]`,
      `zoom ["ptz-1",{"action":"tele","speed":3}]`,
      'stop ["ptz-1"]',
      `zoom ["ptz-1",{"action":"stop"}]`,
    ]);
    expect(s().ptz.lens).toBeNull();
  });

  it('switches to manual focus before driving focus when the camera is in auto', async () => {
    await connected();
    s().ptzLensPress('focus-far');
    await settle();
    s().ptzLensRelease();
    await settle();
    expect(f.calls).toEqual([
      `focus ["ptz-1",{"action":"manual"}]`,
      `focus ["ptz-1",{"action":"far","speed":3}]`,
      `focus ["ptz-1",{"action":"stop"}]`,
    ]);
  });

  it('remembers presets saved in this session and forgets cleared ones', async () => {
    await connected();
    await s().ptzPreset('set', 4);
    await s().ptzPreset('set', 2);
    await s().ptzPreset('clear', 4);
    expect(s().ptz.savedPresets['/tmp/pty/ttyB#1']).toEqual([2]);
    expect(f.calls).toEqual([
      'preset ["ptz-1",{"action":"set","number":4}]',
      'preset ["ptz-1",{"action":"set","number":2}]',
      'preset ["ptz-1",{"action":"clear","number":4}]',
    ]);
  });

  it('a camera error becomes a notice naming the operation and the camera answer', async () => {
    await connected();
    f.ctl.failPreset = new FieldKitError('failed', 'camera 1: not executable', { camera: 'not-executable', frames: [] });
    await s().ptzPreset('recall', 7);
    expect(s().ptz.notice).toEqual({ kind: 'error', key: 'opFailed', op: 'preset', camera: 'not-executable', message: 'camera 1: not executable' });
    expect(s().ptz.savedPresets['/tmp/pty/ttyB#1']).toBeUndefined();
    expect(s().ptz.busy).toBeNull();
  });

  it('core events: a deadman stop is explained, a closed connection disappears', async () => {
    await connected();
    f.emit('ptz.error', { connId: 'ptz-1', code: 'deadman', message: 'no heartbeat for 500 ms: sent stop' });
    expect(s().ptz.notice).toMatchObject({ kind: 'warning', key: 'deadman' });
    f.emit('ptz.state', { ...INFO, state: 'closed' });
    expect(s().ptz.order).toEqual([]);
    expect(s().ptz.selected).toBeNull();
  });

  it('polls the position while jogging, then stops polling once settled', async () => {
    await connected();
    s().ptzPollTick();
    expect(f.calls.filter((c) => c.startsWith('position'))).toEqual([]); // idle: no polls
    s().ptzJogPress('pointer', 'left');
    s().ptzPollTick();
    await settle();
    expect(f.calls.filter((c) => c.startsWith('position'))).toEqual([]); // the connect just read it
    vi.advanceTimersByTime(500);
    s().ptzPollTick();
    await settle();
    vi.advanceTimersByTime(500);
    s().ptzPollTick();
    await settle();
    s().ptzJogRelease('pointer');
    vi.advanceTimersByTime(10_000);
    const polls = f.calls.filter((c) => c.startsWith('position')).length;
    s().ptzPollTick();
    await settle();
    expect(polls).toBe(2);
    expect(f.calls.filter((c) => c.startsWith('position'))).toHaveLength(2);
  });

  it('does not poll at all when "follow position" is off', async () => {
    await connected();
    s().ptzSetFollowPosition(false);
    s().ptzJogPress('pointer', 'left');
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(500);
      s().ptzPollTick();
      await settle();
    }
    expect(f.calls.filter((c) => c.startsWith('position'))).toEqual([]);
    s().ptzJogRelease('pointer');
  });

  it('AddressSet reports the cameras and prepares the form for the next one on the line', async () => {
    await connected();
    await s().ptzAssignAddresses();
    expect(s().ptz.chain['ptz-1']).toBe(3);
    expect(s().ptz.notice).toMatchObject({ kind: 'info', key: 'chainAssigned', count: 3 });
    s().ptzDraftChainCamera(2);
    expect(s().ptz.selected).toBeNull();
    expect(s().ptz.draft).toMatchObject({ link: 'serial', path: TARGET.path, address: '2', serialProtocol: 'visca-serial' });
  });

  it('disconnect stops a running jog first', async () => {
    await connected();
    s().ptzJogPress('keys', 'right');
    await s().ptzDisconnect('ptz-1');
    expect(f.calls.map((c) => c.split(' ')[0])).toEqual(['drive', 'stop', 'disconnect']);
    expect(s().ptz.order).toEqual([]);
  });
});
