// Shared helpers for the logs integration tests (not a test file itself).
import { nodeLogPorts } from '../../src/platform/node/log-sockets';
import { execFile } from 'node:child_process';
import type { AlarmRecord, LogEntriesEvent, LogStatus } from '../../src/contract/logs';
import { openDatabase } from '../../src/db/open';
import { LogCapture, type LogCaptureOptions } from '../../src/logs/capture';
import { tempDir } from '../support/tmp';

/** Runs util-linux `logger` against a loopback port. */
export function logger(port: number, args: string[], stdin = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('logger', ['-n', '127.0.0.1', '-P', String(port), ...args], (err) => (err ? reject(err) : resolve()));
    child.stdin?.on('error', () => {}); // logger closes stdin early when the message is an argument
    child.stdin?.end(stdin);
  });
}

/** Polls until `cond` holds (or fails after `ms`). */
export async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A LogCapture on a fresh database file, collecting what it emits. */
export function captureOnTempDb(opts: Partial<LogCaptureOptions> = {}) {
  const tmp = tempDir('fk-logs-');
  const { db } = openDatabase(tmp.dir);
  const records: AlarmRecord[] = [];
  const tails: LogEntriesEvent[] = [];
  const statuses: LogStatus[] = [];
  const emit = ((topic: string, payload: unknown) => {
    if (topic === 'logs.alarmRecord') records.push(payload as AlarmRecord);
    if (topic === 'logs.entries') tails.push(payload as LogEntriesEvent);
    if (topic === 'logs.status') statuses.push(payload as LogStatus);
  }) as LogCaptureOptions['emit'];
  const capture = new LogCapture({ db, emit, tailIntervalMs: 20, statusIntervalMs: 50, ...opts, ports: opts.ports ?? nodeLogPorts() });
  return {
    capture, db, dir: tmp.dir, records, tails, statuses,
    async close() {
      await capture.close();
      db.close();
      tmp.remove();
    },
  };
}
