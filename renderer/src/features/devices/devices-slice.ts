/**
 * The Devices page's state: the device list mirrored from the core (events feed it live), the
 * scan in progress, the passive watch, the table's filters/sort/selection, and the discovery
 * doctor's last report (shown on the System page).
 */
import type {
  DeviceEvent, DiscoveredDevice, DoctorReport, PresenceEvent, ScanProgress, ScanStats, WatchState,
} from '../../../../src/contract';
import { errorMessage } from '../../stores/deps';
import type { SliceCreator } from '../../stores/types';
import { devicesById, upsertDevice } from './device-merge';
import { DEFAULT_SORT, NO_FILTERS, nextSort, type DeviceFilters, type DeviceSort, type SortKey } from './device-view';
import { DEFAULT_DRAFT, clampTimeout, draftProblem, newScanId, scanRequest, watchRequest, type ScanDraft } from './scan-draft';

/** Presence changes kept for the page's "recent changes" line. */
export const PRESENCE_KEPT = 20;

/** One scan, as the page sees it. */
export interface ScanRun {
  id: string | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** Cancel was asked for and the core has not finished yet. */
  cancelling: boolean;
  /** The newest `discovery.progress` of this scan. */
  progress: ScanProgress | null;
  /** Summary of the finished scan. */
  result: {
    elapsedMs: number;
    interfaces: string[];
    warnings: string[];
    stats: ScanStats;
    /** Devices that answered this scan. */
    devices: number;
  } | null;
  error: string | null;
}

/** A device went online or offline. */
export interface PresenceNote {
  id: string;
  state: PresenceEvent['state'];
  cause: string;
  at: string;
  /** How a person recognises the device (name, else address, else id) when the note was made. */
  label: string;
}

export interface DevicesState {
  byId: Record<string, DiscoveredDevice>;
  listStatus: 'idle' | 'loading' | 'ready' | 'error';
  listError: string | null;
  scan: ScanRun;
  draft: ScanDraft;
  watch: WatchState;
  watchBusy: boolean;
  watchError: string | null;
  /** Newest first. */
  presence: PresenceNote[];
  filters: DeviceFilters;
  sort: DeviceSort;
  selectedId: string | null;
  forgetError: string | null;
  doctor: { report: DoctorReport | null; status: 'idle' | 'loading' | 'ready' | 'error'; error: string | null; ranAt: string | null };
}

export interface DevicesSlice {
  devices: DevicesState;
  /** Subscribes to discovery events and loads the list; returns the function that stops listening. */
  devicesActivate(): () => void;
  /** Re-reads the list and the watch state (on open and after a reconnect). */
  devicesLoad(): Promise<void>;
  devicesStartScan(): Promise<void>;
  devicesCancelScan(): Promise<void>;
  devicesSetDraft(patch: Partial<ScanDraft>): void;
  devicesSetWatch(on: boolean): Promise<void>;
  devicesApplyEvent(e: DeviceEvent): void;
  devicesApplyProgress(p: ScanProgress): void;
  devicesApplyPresence(p: PresenceEvent): void;
  devicesSetFilters(patch: Partial<DeviceFilters>): void;
  devicesSortBy(key: SortKey): void;
  devicesSelect(id: string | null): void;
  /** Forgets one device, or every device when no id is given. */
  devicesForget(id?: string): Promise<void>;
  devicesRunDoctor(): Promise<void>;
}

const IDLE_SCAN: ScanRun = { id: null, status: 'idle', cancelling: false, progress: null, result: null, error: null };
const NO_WATCH: WatchState = { running: false, interfaces: [], reprobeSec: null, offlineAfterSec: null };

const labelOf = (d: DiscoveredDevice): string => d.name ?? d.ips[0] ?? d.id;

