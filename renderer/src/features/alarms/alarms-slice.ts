import type { AlarmFilter, AlarmGap, AlarmImportFormat, AlarmItem } from '../../../../src/contract';
import { errorMessage, type StoreDeps } from '../../stores/deps';
import type { SliceCreator } from '../../stores/types';
import { DEFAULT_SORT, EMPTY_FILTER, queryKey, toContractFilter } from './model/filter';
import { MAX_CACHED_PAGES, PAGE_SIZE, PageLru, pageKey, pageRuns, pagesFor, planFetch, type RowNeed } from './model/page-window';
import { fileStamp } from './model/time-format';
import {
  addPartReport,
  BROWSER_MESSAGE_BYTES,
  BROWSER_PART_BYTES,
  ELECTRON_MESSAGE_BYTES,
  emptySummary,
  ENVELOPE_BYTES,
  jsonStringBytes,
  splitForUpload,
  uploadKind,
} from './model/upload-parts';

import type { AlarmsList, AlarmsSlice, AlarmsState, ImportRun } from './alarms-state';
import { CHART_DEVICES, COUNT_DELAY_MS, EXPORT_MAX_ROWS, MAX_GROUPS, MAX_SELECT } from './alarms-state';
import { sharedSubscription } from '../../stores/shared-subscription';

// The state types and limits live in alarms-state.ts; importers of the slice keep one path.
export * from './alarms-state';

const EMPTY_LIST: AlarmsList = {
  key: null,
  status: 'idle',
  error: null,
  total: null,
  counting: false,
  rows: {},
  stale: {},
  groups: [],
  groupsTruncated: false,
  expanded: {},
  firstRowsMs: null,
};

const IDLE_IMPORT: ImportRun = {
  status: 'idle',
  file: '',
  importId: null,
  part: 0,
  parts: 0,
  phase: null,
  done: 0,
  total: 0,
  summary: null,
  gaps: [],
  error: null,
  problem: null,
};

export const INITIAL_ALARMS: AlarmsState = {
  view: 'list',
  filter: EMPTY_FILTER,
  sort: DEFAULT_SORT,
  grouped: false,
  list: EMPTY_LIST,
  selected: {},
  selectedCount: 0,
  detail: { id: null, data: null, status: 'idle', error: null },
  ack: { status: 'idle', error: null, result: null },
  note: { status: 'idle', error: null },
  operator: '',
  charts: { key: null, status: 'idle', error: null, hours: [], devices: [] },
  sync: { status: 'idle', error: null, rows: [], stale: true },
  importRun: IDLE_IMPORT,
  exportRun: { status: 'idle', format: null, rows: 0, truncated: false, error: null },
  deviceNames: [],
  typeNames: [],
};

/** The row at `index` of a scope, fresh or stale, or null while its page is loading. */
export function alarmRowAt(list: Pick<AlarmsList, 'rows' | 'stale'>, scope: string, index: number): AlarmItem | null {
  const key = pageKey(scope, Math.floor(index / PAGE_SIZE));
  const i = index % PAGE_SIZE;
  return list.rows[key]?.[i] ?? list.stale[key]?.[i] ?? null;
}

/** Every loaded row of a scope in list order (for shift-click ranges). */
export function loadedRows(list: Pick<AlarmsList, 'rows'>, scope: string, from: number, to: number): AlarmItem[] {
  const out: AlarmItem[] = [];
  for (let i = Math.max(0, from); i <= to; i++) {
    const row = list.rows[pageKey(scope, Math.floor(i / PAGE_SIZE))]?.[i % PAGE_SIZE];
    if (row) out.push(row);
  }
  return out;
}

const MAX_TYPE_NAMES = 300;

function unavailable(): never {
  throw new Error('The alarms service is not available in this FieldKit core.');
}

