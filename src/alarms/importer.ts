import { setImmediate as tick } from 'node:timers/promises';
import type { AlarmImportOptions, AlarmImportProgress, AlarmImportReport, AlarmsChanged } from '../contract/alarms';
import { FieldKitError } from '../contract/errors';
import { detectFormat, parseAlarmFile } from './formats';
import type { AlarmIngest } from './ingest';
import type { AlarmStore } from './store';

/** Rejections listed in one report at most (a garbage file would otherwise make a huge reply). */
export const MAX_REJECTIONS_LISTED = 1000;

export interface ImporterDeps {
  ingest: AlarmIngest;
  store: AlarmStore;
  onProgress: (p: AlarmImportProgress) => void;
  onChanged: (c: AlarmsChanged) => void;
}

/**
 * Imports one file's bytes: detect the format, parse every record (bad ones
 * become line-numbered rejections), then apply all good records in ONE
 * transaction, so a file that fails midway (database error, crash, kill -9)
 * leaves nothing behind. Cancel works until the transaction starts.
 */
export class AlarmImporter {
  private readonly running = new Map<string, { cancelled: boolean }>();
  private nextId = 1;

  constructor(private readonly deps: ImporterDeps) {}

  cancel(importId: string): boolean {
    const run = this.running.get(importId);
    if (!run) return false;
    run.cancelled = true;
    return true;
  }

  async importBytes(file: string, bytes: Uint8Array, options: AlarmImportOptions = {}): Promise<AlarmImportReport> {
    const importId = options.importId ?? `import-${this.nextId++}`;
    if (this.running.has(importId)) throw new FieldKitError('conflict', `An import with id ${importId} is already running.`);
    const run = { cancelled: false };
    this.running.set(importId, run);
    const progress = (phase: AlarmImportProgress['phase'], done: number, total: number) =>
      this.deps.onProgress({ importId, file, phase, done, total });
    try {
      progress('parsing', 0, bytes.byteLength);
      const format = options.format && options.format !== 'auto' ? options.format : detectFormat(bytes);
      if (format !== 'jsonl' && format !== 'csv' && format !== 'onvif-xml' && format !== 'isapi-xml') {
        throw new FieldKitError('failed', `${file}: cannot tell the format: ${format}. Pass --format.`);
      }
      const parsed = parseAlarmFile(bytes, format, { device: options.device });
      if (typeof parsed === 'string') throw new FieldKitError('failed', `${file}: ${parsed}`);
      const report: AlarmImportReport = {
        file,
        format,
        read: parsed.records.length + parsed.rejected.length + parsed.skipped,
        imported: 0,
        duplicates: 0,
        skipped: parsed.skipped,
        orphanClears: 0,
        timeFlagged: 0,
        rejected: parsed.rejected.slice(0, MAX_REJECTIONS_LISTED),
        gaps: [],
        refused: false,
      };
      // Let a cancel request that arrived while parsing be seen before writing.
      await tick();
      if (run.cancelled) {
        progress('cancelled', 0, report.read);
        return { ...report, refused: true };
      }
      if (options.strict && parsed.rejected.length > 0) {
        progress('failed', 0, report.read);
        return { ...report, refused: true };
      }
      const total = parsed.records.length;
      progress('applying', 0, total);
      let res;
      try {
        // Every format parser runs its records through validate.ts (XML ones via checkDerivedRecord).
        res = this.deps.ingest.apply(
          parsed.records.map((r) => r.record),
          { validated: true, onProgress: (done) => progress('applying', done, total) },
        );
      } catch (err) {
        progress('failed', 0, total);
        throw new FieldKitError('failed', `${file}: import failed and changed nothing: ${(err as Error).message}`);
      }
      report.imported = res.imported;
      report.duplicates = res.duplicates;
      report.skipped += res.skipped;
      report.orphanClears = res.orphanClears;
      report.timeFlagged = res.timeFlagged;
      report.gaps = this.deps.store.gapsFor(res.devices);
      progress('done', total, total);
      if (res.imported > 0) this.deps.onChanged({ reason: 'import', ids: res.changedIds, count: res.imported });
      return report;
    } finally {
      this.running.delete(importId);
    }
  }
}
