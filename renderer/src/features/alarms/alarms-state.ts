/** The Alarms page's state and the slice's interface; the actions live in alarms-slice.ts. */
import type {
  AlarmAckResult,
  AlarmDetail,
  AlarmDeviceCount,
  AlarmGap,
  AlarmHourCount,
  AlarmImportFormat,
  AlarmImportProgress,
  AlarmItem,
  AlarmsChanged,
  AlarmSyncState,
} from '../../../../src/contract';
import type { FilterDraft, SortChoice } from './model/filter';
import type { RowNeed } from './model/page-window';
import type { ImportSummary } from './model/upload-parts';

/** The page's tabs. */
export type AlarmsView = 'list' | 'charts' | 'sync';
export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** Devices listed as groups at most (the contract's countByDevice limit). */
export const MAX_GROUPS = 5000;
/** Rows one export downloads at most (the core's inline limit). */
export const EXPORT_MAX_ROWS = 100_000;
/** Ids "select all" picks at most (the contract's ack limit). */
export const MAX_SELECT = 10_000;
/** How long a changed query's first rows stay before its exact count is asked for. */
export const COUNT_DELAY_MS = 250;
/** Devices the per-device chart shows. */
export const CHART_DEVICES = 20;

/** The virtual list: pages of rows by key, and the counts that size the scroll area. */
export interface AlarmsList {
  /** Query the rows belong to; null before the first load. */
  key: string | null;
  status: Status;
  error: string | null;
  /** Rows matching (the sum of the groups when grouped); null until known. Provisional while `counting`. */
  total: number | null;
  /** The first rows are here and the exact count is on its way. */
  counting: boolean;
  /** Pages by {@link pageKey}. */
  rows: Record<string, AlarmItem[]>;
  /** The pages shown before a reload, kept on screen until fresh ones replace them. */
  stale: Record<string, AlarmItem[]>;
  groups: AlarmDeviceCount[];
  /** More devices matched than are listed as groups. */
  groupsTruncated: boolean;
  expanded: Record<string, boolean>;
  /** Milliseconds from asking to having the first rows, for the benchmark. */
  firstRowsMs: number | null;
}

/** A client-side reason an import could not start. */
export interface ImportProblem {
  code: 'empty' | 'xml-too-large' | 'record-too-large' | 'unreadable';
  line?: number;
  limitBytes?: number;
}

/** One file import: parts uploaded, the core's progress, and the summed report. */
export interface ImportRun {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  file: string;
  importId: string | null;
  part: number;
  parts: number;
  phase: AlarmImportProgress['phase'] | 'uploading' | null;
  done: number;
  total: number;
  summary: ImportSummary | null;
  gaps: AlarmGap[];
  error: string | null;
  problem: ImportProblem | null;
}

export interface ImportChoice {
  format: AlarmImportFormat;
  device?: string;
  strict?: boolean;
}

/** What the file picker gives: a name, a size and the text. */
export interface PickedFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** A finished export, ready to hand to the browser as a download. */
export interface ExportFile {
  name: string;
  mime: string;
  content: string;
}

export interface AlarmsState {
  view: AlarmsView;
  filter: FilterDraft;
  sort: SortChoice;
  grouped: boolean;
  list: AlarmsList;
  selected: Record<number, true>;
  selectedCount: number;
  detail: { id: number | null; data: AlarmDetail | null; status: Status; error: string | null };
  ack: { status: 'idle' | 'saving' | 'done' | 'error'; error: string | null; result: AlarmAckResult | null };
  note: { status: 'idle' | 'saving' | 'error'; error: string | null };
  /** The name last used to acknowledge or annotate, offered again. */
  operator: string;
  charts: { key: string | null; status: Status; error: string | null; hours: AlarmHourCount[]; devices: AlarmDeviceCount[] };
  sync: { status: Status; error: string | null; rows: AlarmSyncState[]; stale: boolean };
  importRun: ImportRun;
  exportRun: { status: 'idle' | 'running' | 'done' | 'error'; format: 'csv' | 'html' | null; rows: number; truncated: boolean; error: string | null };
  /** Every device name, for the device filter's suggestions. */
  deviceNames: string[];
  /** Alarm types seen in loaded rows, for the type filter's suggestions (the contract has no type list). */
  typeNames: string[];
}

export interface AlarmsSlice {
  alarms: AlarmsState;
  /**
   * The page is on screen: follow the core's alarm events and load (or
   * refresh) the list. Returns the function to call when it leaves.
   */
  alarmsActivate(): () => void;
  setAlarmsView(view: AlarmsView): void;
  setAlarmFilter(patch: Partial<FilterDraft>): void;
  resetAlarmFilter(): void;
  setAlarmSort(sort: SortChoice): void;
  setAlarmGrouping(grouped: boolean): void;
  toggleAlarmGroup(device: string): void;
  setAllAlarmGroups(expanded: boolean): void;
  /** (Re)loads the list for the current query; `keep` leaves the old rows on screen meanwhile. */
  loadAlarms(opts?: { keep?: boolean }): Promise<void>;
  /** The table's visible rows: fetch the pages it lacks (one call at a time; the latest need wins). */
  ensureAlarmRows(needs: RowNeed[]): void;
  /** `alarms.changed` from the core. */
  alarmsChanged(c: AlarmsChanged): void;
  /** `alarms.importProgress` from the core. */
  alarmImportProgress(p: AlarmImportProgress): void;
  toggleAlarmSelected(id: number): void;
  setAlarmsSelected(ids: number[], on: boolean): void;
  clearAlarmSelection(): void;
  /** Selects the unacknowledged alarms of the filter (at most {@link MAX_SELECT}). */
  selectAllUnackedAlarms(): Promise<number>;
  openAlarm(id: number): Promise<void>;
  closeAlarm(): void;
  ackAlarms(ids: number[], by: string, note: string): Promise<AlarmAckResult | null>;
  resetAlarmAck(): void;
  annotateAlarm(by: string, note: string): Promise<boolean>;
  loadAlarmCharts(force?: boolean): Promise<void>;
  loadAlarmSync(): Promise<void>;
  loadAlarmDeviceNames(): Promise<void>;
  importAlarmFile(file: PickedFile, choice: ImportChoice): Promise<void>;
  cancelAlarmImport(): Promise<void>;
  resetAlarmImport(): void;
  exportAlarms(format: 'csv' | 'html'): Promise<ExportFile | null>;
}

