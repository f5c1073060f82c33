import type { LogDeviceRef, LogEntriesEvent, LogEntry, LogFilter, LogStatus } from '../../../../src/contract';
import { errorMessage } from '../../stores/deps';
import type { SliceCreator } from '../../stores/types';
import type { SerialOpenArgs, StartArgs, LineEnding } from './capture-forms';
import { entryMatches } from './entry-match';
import { collectExport, type ExportedFile, type ExportFormat } from './export-file';
import { draftToFilter, EMPTY_DRAFT, type FilterDraft, type FilterProblem } from './filter-form';
import { addDevices, fillGap, MAX_ROWS, mergeRows } from './tail-rows';
import { sharedSubscription } from '../../stores/shared-subscription';

/** Entries fetched per search page. */
export const PAGE_SIZE = 500;
/** Lines kept per serial console for the small terminal. */
export const CONSOLE_LINES = 200;
/** Wait before re-reading the newest page after the core skipped live entries (a flood). */
const CATCH_UP_MS = 1000;

export interface LogsState {
  /** Listeners, consoles and counters from `logs.status` (null until the first answer). */
  status: LogStatus | null;
  statusError: string | null;
  listenBusy: boolean;
  listenError: string | null;
  serialBusy: boolean;
  serialError: string | null;
  sendBusy: boolean;
  sendError: string | null;
  /** Recent console lines per serial source (its label), whatever the filter: the terminal's screen. */
  consoles: Record<string, string[]>;
  /** The filter form as typed. */
  draft: FilterDraft;
  /** The filter in force (what the rows match). */
  filter: LogFilter;
  filterProblem: FilterProblem | null;
  /** Matching entries in arrival order, the newest last, at most MAX_ROWS. */
  rows: LogEntry[];
  /** How many stored entries match the filter (from the last search, plus live arrivals). */
  total: number | null;
  searchStatus: 'idle' | 'loading' | 'ready' | 'error';
  searchError: string | null;
  loadingOlder: boolean;
  /** Rows dropped from memory to stay under MAX_ROWS since the last search. */
  trimmed: number;
  /** Live entries the core did not send one by one (too many at once); the newest are re-read. */
  missed: number;
  /** Paused: the list holds still and new entries wait in `pending`. */
  paused: boolean;
  pending: LogEntry[];
  /** Entries that arrived while paused (may exceed `pending.length` when it overflowed). */
  pendingCount: number;
  /** Keep the newest entry in view. */
  follow: boolean;
  selected: LogEntry | null;
  /** Devices seen on entries, for the per-device view. */
  devices: LogDeviceRef[];
  exporting: { format: ExportFormat; count: number } | null;
  exportError: string | null;
  lastExport: { name: string; count: number } | null;
}

export interface LogsSlice {
  logs: LogsState;
  /** Subscribes to live entries and status, loads both; returns the function that stops it. */
  logsActivate(): () => void;
  /** Re-reads status and the current search (after a reconnect). */
  logsRefresh(): Promise<void>;
  logsStart(args: StartArgs): Promise<boolean>;
  logsStop(ids?: string[]): Promise<void>;
  logsSerialOpen(args: SerialOpenArgs): Promise<boolean>;
  logsSerialClose(path: string): Promise<void>;
  logsSerialSend(path: string, text: string, lineEnding: LineEnding): Promise<boolean>;
  logsSetDraft(patch: Partial<FilterDraft>): void;
  /** Applies the draft (after `patch`, if given) and searches. */
  logsApplyFilter(patch?: Partial<FilterDraft>): Promise<void>;
  logsResetFilter(): Promise<void>;
  logsLoadOlder(): Promise<void>;
  logsPause(): void;
  logsResume(): void;
  logsSetFollow(follow: boolean): void;
  /** Shows an entry in the detail panel (null closes it). */
  logsSelect(id: number | null): Promise<void>;
  /** Collects the export of the current filter; null when it failed (the reason is in `exportError`). */
  logsExport(format: ExportFormat): Promise<ExportedFile | null>;
  /** A `logs.entries` event. */
  logsEntriesArrived(ev: LogEntriesEvent): void;
  /** A `logs.status` event or answer. */
  logsStatusArrived(s: LogStatus): void;
}

