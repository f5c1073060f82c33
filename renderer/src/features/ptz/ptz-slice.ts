import { FieldKitError } from '../../../../src/contract/errors';
import type {
  Api,
  PtzCameraErrorName,
  PtzConnectionInfo,
  PtzDirection,
  PtzFrame,
  PtzVersion,
  SerialPortInfo,
} from '../../../../src/contract';
import { errorMessage } from '../../stores/deps';
import type { SliceCreator } from '../../stores/types';
import { speedFor } from './directions';
import {
  appendFrames,
  clearFrames,
  emptyFrameBuffer,
  mergeSnapshot,
  pauseFrames,
  resumeFrames,
  type FrameBuffer,
} from './frame-buffer';
import { JogController } from './jog';
import { pollDue } from './position-poll';
import { buildTarget, DEFAULT_DRAFT, draftFor, targetAddress, targetPlace, type DraftField, type FieldError, type TargetDraft } from './target-form';

/** Hold-to-drive lens controls. */
export type LensAction = 'zoom-tele' | 'zoom-wide' | 'focus-near' | 'focus-far';
/** Operations a notice can name (labels under `ptz.ops`). */
export type PtzOp = 'connect' | 'disconnect' | 'drive' | 'stop' | 'zoom' | 'focus' | 'preset' | 'home' | 'position' | 'version' | 'addressSet' | 'export' | 'frameLog' | 'ports' | 'load';
/** Messages the page shows above the controls (texts under `ptz.notices`). */
export type PtzNoticeKey = 'opFailed' | 'deadman' | 'portLost' | 'reopenFailed' | 'stopFailed' | 'coreError' | 'jogInterrupted' | 'chainAssigned' | 'noService';

/** One message for the technician; the page translates it. */
export interface PtzNotice {
  kind: 'error' | 'warning' | 'info';
  key: PtzNoticeKey;
  op?: PtzOp;
  /** The camera's own error, when it answered with one or stayed silent. */
  camera?: PtzCameraErrorName;
  /** The core's message (written for people, in English). */
  message?: string;
  count?: number;
}

export interface PtzSlice {
  ptz: {
    draft: TargetDraft;
    formErrors: Partial<Record<DraftField, FieldError>>;
    connecting: boolean;
    ports: SerialPortInfo[];
    portsStatus: 'idle' | 'loading' | 'ready' | 'error';
    /** Open connections by id, in the order they were opened. */
    conns: Record<string, PtzConnectionInfo>;
    order: string[];
    /** The connection the controls act on; null shows the connection form. */
    selected: string | null;
    frames: Record<string, FrameBuffer>;
    versions: Record<string, PtzVersion>;
    /** Cameras found by the last AddressSet, per connection. */
    chain: Record<string, number>;
    /** Presets saved in this session, by camera (place#address): cameras cannot be asked which exist. */
    savedPresets: Record<string, number[]>;
    /** Pan-tilt speed in percent of the protocol's maximum. */
    speed: number;
    /** Zoom and focus drive speed, 0..7. */
    lensSpeed: number;
    /** Poll the position while the camera moves (off keeps the frame log to the commands alone). */
    followPosition: boolean;
    /** The direction being driven (null: not jogging). */
    jog: PtzDirection | null;
    lens: LensAction | null;
    /** The operation waiting for the camera (e.g. `preset:recall:3`), for busy states. */
    busy: string | null;
    notice: PtzNotice | null;
  };
  /** Subscribes to PTZ events and loads the open connections; returns the detach function. */
  ptzAttach(): () => void;
  /** Reloads connections and their frame logs (after the link to the core reopened). */
  ptzReload(): Promise<void>;
  ptzSetDraft(patch: Partial<TargetDraft>): void;
  ptzRefreshPorts(): Promise<void>;
  ptzConnect(): Promise<void>;
  ptzDisconnect(connId: string): Promise<void>;
  ptzSelect(connId: string | null): void;
  ptzSetSpeed(percent: number): void;
  ptzSetLensSpeed(speed: number): void;
  ptzSetFollowPosition(on: boolean): void;
  /** An input (`pointer`, `keys`) holds the joystick in `direction` (null: on the stop cell). */
  ptzJogPress(source: string, direction: PtzDirection | null): void;
  ptzJogRelease(source: string): void;
  /** Lets go of every hold: the jog, zoom and focus (blur, hidden page, unmount). */
  ptzReleaseAll(): void;
  /** Stop button: lets go of every hold and sends pan-tilt and lens stop at once. */
  ptzStopNow(): Promise<void>;
  ptzLensPress(action: LensAction): void;
  ptzLensRelease(): void;
  ptzFocusMode(mode: 'auto' | 'manual' | 'one-push'): Promise<void>;
  ptzHome(): Promise<void>;
  ptzPreset(action: 'set' | 'recall' | 'clear', n: number): Promise<void>;
  ptzRefreshPosition(): Promise<void>;
  /** Called on a timer by the page: reads the position when motion makes it worth it. */
  ptzPollTick(): void;
  ptzAssignAddresses(): Promise<void>;
  /** Fills the form for camera `address` on the selected connection's line (after AddressSet). */
  ptzDraftChainCamera(address: number): void;
  ptzLogPause(): void;
  ptzLogResume(): void;
  ptzLogClear(): void;
  /** The selected connection's frame log from the core, ready to save. */
  ptzExport(format: 'csv' | 'text'): Promise<{ filename: string; mimeType: string; content: string } | null>;
  ptzDismissNotice(): void;
}

