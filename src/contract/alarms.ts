import { z } from 'zod';
import { event, method } from './define';
// Declared by the logs contract (its rules emit alarm records); re-used here so there is one name.
import type { AlarmSeverity } from './logs';

/** alarm: a condition with a lifecycle (raise, ack, clear). event: one-shot, never active. */
export const ALARM_KINDS = ['alarm', 'event'] as const;
/** Most to least severe. */
export const ALARM_SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const satisfies readonly AlarmSeverity[];
/** What one flow record says happened. */
export const ALARM_ACTIONS = ['raise', 'clear', 'event'] as const;
/**
 * Current state of an instance: `active` (raised, not acknowledged), `acked` (raised and
 * acknowledged), `cleared` (condition over, acknowledged or not), `event` (one-shot).
 */
export const ALARM_STATES = ['active', 'acked', 'cleared', 'event'] as const;
/** Import formats; `auto` sniffs the content. */
export const ALARM_IMPORT_FORMATS = ['auto', 'jsonl', 'csv', 'onvif-xml', 'isapi-xml'] as const;
/** Why an instance is marked for a second look. */
export const ALARM_FLAGS = ['orphan-clear', 'future-time', 'before-2000'] as const;
/** Sortable columns of the alarm list. */
export const ALARM_SORTS = ['time', 'severity', 'device', 'type', 'state'] as const;

export type AlarmKind = (typeof ALARM_KINDS)[number];
export type AlarmAction = (typeof ALARM_ACTIONS)[number];
export type AlarmState = (typeof ALARM_STATES)[number];
export type AlarmImportFormat = (typeof ALARM_IMPORT_FORMATS)[number];
export type AlarmFlag = (typeof ALARM_FLAGS)[number];
export type AlarmSort = (typeof ALARM_SORTS)[number];

/** One row of the alarm list: an alarm instance (raise..clear) or an event. Times keep their original offset. */
export interface AlarmItem {
  id: number;
  device: string;
  kind: AlarmKind;
  type: string;
  severity: AlarmSeverity;
  state: AlarmState;
  /** Raise time as the device wrote it (ISO 8601 with offset); the event time for events; null for an orphan clear. */
  raisedAt: string | null;
  clearedAt: string | null;
  ackedAt: string | null;
  seId: string | null;
  message: string;
  source: string | null;
  flags: AlarmFlag[];
}

/** A page of the list and how many rows match the filter in total. */
export interface AlarmPage {
  total: number;
  items: AlarmItem[];
}

/** One flow record (raise / clear / event) as stored, in flow order. */
export interface AlarmFlowRecord {
  action: AlarmAction;
  /** op_id: the device's when `origin` is `device`, else FieldKit's local sequence for that device. */
  opId: number;
  origin: 'device' | 'local';
  time: string;
  message: string;
  source: string | null;
  flags: AlarmFlag[];
}

/** Something an operator did to an instance. */
export interface AlarmOperation {
  id: number;
  op: 'ack' | 'note';
  by: string;
  note: string | null;
  at: string;
}

/** One step of the timeline: raised → acknowledged → cleared, with the time since the previous step. */
export interface AlarmTimelineStep {
  step: 'raised' | 'acknowledged' | 'cleared' | 'event' | 'note';
  at: string;
  by: string | null;
  /** Milliseconds since the previous step, null for the first. */
  sincePreviousMs: number | null;
}

/** Everything about one instance for the detail drawer. */
export interface AlarmDetail extends AlarmItem {
  ackedBy: string | null;
  flow: AlarmFlowRecord[];
  operations: AlarmOperation[];
  timeline: AlarmTimelineStep[];
  /** Raise → clear, null while active or for orphans and events. */
  durationMs: number | null;
}

/** A rejected input record: 1-based line (of the record's first line) and why. */
export interface AlarmRejection {
  line: number;
  /** Why, in English (the CLI prints it; a UI shows it for a code it does not know). */
  reason: string;
  /**
   * Stable kebab-case id of the reason (e.g. `missing-field`, `bad-severity`, `xml-malformed`),
   * so a UI can word it in its own language.
   */
  code: string;
  /** The values the reason names (field, value, counts), by name. */
  params: Record<string, string | number>;
}

/** A run of op_ids the device numbered but FieldKit never received, inclusive. */
export interface AlarmGap {
  device: string;
  from: number;
  to: number;
}

/** What one file import did. Re-importing the same file imports 0 and counts duplicates. */
export interface AlarmImportReport {
  file: string;
  format: Exclude<AlarmImportFormat, 'auto'>;
  /** Records read from the file (accepted + rejected + skipped). */
  read: number;
  imported: number;
  duplicates: number;
  /** Records that are valid but carry no alarm meaning (ONVIF Initialized=false, ISAPI videoloss heartbeats). */
  skipped: number;
  /** Clears kept without their raise. */
  orphanClears: number;
  /** Records whose time is in the future or before 2000. */
  timeFlagged: number;
  rejected: AlarmRejection[];
  /** Current gaps of the devices this file touched. */
  gaps: AlarmGap[];
  /** True when nothing was written (strict mode with rejections, or cancelled). */
  refused: boolean;
}