export const INITIAL_LOGS: LogsState = {
  status: null,
  statusError: null,
  listenBusy: false,
  listenError: null,
  serialBusy: false,
  serialError: null,
  sendBusy: false,
  sendError: null,
  consoles: {},
  draft: EMPTY_DRAFT,
  filter: {},
  filterProblem: null,
  rows: [],
  total: null,
  searchStatus: 'idle',
  searchError: null,
  loadingOlder: false,
  trimmed: 0,
  missed: 0,
  paused: false,
  pending: [],
  pendingCount: 0,
  follow: true,
  selected: null,
  devices: [],
  exporting: null,
  exportError: null,
  lastExport: null,
};

function appendConsoleLines(consoles: Record<string, string[]>, entries: LogEntry[]): Record<string, string[]> {
  const serial = entries.filter((e) => e.transport === 'serial');
  if (serial.length === 0) return consoles;
  const out = { ...consoles };
  for (const e of serial) {
    const lines = (out[e.source] ?? []).concat(e.message);
    out[e.source] = lines.length > CONSOLE_LINES ? lines.slice(-CONSOLE_LINES) : lines;
  }
  return out;
}

export const createLogsSlice: SliceCreator<LogsSlice> = (deps) => (set, get) => {
  const patch = (p: Partial<LogsState> | ((l: LogsState) => Partial<LogsState>)) =>
    set((st) => ({ logs: { ...st.logs, ...(typeof p === 'function' ? p(st.logs) : p) } }));
  const now = () => deps.now?.() ?? new Date();
  const api = () => {
    const a = deps.api.logs;
    if (!a) throw new Error('The logs service is not available in this window.');
    return a;
  };

  let searchGeneration = 0;
  /** Entries that arrived while a search was in flight: merged into its result so none is lost. */
  let arrivedDuringSearch: LogEntry[] | null = null;
  let catchUp: ReturnType<typeof setTimeout> | null = null;
  /**
   * Where the rows have a gap: entries the core skipped in a flood (it sends only the newest), or
   * that overflowed `pending`, are all newer than this row id (null: than any row) until a re-read
   * of the newest page fills them in. Undefined while the rows have no gap.
   */
  let gapAfter: number | null | undefined;
  /** Notes a gap after row `id` (undefined: none); the earliest gap is the one to fill. */
  const noteGap = (id: number | null | undefined) => {
    if (id === undefined) return;
    if (gapAfter === undefined) gapAfter = id;
    else gapAfter = gapAfter === null || id === null ? null : Math.min(gapAfter, id);
  };
  const lastId = (rows: LogEntry[]) => rows[rows.length - 1]?.id ?? null;
  const hold = sharedSubscription(
    () => {
      const offEntries = deps.on?.('logs.entries', (ev) => get().logsEntriesArrived(ev));
      const offStatus = deps.on?.('logs.status', (s) => get().logsStatusArrived(s));
      return () => {
        offEntries?.();
        offStatus?.();
      };
    },
    () => {
      if (catchUp) clearTimeout(catchUp);
      catchUp = null;
    },
  );

  const loadStatus = async () => {
    try {
      get().logsStatusArrived(await api().status());
    } catch (err) {
      patch({ statusError: errorMessage(err) });
    }
  };

  const search = async () => {
    const mine = ++searchGeneration;
    const filter = get().logs.filter;
    arrivedDuringSearch = [];
    // The result replaces the rows: only entries skipped from now on leave a gap in it.
    const gapBefore = gapAfter;
    gapAfter = undefined;
    patch({ searchStatus: 'loading', searchError: null });
    try {
      const res = await api().search({ ...filter, limit: PAGE_SIZE, order: 'newest' });
      if (mine !== searchGeneration) return;
      const live = arrivedDuringSearch ?? [];
      arrivedDuringSearch = null;
      const found = [...res.entries].reverse();
      const { rows, trimmed } = mergeRows(found, live);
      const extra = live.filter((e) => !res.entries.some((r) => r.id === e.id)).length;
      patch((l) => ({
        rows,
        trimmed,
        total: res.total + extra,
        searchStatus: 'ready',
        pending: [],
        pendingCount: 0,
        missed: 0,
        devices: addDevices(l.devices, rows),
      }));
    } catch (err) {
      if (mine !== searchGeneration) return;
      arrivedDuringSearch = null;
      noteGap(gapBefore); // the old rows stay, their gap with them
      patch({ searchStatus: 'error', searchError: errorMessage(err) });
    }
  };

  /**
   * Re-reads the newest page and fills the gap with it (see gapAfter); `missed` of the skipped
   * entries are then no longer missing from the tail.
   */
  const readGap = async (missed = 0) => {
    const after = gapAfter;
    if (after === undefined) return;
    gapAfter = undefined; // entries skipped from now on leave a gap of their own
    const filter = get().logs.filter;
    try {
      const res = await api().search({ ...filter, limit: PAGE_SIZE, order: 'newest' });
      if (get().logs.filter !== filter) return; // the new filter's search replaced the rows
      if (get().logs.paused) {
        noteGap(after); // paused again meanwhile: the list holds still, and resuming reads again
        return;
      }
      patch((l) => {
        const { rows, trimmed } = fillGap(l.rows, res.entries, after, res.entries.length < PAGE_SIZE);
        return {
          rows,
          trimmed: l.trimmed + trimmed,
          total: res.total,
          missed: Math.max(0, l.missed - missed),
          devices: addDevices(l.devices, res.entries),
        };
      });
    } catch {
      noteGap(after); // still missing: the next re-read (another flood, a resume) covers them too
    }
  };

  /** Waits a moment before re-reading, so one re-read follows a burst of floods. */
  const scheduleCatchUp = () => {
    if (catchUp) return;
    catchUp = setTimeout(() => {
      catchUp = null;
      // Paused, the list holds still: resuming reads the gap.
      if (!get().logs.paused) void readGap();
    }, CATCH_UP_MS);
  };

  return {
    logs: INITIAL_LOGS,

    logsActivate: () => {
      const release = hold();
      void get().logsRefresh();
      return release;
    },

    logsRefresh: async () => {
      await Promise.all([loadStatus(), search()]);
    },

    logsStart: async (args) => {
      patch({ listenBusy: true, listenError: null });
      try {
        await api().start(args);
        patch({ listenBusy: false });
        await loadStatus();
        return true;
      } catch (err) {
        patch({ listenBusy: false, listenError: errorMessage(err) });
        return false;
      }
    },

    logsStop: async (ids) => {
      patch({ listenBusy: true, listenError: null });
      try {
        // Omitted, not undefined: the wire carries undefined as null, which the schema refuses.
        await (ids ? api().stop(ids) : api().stop());
        patch({ listenBusy: false });
      } catch (err) {
        patch({ listenBusy: false, listenError: errorMessage(err) });
      }
      await loadStatus();
    },

    logsSerialOpen: async (args) => {
      patch({ serialBusy: true, serialError: null });
      try {
        await api().serialOpen(args);
        patch({ serialBusy: false });
        await loadStatus();
        return true;
      } catch (err) {
        patch({ serialBusy: false, serialError: errorMessage(err) });
        return false;
      }
    },

    logsSerialClose: async (path) => {
      patch({ serialBusy: true, serialError: null });
      try {
        await api().serialClose(path);
        patch({ serialBusy: false });
      } catch (err) {
        patch({ serialBusy: false, serialError: errorMessage(err) });
      }
      await loadStatus();
    },

    logsSerialSend: async (path, text, lineEnding) => {
      patch({ sendBusy: true, sendError: null });
      try {
        await api().serialSend(path, text, { lineEnding });
        patch({ sendBusy: false });
        return true;
      } catch (err) {
        patch({ sendBusy: false, sendError: errorMessage(err) });
        return false;
      }
    },

    logsSetDraft: (p) => patch((l) => ({ draft: { ...l.draft, ...p } })),

    logsApplyFilter: async (p) => {
      const draft = { ...get().logs.draft, ...p };
      const r = draftToFilter(draft, now());
      if (!r.ok) {
        patch({ draft, filterProblem: r.problem });
        return;
      }
      patch({ draft, filter: r.filter, filterProblem: null, selected: null });
      await search();
    },

    logsResetFilter: async () => {
      patch({ draft: EMPTY_DRAFT, filter: {}, filterProblem: null, selected: null });
      await search();
    },

    logsLoadOlder: async () => {
      const l = get().logs;
      if (l.loadingOlder || l.rows.length >= MAX_ROWS) return;
      const filter = l.filter;
      patch({ loadingOlder: true, searchError: null });
      try {
        // Rows hold the newest matches without gaps, so their count is the offset of the next older page.
        const res = await api().search({ ...filter, limit: PAGE_SIZE, offset: l.rows.length, order: 'newest' });
        if (get().logs.filter !== filter) return;
        patch((cur) => {
          const { rows, trimmed } = mergeRows(cur.rows, res.entries, MAX_ROWS);
          return { rows, trimmed: cur.trimmed + trimmed, total: res.total, loadingOlder: false, follow: false, devices: addDevices(cur.devices, res.entries) };
        });
      } catch (err) {
        patch({ loadingOlder: false, searchError: errorMessage(err) });
      } finally {
        if (get().logs.loadingOlder) patch({ loadingOlder: false });
      }
    },

    logsPause: () => patch({ paused: true, follow: false }),

    logsResume: () => {
      const missed = get().logs.missed;
      patch((l) => {
        const { rows, trimmed } = mergeRows(l.rows, l.pending);
        return { rows, trimmed: l.trimmed + trimmed, pending: [], pendingCount: 0, paused: false, follow: true };
      });
      // What the core skipped while paused was never sent and no catch-up ran for it: read it now,
      // so the tail has no gap and nothing counts as missed any more.
      void readGap(missed);
    },

    logsSetFollow: (follow) => {
      if (get().logs.follow !== follow) patch({ follow });
    },

    logsSelect: async (id) => {
      if (id === null) {
        patch({ selected: null });
        return;
      }
      const l = get().logs;
      const local = l.rows.find((e) => e.id === id) ?? l.pending.find((e) => e.id === id);
      if (local) {
        patch({ selected: local });
        return;
      }
      try {
        const e = await api().get(id);
        patch({ selected: e });
      } catch (err) {
        patch({ searchError: errorMessage(err) });
      }
    },

    logsExport: async (format) => {
      if (get().logs.exporting) return null;
      patch({ exporting: { format, count: 0 }, exportError: null, lastExport: null });
      try {
        const file = await collectExport(
          ({ format: f, filter, afterId }) => api().export({ format: f, filter, afterId }),
          format,
          get().logs.filter,
          now(),
          (count) => patch({ exporting: { format, count } }),
        );
        patch({ exporting: null, lastExport: { name: file.name, count: file.count } });
        return file;
      } catch (err) {
        patch({ exporting: null, exportError: errorMessage(err) });
        return null;
      }
    },

    logsEntriesArrived: (ev) => {
      const l = get().logs;
      const matching = ev.entries.filter((e) => entryMatches(e, l.filter));
      arrivedDuringSearch?.push(...matching);
      const consoles = appendConsoleLines(l.consoles, ev.entries);
      if (ev.skipped > 0) {
        // The skipped entries are newer than everything received before this event.
        noteGap(lastId(l.paused && l.pending.length > 0 ? l.pending : l.rows));
        if (!l.paused) scheduleCatchUp();
      }
      if (l.paused) {
        const { rows: pending, trimmed } = mergeRows(l.pending, matching);
        // Pending keeps the newest MAX_ROWS: the ones it drops are a gap after the rows, as skipped ones are.
        if (trimmed > 0) noteGap(lastId(l.rows));
        patch({
          consoles,
          pending,
          pendingCount: l.pendingCount + matching.length,
          missed: l.missed + ev.skipped,
          total: l.total === null ? null : l.total + matching.length,
        });
        return;
      }
      const { rows, trimmed } = mergeRows(l.rows, matching);
      patch({
        consoles,
        rows,
        trimmed: l.trimmed + trimmed,
        missed: l.missed + ev.skipped,
        total: l.total === null ? null : l.total + matching.length,
        devices: addDevices(l.devices, matching),
      });
    },

    logsStatusArrived: (s) => patch({ status: s, statusError: null }),
  };
};
