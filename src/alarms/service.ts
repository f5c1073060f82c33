import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import type {
  AlarmAckResult,
  AlarmDetail,
  AlarmDeviceCount,
  AlarmExportResult,
  AlarmFilter,
  AlarmHourCount,
  AlarmImportOptions,
  AlarmImportProgress,
  AlarmImportReport,
  AlarmListOptions,
  AlarmOperation,
  AlarmPage,
  AlarmsChanged,
  AlarmSyncState,
  Handlers,
} from '../contract';
import { FieldKitError } from '../contract/errors';
import type { Clock } from '../platform/ports';
import { writeCsv, writeHtml } from './export';
import { AlarmImporter } from './importer';
import { AlarmIngest, type IngestResult } from './ingest';
import { AlarmStore } from './store';
import type { AlarmRecordInput } from './types';

/** Largest file importFile reads (the whole file is parsed before its one transaction). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** Page cache the shared connection gets (KiB), for imports of large files. */
const ALARM_CACHE_KIB = 64 * 1024;
/** Rows an export returns inline (without a path) at most. */
const MAX_INLINE_EXPORT_ROWS = 100_000;

export interface AlarmsServiceDeps {
  db: Database.Database;
  clock: Clock;
  onChanged: (c: AlarmsChanged) => void;
  onImportProgress: (p: AlarmImportProgress) => void;
}

/**
 * The alarms service: every contract method (callable directly with the contract's input
 * types, synchronous where the work is), plus the entry point for live sources.
 */
export interface AlarmsService {
  list(filter?: AlarmFilter, opts?: AlarmListOptions): AlarmPage;
  get(id: number): AlarmDetail;
  ack(req: { ids: number[]; by: string; note?: string }): AlarmAckResult;
  annotate(req: { id: number; by: string; note: string }): AlarmOperation;
  countByDevice(filter?: AlarmFilter, opts?: { limit?: number }): AlarmDeviceCount[];
  histogram(filter?: AlarmFilter): AlarmHourCount[];
  syncStatus(opts?: { device?: string }): AlarmSyncState[];
  importFile(path: string, opts?: AlarmImportOptions): Promise<AlarmImportReport>;
  importText(name: string, content: string, opts?: AlarmImportOptions): Promise<AlarmImportReport>;
  cancelImport(importId: string): boolean;
  export(req: { format: 'csv' | 'html'; filter?: AlarmFilter; path?: string; limit?: number }): AlarmExportResult;
  /** Records from a live source (log rules, discovery's watch): same rules as imports, one transaction per call. */
  ingestLive(records: AlarmRecordInput[]): IngestResult;
}

/** Builds the `alarms` service over the shared database. */
export function alarmsService(deps: AlarmsServiceDeps): AlarmsService {
  // Imports insert into indexes keyed by device and flow, i.e. all over the B-trees: with SQLite's
  // default 2 MB page cache a large file spends most of its time re-reading pages. 64 MB halves it.
  const cacheKiB = Math.abs(Number(deps.db.pragma('cache_size', { simple: true })));
  if (cacheKiB < ALARM_CACHE_KIB) deps.db.pragma(`cache_size = -${ALARM_CACHE_KIB}`);
  const ingest = new AlarmIngest(deps.db, deps.clock);
  const store = new AlarmStore(deps.db, deps.clock);
  const importer = new AlarmImporter({ ingest, store, onProgress: deps.onImportProgress, onChanged: deps.onChanged });

  const service: AlarmsService = {
    list: (filter, opts) => store.list(filter, opts),
    get: (id) => store.get(id),
    ack: ({ ids, by, note }) => {
      const res = store.ack(ids, by, note);
      const touched = [...res.acked, ...(note ? res.alreadyAcked : [])];
      if (touched.length) deps.onChanged({ reason: 'ack', ids: touched.length <= 1000 ? touched : null, count: touched.length });
      return res;
    },
    annotate: ({ id, by, note }) => {
      const op = store.annotate(id, by, note);
      deps.onChanged({ reason: 'note', ids: [id], count: 1 });
      return op;
    },
    countByDevice: (filter, opts) => store.countByDevice(filter, opts?.limit),
    histogram: (filter) => store.histogram(filter),
    syncStatus: (opts) => store.syncStatus(opts?.device),
    importFile: async (path, opts) => {
      let bytes: Buffer;
      try {
        const st = await stat(path);
        if (!st.isFile()) throw new FieldKitError('failed', `${path} is not a file.`);
        if (st.size > MAX_IMPORT_BYTES) throw new FieldKitError('failed', `${path} is ${st.size} bytes; split files larger than ${MAX_IMPORT_BYTES} bytes.`);
        bytes = await readFile(path);
      } catch (err) {
        if (err instanceof FieldKitError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        throw new FieldKitError(code === 'ENOENT' ? 'not_found' : 'failed', `Cannot read ${path}: ${(err as Error).message}`);
      }
      return importer.importBytes(basename(path), bytes, opts);
    },
    importText: (name, content, opts) => importer.importBytes(name, Buffer.from(content, 'utf8'), opts),
    cancelImport: (id) => importer.cancel(id),
    export: ({ format, filter, path, limit }) => {
      const rows = store.iterate(filter, limit ?? (path ? undefined : MAX_INLINE_EXPORT_ROWS));
      const meta = { title: 'FieldKit alarm report', generatedAt: new Date(deps.clock.now()).toISOString(), filter };
      const run = (write: (s: string) => void) => (format === 'csv' ? writeCsv(rows, write) : writeHtml(rows, write, meta));
      if (!path) {
        const chunks: string[] = [];
        const n = run((s) => chunks.push(s));
        return { format, rows: n, path: null, content: chunks.join('') };
      }
      let fd: number;
      try {
        fd = openSync(path, 'w');
      } catch (err) {
        throw new FieldKitError('failed', `Cannot write ${path}: ${(err as Error).message}`);
      }
      try {
        const n = run((s) => writeSync(fd, s));
        return { format, rows: n, path, content: null };
      } finally {
        closeSync(fd);
      }
    },
    ingestLive: (records) => {
      const res = ingest.apply(records);
      if (res.imported > 0) deps.onChanged({ reason: 'live', ids: res.changedIds, count: res.imported });
      return res;
    },
  };
  // The contract's handler shape is a subset: a drift between the two fails here.
  const handlers: Handlers['alarms'] = service;
  void handlers;
  return service;
}