/** Sync state of one device: the highest op_id seen and the missing runs. */
export interface AlarmSyncState {
  device: string;
  lastOpId: number | null;
  gaps: [number, number][];
  /** Records stored for the device and duplicates counted over all imports. */
  records: number;
  duplicates: number;
}

/** Counts for one device under a filter (group by device, chart per device). */
export interface AlarmDeviceCount {
  device: string;
  total: number;
  active: number;
  acked: number;
  cleared: number;
  events: number;
}

/** Instances per hour (UTC hour start, ISO) under a filter. */
export interface AlarmHourCount {
  hour: string;
  count: number;
}

/** What an ack call did. */
export interface AlarmAckResult {
  acked: number[];
  /** Already acknowledged: a note is still recorded when given. */
  alreadyAcked: number[];
  /** Events and unknown ids cannot be acknowledged. */
  notFound: number[];
}

/** Where an export went: a file path, or the content itself. */
export interface AlarmExportResult {
  format: 'csv' | 'html';
  rows: number;
  path: string | null;
  content: string | null;
}

const text = (max: number) => z.string().min(1).max(max);
const isoTime = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, 'ISO 8601 time with offset');

/** The shared filter of list, export, counts and histogram. */
export const alarmFilter = z
  .object({
    state: z.enum([...ALARM_STATES, 'all']).default('all'),
    kind: z.enum(ALARM_KINDS).optional(),
    devices: z.array(text(200)).max(500).optional(),
    types: z.array(text(100)).max(100).optional(),
    severities: z.array(z.enum(ALARM_SEVERITIES)).max(5).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    text: z.string().max(200).optional(),
    flagged: z.boolean().optional(),
  })
  .strict();
export type AlarmFilter = z.input<typeof alarmFilter>;

const listOptions = z
  .object({
    sort: z.enum(ALARM_SORTS).default('time'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(10_000).default(100),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    /** Skip the total count (faster when scrolling). */
    countTotal: z.boolean().default(true),
  })
  .strict();
export type AlarmListOptions = z.input<typeof listOptions>;

const importOptions = z
  .object({
    format: z.enum(ALARM_IMPORT_FORMATS).default('auto'),
    /** Device name for records whose format does not say (ONVIF without ProducerReference). */
    device: text(200).optional(),
    /** Refuse the whole file when any record is rejected. */
    strict: z.boolean().default(false),
    /** Chosen by the caller so it can cancel and match progress events before the call returns. */
    importId: text(64).optional(),
  })
  .strict();
export type AlarmImportOptions = z.input<typeof importOptions>;

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const alarmsContract = {
  list: method(z.tuple([alarmFilter.optional(), listOptions.optional()]), 'Alarm instances and events matching a filter, one page.').returns<AlarmPage>(),
  get: method(z.tuple([id]), 'One instance with its flow records, operations and timeline.').returns<AlarmDetail>(),
  ack: method(
    z.tuple([z.object({ ids: z.array(id).min(1).max(10_000), by: text(100), note: z.string().max(2000).optional() }).strict()]),
    'Acknowledge one or many instances with a name and an optional note.',
  ).returns<AlarmAckResult>(),
  annotate: method(z.tuple([z.object({ id, by: text(100), note: text(2000) }).strict()]), 'Add a note to an instance.').returns<AlarmOperation>(),
  countByDevice: method(z.tuple([alarmFilter.optional(), z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict().optional()]), 'Counts per device under a filter, most first.').returns<AlarmDeviceCount[]>(),
  histogram: method(z.tuple([alarmFilter.optional()]), 'Instances per UTC hour under a filter (at most 9000 hours).').returns<AlarmHourCount[]>(),
  syncStatus: method(z.tuple([z.object({ device: text(200).optional() }).strict().optional()]), 'Last op_id and gaps per device.').returns<AlarmSyncState[]>(),
  importFile: method(z.tuple([text(4096), importOptions.optional()]), 'Import one file from the local disk, in one transaction.').returns<AlarmImportReport>(),
  importText: method(
    z.tuple([text(255), z.string().max(64 * 1024 * 1024), importOptions.optional()]),
    'Import file content sent by the client (browser upload), in one transaction.',
  ).returns<AlarmImportReport>(),
  cancelImport: method(z.tuple([text(64)]), 'Cancel a running import before it writes; false when not running.').returns<boolean>(),
  export: method(
    z.tuple([z.object({ format: z.enum(['csv', 'html']), filter: alarmFilter.optional(), path: text(4096).optional(), limit: z.number().int().min(1).max(2_000_000).optional() }).strict()]),
    'Export a filter to CSV (formula-safe) or a printable HTML report; to a file when `path` is given.',
  ).returns<AlarmExportResult>(),
};

/** Why the alarm data changed. */
export interface AlarmsChanged {
  reason: 'import' | 'ack' | 'note' | 'live';
  /** Instances touched, when few; null means "many: reload". */
  ids: number[] | null;
  count: number;
}

/** Progress of one import. */
export interface AlarmImportProgress {
  importId: string;
  file: string;
  phase: 'reading' | 'parsing' | 'applying' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
}

export const alarmsEvents = {
  'alarms.changed': event<AlarmsChanged>('Alarm instances were added or changed (import, ack, note, live source).'),
  'alarms.importProgress': event<AlarmImportProgress>('Progress of a running import.'),
};
