// A child process ingests syslog over TCP (commits in its writer thread) and acknowledges each
// committed batch on stdout; it is killed with SIGKILL mid-stream. Reopened, the database must be
// intact and hold every entry the child acknowledged, in order, with its full-text index consistent.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open';
import { LogStore } from '../../src/logs/store/store';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-logdur-');
afterAll(() => tmp.remove());

const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../../src/${p}`, import.meta.url)));
const child = `
const { openDatabase } = await import(${src('db/open.ts')});
const { LogCapture } = await import(${src('logs/capture.ts')});
const { nodeLogPorts } = await import(${src('platform/node/log-sockets.ts')});
const { db } = openDatabase(process.argv[1]);
const capture = new LogCapture({ db, ports: nodeLogPorts(), writer: { batchSize: 200, intervalMs: 5 } });
capture.onCommitted((entries) => process.stdout.write('writer ' + (capture.writerThread?.thread ? 'thread' : 'inline') + '\\nack ' + entries[entries.length - 1].id + '\\n'));
const [l] = await capture.start({ tcpPort: 0, bind: '127.0.0.1' });
process.stdout.write('port ' + l.port + '\\n');
`;

describe('log store durability', () => {
  it('keeps every acknowledged entry after kill -9 during ingest', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    let acked = 0;
    let writer = '';
    let buf = '';
    let sending = true;
    const port = await new Promise<number>((resolve, reject) => {
      proc.stdout.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const line of lines) {
          const [k, v] = line.split(' ');
          if (k === 'writer') writer = v!;
          if (k === 'port') resolve(Number(v));
          if (k === 'ack') acked = Number(v);
        }
        if (acked >= 20_000 && proc.exitCode === null && sending) {
          sending = false;
          proc.kill('SIGKILL');
        }
      });
      proc.on('exit', (c, sig) => (sig === 'SIGKILL' ? undefined : reject(new Error(`child exited ${c}: ${stderr}`))));
    });
    const sock = connect(port, '127.0.0.1');
    sock.on('error', () => {}); // the child dies under us
    await new Promise<void>((r) => sock.once('connect', r));
    for (let i = 0; sending; i++) {
      const msg = `<134>1 2026-03-01T10:00:00Z cam app - - - seq ${i}`;
      if (!sock.write(`${msg}\n`)) await new Promise((r) => (sock.once('drain', r), sock.once('close', r)));
      if (sock.destroyed) break;
    }
    await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(null) : proc.once('exit', r)));
    expect(proc.signalCode).toBe('SIGKILL');
    // Acknowledgements came from the writer thread's commits.
    expect(writer).toBe('thread');
    sock.destroy();

    const { db } = openDatabase(tmp.dir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.exec("INSERT INTO log_fts(log_fts, rank) VALUES ('integrity-check', 0)");
      const rows = db.prepare('SELECT id, message FROM log_entries WHERE id <= ? ORDER BY id').all(acked) as { id: number; message: string }[];
      expect(acked).toBeGreaterThanOrEqual(20_000);
      expect(rows).toHaveLength(acked);
      expect(rows.every((r, i) => r.id === i + 1 && r.message === `seq ${i}`)).toBe(true);
      // The index answers for an acknowledged entry.
      const store = new LogStore(db);
      expect(store.search({ text: `seq ${acked - 1}` }, { limit: 5, offset: 0, order: 'oldest' }).entries.map((e) => e.id)).toContain(acked);
    } finally {
      db.close();
    }
  });
});