export const createAlarmsSlice: SliceCreator<AlarmsSlice> = (deps: StoreDeps) => (set, get) => {
  const api = () => deps.api.alarms ?? unavailable();
  const patch = (p: Partial<AlarmsState>) => set((s) => ({ alarms: { ...s.alarms, ...p } }));
  const patchList = (p: Partial<AlarmsList>) => set((s) => ({ alarms: { ...s.alarms, list: { ...s.alarms.list, ...p } } }));
  const now = () => deps.now?.() ?? new Date();
  const clock = () => globalThis.performance?.now() ?? Date.now();

  // Paging machinery lives outside the state: it is bookkeeping, not something to render.
  let generation = 0;
  /** Generation of the list call in flight, if any: one call at a time per query. */
  let inFlight: number | null = null;
  let needs: RowNeed[] = [];
  const lru = new PageLru();
  let refreshing = false;
  let refreshAgain = false;
  let importCancelled = false;
  let importSeq = 0;
  const hold = sharedSubscription(() => {
    const offChanged = deps.on?.('alarms.changed', (c) => get().alarmsChanged(c));
    const offProgress = deps.on?.('alarms.importProgress', (p) => get().alarmImportProgress(p));
    return () => {
      offChanged?.();
      offProgress?.();
    };
  });

  const current = () => {
    const a = get().alarms;
    const filter = toContractFilter(a.filter);
    return { a, filter, key: queryKey(filter, a.sort, a.grouped) };
  };
  const scopeFilter = (filter: AlarmFilter, scope: string): AlarmFilter => (scope === '' ? filter : { ...filter, devices: [scope] });
  const scopeTotal = (list: AlarmsList, scope: string): number | null =>
    scope === '' ? list.total : (list.groups.find((g) => g.device === scope)?.total ?? 0);

  const noteTypes = (items: AlarmItem[]) => {
    const known = get().alarms.typeNames;
    if (known.length >= MAX_TYPE_NAMES) return;
    const fresh = [...new Set(items.map((i) => i.type))].filter((t) => !known.includes(t));
    if (fresh.length) patch({ typeNames: [...known, ...fresh].slice(0, MAX_TYPE_NAMES).sort() });
  };

  /** Stores fetched pages and drops the least recently used beyond the cap. */
  const storePages = (scope: string, firstPage: number, items: AlarmItem[]) => {
    const add: Record<string, AlarmItem[]> = {};
    for (let p = 0; p * PAGE_SIZE < items.length; p++) add[pageKey(scope, firstPage + p)] = items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    lru.touch(Object.keys(add));
    const pinned = new Set(needs.flatMap((n) => pagesFor(n.start, n.end, null).map((p) => pageKey(n.scope, p))));
    const drop = lru.overflow(MAX_CACHED_PAGES, pinned);
    const rows = { ...get().alarms.list.rows, ...add };
    for (const k of drop) delete rows[k];
    patchList({ rows });
    noteTypes(items);
  };

  /** The first run of pages the visible rows lack, or null when all are here. */
  const nextRun = () => {
    const list = get().alarms.list;
    for (const n of needs) {
      const total = scopeTotal(list, n.scope);
      const missing = pagesFor(n.start, n.end, total).filter((p) => !list.rows[pageKey(n.scope, p)]);
      const run = pageRuns(missing)[0];
      if (run) return { scope: n.scope, run, total };
    }
    return null;
  };

  const pump = async (): Promise<void> => {
    if (inFlight === generation) return;
    const next = nextRun();
    if (!next) {
      if (Object.keys(get().alarms.list.stale).length) patchList({ stale: {} });
      return;
    }
    const mine = generation;
    inFlight = mine;
    const { a, filter } = current();
    const { scope, run, total } = next;
    const offset = run.first * PAGE_SIZE;
    const limit = Math.min(run.count * PAGE_SIZE, total === null ? Infinity : total - offset);
    try {
      if (limit > 0) {
        const plan = planFetch(offset, limit, total, a.sort.sort, a.sort.order);
        const page = await api().list(scopeFilter(filter, scope), {
          sort: a.sort.sort,
          order: plan.order,
          offset: plan.offset,
          limit: plan.limit,
          countTotal: false,
        });
        if (mine === generation) storePages(scope, run.first, plan.reversed ? [...page.items].reverse() : page.items);
      }
    } catch (err) {
      if (mine === generation) patchList({ status: 'error', error: errorMessage(err) });
      return;
    } finally {
      if (inFlight === mine) inFlight = null;
    }
    if (mine === generation) await pump();
  };

  const reloadDetail = async () => {
    const id = get().alarms.detail.id;
    if (id === null) return;
    try {
      const data = await api().get(id);
      if (get().alarms.detail.id === id) patch({ detail: { id, data, status: 'ready', error: null } });
    } catch (err) {
      if (get().alarms.detail.id === id) patch({ detail: { ...get().alarms.detail, status: 'error', error: errorMessage(err) } });
    }
  };

  const loadAlarms = async ({ keep = false }: { keep?: boolean } = {}): Promise<void> => {
    const mine = ++generation;
    lru.clear();
    const { a, filter, key } = current();
    const started = clock();
    const before = a.list;
    const sameQuery = keep && before.key === key;
    patchList({
      key,
      status: 'loading',
      error: null,
      rows: {},
      stale: sameQuery ? { ...before.stale, ...before.rows } : {},
      total: sameQuery ? before.total : null,
      groups: sameQuery || a.grouped ? before.groups : [],
      firstRowsMs: null,
    });
    try {
      if (a.grouped) {
        const groups = await api().countByDevice(filter, { limit: MAX_GROUPS });
        if (mine !== generation) return;
        const total = groups.reduce((n, g) => n + g.total, 0);
        // A device that no longer matches loses its expanded state; the rest keep theirs.
        const expanded = Object.fromEntries(groups.filter((g) => before.expanded[g.device]).map((g) => [g.device, true]));
        // The grouped total is exact; a flat count this load superseded will never clear `counting`.
        patchList({ groups, total, expanded, groupsTruncated: groups.length >= MAX_GROUPS, status: 'ready', counting: false, firstRowsMs: clock() - started });
      } else {
        // Rows first, the exact count after them: counting a million rows must not hold back the
        // first screen, and a short first page is its own count (no second scan of an empty result).
        const base = { sort: a.sort.sort, order: a.sort.order, offset: 0 } as const;
        const page = await api().list(filter, { ...base, limit: PAGE_SIZE, countTotal: false });
        const exact = page.items.length < PAGE_SIZE;
        if (mine !== generation) return;
        const provisional = sameQuery && before.total !== null ? before.total : page.items.length;
        patchList({ total: exact ? page.items.length : provisional, counting: !exact, status: 'ready', firstRowsMs: clock() - started });
        storePages('', 0, page.items);
        if (!exact) {
          // The core answers one call at a time: a count still running would hold back the rows of
          // the next query. After a change of query, wait a moment so a quick series of changes
          // (toggling chips, typing) counts only the query the technician stops at.
          if (before.key !== null && before.key !== key) {
            await new Promise((r) => setTimeout(r, COUNT_DELAY_MS));
            if (mine !== generation) return;
          }
          const counted = await api().list(filter, { ...base, limit: 1, countTotal: true });
          if (mine !== generation) return;
          patchList({ total: counted.total, counting: false });
        }
      }
    } catch (err) {
      // No count is running any more (a failed count included), so none can clear the flag later.
      if (mine === generation) patchList({ status: 'error', error: errorMessage(err), stale: {}, counting: false });
      return;
    }
    await pump();
  };

  /** Reloads after a change in the core; changes that arrive meanwhile cause one more reload, not one each. */
  const refresh = async () => {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    try {
      do {
        refreshAgain = false;
        await loadAlarms({ keep: true });
      } while (refreshAgain);
    } finally {
      refreshing = false;
    }
  };

  const requery = () => {
    patch({ charts: { ...get().alarms.charts, key: null } });
    void loadAlarms();
    if (get().alarms.view === 'charts') void get().loadAlarmCharts();
  };

  const unackedIn = (items: AlarmItem[]) => items.filter((i) => i.kind === 'alarm' && i.ackedAt === null).map((i) => i.id);

  return {
    alarms: INITIAL_ALARMS,

    alarmsActivate: () => {
      const release = hold();
      // Changes made while away were not followed: a visit always refreshes, keeping what was shown.
      if (get().alarms.list.key === null) void loadAlarms();
      else void refresh();
      return release;
    },

    setAlarmsView: (view) => {
      patch({ view });
      if (view === 'charts') void get().loadAlarmCharts();
      if (view === 'sync' && (get().alarms.sync.stale || get().alarms.sync.status === 'error')) void get().loadAlarmSync();
    },

    setAlarmFilter: (p) => {
      patch({ filter: { ...get().alarms.filter, ...p } });
      requery();
    },

    resetAlarmFilter: () => {
      patch({ filter: EMPTY_FILTER });
      requery();
    },

    setAlarmSort: (sort) => {
      patch({ sort });
      void loadAlarms();
    },

    setAlarmGrouping: (grouped) => {
      if (grouped === get().alarms.grouped) return;
      patch({ grouped });
      void loadAlarms();
    },

    toggleAlarmGroup: (device) => {
      const expanded = { ...get().alarms.list.expanded };
      if (expanded[device]) delete expanded[device];
      else expanded[device] = true;
      patchList({ expanded });
    },

    setAllAlarmGroups: (on) => {
      patchList({ expanded: on ? Object.fromEntries(get().alarms.list.groups.map((g) => [g.device, true])) : {} });
    },

    loadAlarms,

    ensureAlarmRows: (n) => {
      needs = n;
      if (get().alarms.list.status === 'ready') void pump();
    },

    alarmsChanged: (c) => {
      const a = get().alarms;
      patch({ sync: { ...a.sync, stale: true }, charts: { ...a.charts, key: null } });
      if (a.list.key !== null) void refresh();
      if (a.detail.id !== null && (c.ids === null || c.ids.includes(a.detail.id))) void reloadDetail();
      if (a.view === 'charts') void get().loadAlarmCharts();
      if (a.view === 'sync') void get().loadAlarmSync();
      // Suggestions are loaded when the device box is first used; after that, keep them current.
      if ((c.reason === 'import' || c.reason === 'live') && a.deviceNames.length) void get().loadAlarmDeviceNames();
    },

    alarmImportProgress: (p) => {
      const run = get().alarms.importRun;
      if (run.status !== 'running' || p.importId !== run.importId) return;
      patch({ importRun: { ...run, phase: p.phase, done: p.done, total: p.total } });
    },

    toggleAlarmSelected: (id) => {
      const selected = { ...get().alarms.selected };
      if (selected[id]) delete selected[id];
      else selected[id] = true;
      patch({ selected, selectedCount: Object.keys(selected).length });
    },

    setAlarmsSelected: (ids, on) => {
      const selected = { ...get().alarms.selected };
      for (const id of ids) {
        if (on) selected[id] = true;
        else delete selected[id];
      }
      patch({ selected, selectedCount: Object.keys(selected).length });
    },

    clearAlarmSelection: () => patch({ selected: {}, selectedCount: 0 }),

    selectAllUnackedAlarms: async () => {
      const { a, filter } = current();
      try {
        // Acknowledged and event rows cannot be acknowledged: ask for what can.
        const state = filter.state === 'all' || filter.state === undefined ? 'active' : filter.state;
        if (state === 'event' || state === 'acked') return 0;
        const page = await api().list({ ...filter, state, kind: 'alarm' }, { sort: a.sort.sort, order: a.sort.order, limit: MAX_SELECT, countTotal: false });
        const ids = unackedIn(page.items);
        get().setAlarmsSelected(ids, true);
        return ids.length;
      } catch (err) {
        patchList({ error: errorMessage(err) });
        return 0;
      }
    },

    openAlarm: async (id) => {
      const d = get().alarms.detail;
      patch({ detail: { id, data: d.id === id ? d.data : null, status: 'loading', error: null }, note: { status: 'idle', error: null } });
      await reloadDetail();
    },

    closeAlarm: () => patch({ detail: { id: null, data: null, status: 'idle', error: null } }),

    ackAlarms: async (ids, by, note) => {
      patch({ ack: { status: 'saving', error: null, result: null }, operator: by.trim() });
      try {
        const result = await api().ack({ ids, by: by.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
        get().setAlarmsSelected([...result.acked, ...result.alreadyAcked, ...result.notFound], false);
        patch({ ack: { status: 'done', error: null, result } });
        // The core's alarms.changed event reloads too; doing it here keeps a link without events current.
        void refresh();
        void reloadDetail();
        return result;
      } catch (err) {
        patch({ ack: { status: 'error', error: errorMessage(err), result: null } });
        return null;
      }
    },

    resetAlarmAck: () => patch({ ack: { status: 'idle', error: null, result: null } }),

    annotateAlarm: async (by, note) => {
      const id = get().alarms.detail.id;
      if (id === null) return false;
      patch({ note: { status: 'saving', error: null }, operator: by.trim() });
      try {
        await api().annotate({ id, by: by.trim(), note: note.trim() });
        patch({ note: { status: 'idle', error: null } });
        await reloadDetail();
        return true;
      } catch (err) {
        patch({ note: { status: 'error', error: errorMessage(err) } });
        return false;
      }
    },

    loadAlarmCharts: async (force = false) => {
      const { a, filter, key } = current();
      if (!force && a.charts.key === key && a.charts.status !== 'error') return;
      patch({ charts: { ...a.charts, key, status: 'loading', error: null } });
      try {
        const [hours, devices] = await Promise.all([api().histogram(filter), api().countByDevice(filter, { limit: CHART_DEVICES })]);
        if (get().alarms.charts.key !== key) return;
        patch({ charts: { key, status: 'ready', error: null, hours, devices } });
      } catch (err) {
        if (get().alarms.charts.key === key) patch({ charts: { ...get().alarms.charts, status: 'error', error: errorMessage(err) } });
      }
    },

    loadAlarmSync: async () => {
      patch({ sync: { ...get().alarms.sync, status: 'loading', error: null, stale: false } });
      try {
        const rows = await api().syncStatus();
        patch({ sync: { status: 'ready', error: null, rows, stale: false } });
      } catch (err) {
        patch({ sync: { ...get().alarms.sync, status: 'error', error: errorMessage(err) } });
      }
    },

    loadAlarmDeviceNames: async () => {
      try {
        const counts = await api().countByDevice(undefined, { limit: MAX_GROUPS });
        patch({ deviceNames: counts.map((c) => c.device).sort((x, y) => x.localeCompare(y)) });
      } catch {
        // Suggestions only: typing a device name still works without them.
      }
    },

    importAlarmFile: async (file, choice) => {
      importCancelled = false;
      const fail = (p: Partial<ImportRun>) => patch({ importRun: { ...IDLE_IMPORT, file: file.name, status: 'failed', ...p } });
      patch({ importRun: { ...IDLE_IMPORT, file: file.name, status: 'running', phase: 'uploading' } });
      let text: string;
      try {
        text = await file.text();
      } catch {
        return fail({ problem: { code: 'unreadable' } });
      }
      if (text.trim() === '') return fail({ problem: { code: 'empty' } });
      const name = file.name.slice(0, 200) || 'upload';
      const kind = uploadKind(text, choice.format);
      const limit = get().system.info?.host === 'electron' ? ELECTRON_MESSAGE_BYTES : kind === 'xml' ? BROWSER_MESSAGE_BYTES : BROWSER_PART_BYTES;
      const budget = limit - ENVELOPE_BYTES - jsonStringBytes(name) * 2;
      const split = splitForUpload(text, kind, budget);
      if ('error' in split) return fail({ problem: { code: split.error, line: split.line, limitBytes: limit } });
      const { parts } = split;
      let summary = emptySummary(file.name, parts.length);
      let gaps: AlarmGap[] = [];
      const gapDevices = new Set<string>();
      let format: AlarmImportFormat = choice.format;
      for (const [i, part] of parts.entries()) {
        if (importCancelled) break;
        const importId = `ui-${now().getTime()}-${++importSeq}`;
        patch({ importRun: { ...get().alarms.importRun, importId, part: i + 1, parts: parts.length, phase: 'uploading', done: 0, total: 0, summary } });
        try {
          const report = await api().importText(parts.length === 1 ? name : `${name} (${i + 1}/${parts.length})`, part.text, {
            format,
            importId,
            ...(choice.device?.trim() ? { device: choice.device.trim() } : {}),
            // Strict means "all or nothing" for the file; parts are separate transactions, so only a whole file can be strict.
            ...(parts.length === 1 && choice.strict ? { strict: true } : {}),
          });
          // Later parts may start with a comment or a blank line: keep the format the first part was read as.
          format = report.format;
          summary = addPartReport(summary, part, report);
          gaps = report.gaps;
          for (const g of report.gaps) gapDevices.add(g.device);
        } catch (err) {
          return fail({ summary, error: errorMessage(err), part: i + 1, parts: parts.length });
        }
      }
      if (parts.length > 1 && gapDevices.size) {
        // Each part reports the gaps of its devices at that moment; ask once more for where they stand now.
        try {
          const sync = await api().syncStatus();
          gaps = sync.filter((s) => gapDevices.has(s.device)).flatMap((s) => s.gaps.map(([from, to]) => ({ device: s.device, from, to })));
        } catch {
          // Keep the last part's gaps.
        }
      }
      const cancelled = importCancelled || get().alarms.importRun.phase === 'cancelled';
      patch({
        importRun: { ...get().alarms.importRun, status: cancelled ? 'cancelled' : 'done', phase: cancelled ? 'cancelled' : 'done', summary, gaps },
      });
    },

    cancelAlarmImport: async () => {
      importCancelled = true;
      const id = get().alarms.importRun.importId;
      if (id) await api().cancelImport(id).catch(() => false);
    },

    resetAlarmImport: () => patch({ importRun: IDLE_IMPORT }),

    exportAlarms: async (format) => {
      const { filter } = current();
      patch({ exportRun: { status: 'running', format, rows: 0, truncated: false, error: null } });
      try {
        const res = await api().export({ format, filter, limit: EXPORT_MAX_ROWS });
        patch({ exportRun: { status: 'done', format, rows: res.rows, truncated: res.rows >= EXPORT_MAX_ROWS, error: null } });
        return {
          name: `fieldkit-alarms-${fileStamp(now())}.${format}`,
          mime: format === 'csv' ? 'text/csv;charset=utf-8' : 'text/html;charset=utf-8',
          content: res.content ?? '',
        };
      } catch (err) {
        patch({ exportRun: { status: 'error', format, rows: 0, truncated: false, error: errorMessage(err) } });
        return null;
      }
    },
  };
};