export const createDevicesSlice: SliceCreator<DevicesSlice> = (deps) => (set, get) => {
  const api = () => {
    const discovery = deps.api.discovery;
    if (!discovery) throw new Error('The discovery service is not available in this host.');
    return discovery;
  };
  const patch = (p: Partial<DevicesState> | ((d: DevicesState) => Partial<DevicesState>)) =>
    set((st) => ({ devices: { ...st.devices, ...(typeof p === 'function' ? p(st.devices) : p) } }));
  const nowIso = () => (deps.now?.() ?? new Date()).toISOString();
  /** Puts devices in, drops the records they absorbed, and moves the selection to the survivor. */
  const upsert = (list: ReadonlyArray<{ device: DiscoveredDevice; mergedIds?: readonly string[] }>) =>
    patch((d) => {
      let byId = d.byId;
      let selectedId = d.selectedId;
      for (const { device, mergedIds = [] } of list) {
        byId = upsertDevice(byId, device, mergedIds);
        if (selectedId !== null && mergedIds.includes(selectedId)) selectedId = device.id;
      }
      return { byId, selectedId };
    });
  // A later load supersedes one still in flight (a reconnect during the first load).
  let loadGeneration = 0;
  // The core follows a new device's 'added' event with an 'online' presence event; a first
  // sighting is not a change worth listing, so such pairs are not noted.
  const justAdded = new Set<string>();

  return {
    devices: {
      byId: {},
      listStatus: 'idle',
      listError: null,
      scan: IDLE_SCAN,
      draft: DEFAULT_DRAFT,
      watch: NO_WATCH,
      watchBusy: false,
      watchError: null,
      presence: [],
      filters: NO_FILTERS,
      sort: DEFAULT_SORT,
      selectedId: null,
      forgetError: null,
      doctor: { report: null, status: 'idle', error: null, ranAt: null },
    },

    devicesActivate: () => {
      const offs = deps.on
        ? [
            deps.on('discovery.device', (e) => get().devicesApplyEvent(e)),
            deps.on('discovery.progress', (p) => get().devicesApplyProgress(p)),
            deps.on('discovery.presence', (p) => get().devicesApplyPresence(p)),
          ]
        : [];
      void get().devicesLoad();
      return () => offs.forEach((off) => off());
    },

    devicesLoad: async () => {
      const mine = ++loadGeneration;
      patch({ listStatus: 'loading', listError: null });
      try {
        const [list, watch] = await Promise.all([api().list(), api().watchState()]);
        if (mine !== loadGeneration) return;
        patch((d) => ({
          byId: devicesById(list),
          watch,
          listStatus: 'ready',
          selectedId: d.selectedId !== null && list.some((x) => x.id === d.selectedId) ? d.selectedId : null,
        }));
      } catch (err) {
        if (mine !== loadGeneration) return;
        patch({ listStatus: 'error', listError: errorMessage(err) });
      }
    },

    devicesStartScan: async () => {
      const { scan, draft } = get().devices;
      if (scan.status === 'running' || draftProblem(draft)) return;
      const id = newScanId();
      patch({ scan: { ...IDLE_SCAN, id, status: 'running' } });
      try {
        const res = await api().scan(scanRequest(draft, id));
        // Events already brought the devices in; the result covers any event lost on the way.
        upsert(res.devices.map((device) => ({ device })));
        patch((d) => ({
          scan: {
            ...d.scan,
            status: res.cancelled ? 'cancelled' : 'done',
            cancelling: false,
            result: { elapsedMs: res.elapsedMs, interfaces: res.interfaces, warnings: res.warnings, stats: res.stats, devices: res.devices.length },
          },
        }));
        // Re-read the core's list: it is the truth, also for anything an event missed during the scan.
        await get().devicesLoad();
      } catch (err) {
        patch((d) => ({ scan: { ...d.scan, status: 'error', cancelling: false, error: errorMessage(err) } }));
      }
    },

    devicesCancelScan: async () => {
      const { scan } = get().devices;
      if (scan.status !== 'running' || scan.id === null) return;
      patch((d) => ({ scan: { ...d.scan, cancelling: true } }));
      try {
        await api().cancel(scan.id);
      } catch (err) {
        patch((d) => ({ scan: { ...d.scan, cancelling: false, error: errorMessage(err) } }));
      }
    },

    devicesSetDraft: (p) =>
      patch((d) => ({ draft: { ...d.draft, ...p, ...(p.timeoutSec !== undefined ? { timeoutSec: clampTimeout(p.timeoutSec) } : {}) } })),

    devicesSetWatch: async (on) => {
      if (get().devices.watchBusy) return;
      patch({ watchBusy: true, watchError: null });
      try {
        const watch = on ? await api().watch(watchRequest(get().devices.draft)) : await api().unwatch();
        patch({ watch, watchBusy: false });
      } catch (err) {
        patch({ watchBusy: false, watchError: errorMessage(err) });
      }
    },

    devicesApplyEvent: (e) => {
      if (e.change === 'added') justAdded.add(e.device.id);
      upsert([{ device: e.device, mergedIds: e.mergedIds ?? [] }]);
    },

    devicesApplyProgress: (p) =>
      patch((d) => (d.scan.id === p.scanId && d.scan.status === 'running' ? { scan: { ...d.scan, progress: p } } : {})),

    devicesApplyPresence: (p) => {
      upsert([{ device: p.device }]);
      const firstSighting = justAdded.delete(p.id) && p.state === 'online';
      if (firstSighting) return;
      const note: PresenceNote = { id: p.id, state: p.state, cause: p.cause, at: p.at, label: labelOf(p.device) };
      patch((d) => ({ presence: [note, ...d.presence].slice(0, PRESENCE_KEPT) }));
    },

    devicesSetFilters: (p) => patch((d) => ({ filters: { ...d.filters, ...p } })),
    devicesSortBy: (key) => patch((d) => ({ sort: nextSort(d.sort, key) })),
    devicesSelect: (id) => patch({ selectedId: id }),

    devicesForget: async (id) => {
      patch({ forgetError: null });
      try {
        await api().forget(id);
        patch((d) => {
          if (id === undefined) return { byId: {}, selectedId: null };
          const byId = { ...d.byId };
          delete byId[id];
          return { byId, selectedId: d.selectedId === id ? null : d.selectedId };
        });
      } catch (err) {
        patch({ forgetError: errorMessage(err) });
      }
    },

    devicesRunDoctor: async () => {
      if (get().devices.doctor.status === 'loading') return;
      patch((d) => ({ doctor: { ...d.doctor, status: 'loading', error: null } }));
      try {
        const report = await api().doctor();
        patch({ doctor: { report, status: 'ready', error: null, ranAt: nowIso() } });
      } catch (err) {
        patch((d) => ({ doctor: { ...d.doctor, status: 'error', error: errorMessage(err) } }));
      }
    },
  };
};