type PtzApi = Api['ptz'];

/** Frames arriving as events are batched into the store at this pace: a chatty line must not re-render per byte. */
export const FRAME_FLUSH_MS = 50;

/** The key under which a camera's saved presets are remembered. */
export const presetKey = (c: PtzConnectionInfo): string => `${targetPlace(c.target)}#${targetAddress(c.target)}`;

function failure(op: PtzOp, err: unknown): PtzNotice {
  const details = err instanceof FieldKitError ? (err.details as { camera?: PtzCameraErrorName } | undefined) : undefined;
  const notice: PtzNotice = { kind: 'error', key: 'opFailed', op, message: errorMessage(err) };
  if (details?.camera) notice.camera = details.camera;
  return notice;
}

const EVENT_NOTICES: Record<string, PtzNoticeKey> = {
  deadman: 'deadman',
  'port-lost': 'portLost',
  'reopen-failed': 'reopenFailed',
  'stop-failed': 'stopFailed',
};

export const createPtzSlice: SliceCreator<PtzSlice> = (deps) => (set, get) => {
  const api = (): PtzApi => {
    const p = deps.api.ptz;
    if (!p) throw new FieldKitError('unavailable', 'This FieldKit host has no PTZ service.');
    return p;
  };
  const now = () => (deps.now?.() ?? new Date()).getTime();
  const patch = (p: Partial<PtzSlice['ptz']>) => set((s) => ({ ptz: { ...s.ptz, ...p } }));
  const notify = (notice: PtzNotice | null) => patch({ notice });

  // ---- frames: events are queued and flushed together; a connection whose log is being fetched
  // collects its live frames aside so the snapshot and the live tail can be merged without gaps.
  const queued = new Map<string, PtzFrame[]>();
  const loading = new Map<string, PtzFrame[]>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    flushTimer = null;
    if (queued.size === 0) return;
    const batch = [...queued];
    queued.clear();
    set((s) => {
      const frames = { ...s.ptz.frames };
      for (const [id, list] of batch) frames[id] = appendFrames(frames[id] ?? emptyFrameBuffer(), list);
      return { ptz: { ...s.ptz, frames } };
    });
  };
  const onFrame = (f: PtzFrame & { connId: string }) => {
    const { connId, ...frame } = f;
    const aside = loading.get(connId);
    if (aside) return void aside.push(frame);
    const list = queued.get(connId);
    if (list) list.push(frame);
    else queued.set(connId, [frame]);
    flushTimer ??= setTimeout(flush, FRAME_FLUSH_MS);
  };
  const loadFrames = async (connId: string) => {
    if (loading.has(connId)) return;
    loading.set(connId, []);
    try {
      const snapshot = await api().frameLog(connId);
      const held = get().ptz.frames[connId]?.frames ?? [];
      const live = [...held, ...(queued.get(connId) ?? []), ...(loading.get(connId) ?? [])];
      queued.delete(connId);
      set((s) => ({ ptz: { ...s.ptz, frames: { ...s.ptz.frames, [connId]: mergeSnapshot(snapshot, live) } } }));
    } catch (err) {
      if (!(err instanceof FieldKitError && err.code === 'not_found')) notify(failure('frameLog', err));
    } finally {
      const rest = loading.get(connId) ?? [];
      loading.delete(connId);
      for (const f of rest) onFrame({ ...f, connId });
    }
  };

  // ---- connections
  const upsert = (info: PtzConnectionInfo) =>
    set((s) => {
      const p = s.ptz;
      if (info.state === 'closed') {
        if (!p.conns[info.connId]) return {};
        const conns = { ...p.conns };
        delete conns[info.connId];
        const order = p.order.filter((id) => id !== info.connId);
        const selected = p.selected === info.connId ? (order[0] ?? null) : p.selected;
        const frames = { ...p.frames };
        delete frames[info.connId];
        return { ptz: { ...p, conns, order, selected, frames } };
      }
      const order = p.order.includes(info.connId) ? p.order : [...p.order, info.connId];
      return { ptz: { ...p, conns: { ...p.conns, [info.connId]: info }, order } };
    });
  const selectedConn = (): PtzConnectionInfo | undefined => {
    const p = get().ptz;
    return p.selected ? p.conns[p.selected] : undefined;
  };

  // ---- jog (pan-tilt) and lens holds
  let jogConn: string | null = null;
  const jog = new JogController(
    {
      drive: (direction) => {
        const c = jogConn ? get().ptz.conns[jogConn] : undefined;
        if (!jogConn || !c) return Promise.reject(new FieldKitError('not_found', 'The connection closed.'));
        return api().drive(jogConn, { direction, ...speedFor(c.protocol, get().ptz.speed), deadman: true });
      },
      stop: () => (jogConn ? api().stop(jogConn) : Promise.resolve()),
      heartbeat: () => (jogConn ? api().heartbeat(jogConn) : Promise.resolve({ jogging: false })),
    },
    {
      onDirection: (direction) => {
        if (direction === null) motionAt = now();
        patch({ jog: direction });
      },
      onInterrupted: () => {
        // The deadman or a lost port explains itself through ptz.error; say so only when nothing did.
        if (!get().ptz.notice) notify({ kind: 'warning', key: 'jogInterrupted' });
      },
      onError: (err) => notify(failure('drive', err)),
    },
  );
  let lensConn: string | null = null;
  const lensStop = (action: LensAction, connId: string) =>
    action.startsWith('zoom') ? api().zoom(connId, { action: 'stop' }) : api().focus(connId, { action: 'stop' });

  // ---- position polling
  let motionAt = -Infinity;
  let polledAt = -Infinity;
  let polling = false;
  const readPosition = async (connId: string) => {
    polling = true;
    polledAt = now();
    try {
      const r = await api().position(connId);
      // The core also emits ptz.state with it; taking the reply too keeps the readout right if that event lags.
      const c = get().ptz.conns[connId];
      if (c) upsert({ ...c, position: { pan: r.pan, tilt: r.tilt, zoom: r.zoom, focus: r.focus, focusMode: r.focusMode } });
    } catch (err) {
      // One missed poll is not worth a notice while the camera moves; a manual refresh reports it.
      if (get().ptz.jog === null && get().ptz.lens === null) throw err;
    } finally {
      polling = false;
    }
  };

  /** Runs a camera operation with a busy marker and a notice on failure. */
  const run = async <T>(op: PtzOp, busy: string, fn: (api: PtzApi, connId: string, c: PtzConnectionInfo) => Promise<T>): Promise<T | undefined> => {
    const c = selectedConn();
    if (!c) return undefined;
    patch({ busy });
    try {
      return await fn(api(), c.connId, c);
    } catch (err) {
      notify(failure(op, err));
      return undefined;
    } finally {
      if (get().ptz.busy === busy) patch({ busy: null });
    }
  };

  const setFrames = (connId: string, fn: (b: FrameBuffer) => FrameBuffer) =>
    set((s) => ({ ptz: { ...s.ptz, frames: { ...s.ptz.frames, [connId]: fn(s.ptz.frames[connId] ?? emptyFrameBuffer()) } } }));

  const afterConnect = async (info: PtzConnectionInfo) => {
    await loadFrames(info.connId);
    if (info.protocol !== 'visca') return;
    // Non-moving inquiries: they say at once whether a camera answers at this address.
    try {
      const v = await api().version(info.connId);
      const version: PtzVersion = { vendor: v.vendor, model: v.model, rom: v.rom, maxSocket: v.maxSocket, ...(v.vendorName ? { vendorName: v.vendorName } : {}) };
      set((s) => ({ ptz: { ...s.ptz, versions: { ...s.ptz.versions, [info.connId]: version } } }));
    } catch (err) {
      return notify({ ...failure('version', err), kind: 'warning' });
    }
    await readPosition(info.connId).catch((err: unknown) => notify({ ...failure('position', err), kind: 'warning' }));
  };

  return {
    ptz: {
      draft: DEFAULT_DRAFT,
      formErrors: {},
      connecting: false,
      ports: [],
      portsStatus: 'idle',
      conns: {},
      order: [],
      selected: null,
      frames: {},
      versions: {},
      chain: {},
      savedPresets: {},
      speed: 50,
      lensSpeed: 3,
      followPosition: true,
      jog: null,
      lens: null,
      busy: null,
      notice: null,
    },

    ptzAttach: () => {
      if (!deps.api.ptz) {
        notify({ kind: 'error', key: 'noService' });
        return () => undefined;
      }
      const offs = deps.on
        ? [
            deps.on('ptz.frame', onFrame),
            deps.on('ptz.state', (info) => upsert(info)),
            deps.on('ptz.error', (e) => {
              const key = EVENT_NOTICES[e.code] ?? 'coreError';
              notify({ kind: key === 'coreError' ? 'error' : 'warning', key, message: e.message });
            }),
          ]
        : [];
      void get().ptzReload();
      void get().ptzRefreshPorts();
      return () => {
        get().ptzReleaseAll();
        for (const off of offs) off();
        if (flushTimer) clearTimeout(flushTimer);
        flush();
      };
    },

    ptzReload: async () => {
      try {
        const list = await api().connections();
        set((s) => {
          const conns = Object.fromEntries(list.map((c) => [c.connId, c]));
          const order = [...s.ptz.order.filter((id) => conns[id]), ...list.map((c) => c.connId).filter((id) => !s.ptz.order.includes(id))];
          const selected = s.ptz.selected && conns[s.ptz.selected] ? s.ptz.selected : (order[0] ?? null);
          return { ptz: { ...s.ptz, conns, order, selected } };
        });
        await Promise.all(list.map((c) => loadFrames(c.connId)));
      } catch (err) {
        notify(failure('load', err));
      }
    },

    ptzSetDraft: (p) => set((s) => ({ ptz: { ...s.ptz, draft: { ...s.ptz.draft, ...p }, formErrors: {} } })),

    ptzRefreshPorts: async () => {
      patch({ portsStatus: 'loading' });
      try {
        patch({ ports: await deps.api.system.serialPorts(), portsStatus: 'ready' });
      } catch (err) {
        patch({ portsStatus: 'error' });
        notify(failure('ports', err));
      }
    },

    ptzConnect: async () => {
      const built = buildTarget(get().ptz.draft);
      if (!built.ok) return patch({ formErrors: built.errors });
      patch({ connecting: true, formErrors: {}, notice: null });
      try {
        const info = await api().connect(built.target);
        upsert(info);
        patch({ selected: info.connId, connecting: false });
        await afterConnect(info);
      } catch (err) {
        patch({ connecting: false });
        notify(failure('connect', err));
      }
    },

    ptzDisconnect: async (connId) => {
      if (jogConn === connId) jog.releaseAll();
      if (lensConn === connId) get().ptzLensRelease();
      try {
        await api().disconnect(connId);
        upsert({ ...(get().ptz.conns[connId] as PtzConnectionInfo), connId, state: 'closed' });
      } catch (err) {
        notify(failure('disconnect', err));
      }
    },

    ptzSelect: (connId) => {
      if (connId === get().ptz.selected) return;
      get().ptzReleaseAll();
      patch({ selected: connId });
      if (connId && !get().ptz.frames[connId]) void loadFrames(connId);
    },

    ptzSetSpeed: (percent) => {
      patch({ speed: Math.min(100, Math.max(1, Math.round(percent))) });
      jog.refresh();
    },
    ptzSetLensSpeed: (speed) => patch({ lensSpeed: Math.min(7, Math.max(0, Math.round(speed))) }),
    ptzSetFollowPosition: (on) => patch({ followPosition: on }),

    ptzJogPress: (source, direction) => {
      if (!jog.active) {
        const c = selectedConn();
        if (!c || c.state !== 'open') return;
        jogConn = c.connId;
      }
      jog.press(source, direction);
    },
    ptzJogRelease: (source) => jog.release(source),

    ptzReleaseAll: () => {
      jog.releaseAll();
      get().ptzLensRelease();
    },

    ptzStopNow: async () => {
      get().ptzReleaseAll();
      await run('stop', 'stop', async (a, id) => {
        await Promise.all([a.stop(id), a.zoom(id, { action: 'stop' })]);
        motionAt = now();
      });
    },

    ptzLensPress: (action) => {
      const p = get().ptz;
      const c = selectedConn();
      if (!c || c.state !== 'open' || p.lens === action) return;
      if (p.lens) get().ptzLensRelease();
      lensConn = c.connId;
      const id = c.connId;
      const speed = p.lensSpeed;
      patch({ lens: action });
      // The bytes go first; a manual-mode switch before near/far is what a camera remote does too.
      const send =
        action === 'zoom-tele' || action === 'zoom-wide'
          ? api().zoom(id, { action: action === 'zoom-tele' ? 'tele' : 'wide', speed })
          : (c.position?.focusMode === 'auto' ? api().focus(id, { action: 'manual' }) : Promise.resolve()).then(() =>
              api().focus(id, { action: action === 'focus-far' ? 'far' : 'near', speed }),
            );
      send.catch((err: unknown) => {
        notify(failure(action.startsWith('zoom') ? 'zoom' : 'focus', err));
        if (get().ptz.lens === action) patch({ lens: null });
      });
    },
    ptzLensRelease: () => {
      const action = get().ptz.lens;
      if (!action || !lensConn) return;
      const id = lensConn;
      lensConn = null;
      motionAt = now();
      patch({ lens: null });
      lensStop(action, id).catch((err: unknown) => notify(failure(action.startsWith('zoom') ? 'zoom' : 'focus', err)));
    },

    ptzFocusMode: async (mode) => {
      await run('focus', `focus:${mode}`, async (a, id) => {
        await a.focus(id, { action: mode });
        motionAt = now();
        await readPosition(id);
      });
    },

    ptzHome: async () => {
      motionAt = now();
      await run('home', 'home', async (a, id) => {
        await a.home(id);
        motionAt = now();
      });
    },

    ptzPreset: async (action, n) => {
      if (action === 'recall') motionAt = now();
      await run('preset', `preset:${action}:${n}`, async (a, id, c) => {
        await a.preset(id, { action, number: n });
        if (action === 'recall') motionAt = now();
        const key = presetKey(c);
        set((s) => {
          const saved = new Set(s.ptz.savedPresets[key] ?? []);
          if (action === 'set') saved.add(n);
          if (action === 'clear') saved.delete(n);
          return { ptz: { ...s.ptz, savedPresets: { ...s.ptz.savedPresets, [key]: [...saved].sort((x, y) => x - y) } } };
        });
      });
    },

    ptzRefreshPosition: async () => {
      await run('position', 'position', (_a, id) => readPosition(id));
    },

    ptzPollTick: () => {
      const p = get().ptz;
      const c = selectedConn();
      if (!p.followPosition) return;
      const due = pollDue({ conn: c, inFlight: polling, moving: p.jog !== null || p.lens !== null, lastMotionAt: motionAt, lastPollAt: polledAt, now: now() });
      if (due && c) readPosition(c.connId).catch(() => undefined);
    },

    ptzAssignAddresses: async () => {
      const r = await run('addressSet', 'addressSet', (a, id) => a.addressSet(id));
      const c = selectedConn();
      if (r && c) {
        set((s) => ({ ptz: { ...s.ptz, chain: { ...s.ptz.chain, [c.connId]: r.cameras } } }));
        notify({ kind: 'info', key: 'chainAssigned', count: r.cameras });
      }
    },

    ptzDraftChainCamera: (address) => {
      const c = selectedConn();
      if (!c) return;
      patch({ draft: draftFor(c.target, address), formErrors: {}, selected: null });
    },

    ptzLogPause: () => {
      const id = get().ptz.selected;
      if (id) setFrames(id, pauseFrames);
    },
    ptzLogResume: () => {
      const id = get().ptz.selected;
      if (id) setFrames(id, resumeFrames);
    },
    ptzLogClear: () => {
      const id = get().ptz.selected;
      if (id) setFrames(id, clearFrames);
    },

    ptzExport: async (format) => (await run('export', `export:${format}`, (a, id) => a.exportLog(id, format))) ?? null,

    ptzDismissNotice: () => notify(null),
  };
};
