// The writer thread: commits happen in a worker with its own connection; shutdown flushes
// everything; a thread that dies mid-stream is restarted and nothing is lost or stored twice; one
// that keeps dying hands the writes to the main thread and says so.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open';
import { LogCapture } from '../../src/logs/capture';
import { nodeLogPorts } from '../../src/platform/node/log-sockets';
import { FIELDKIT_BIN } from '../support/cli';
import { tempDir } from '../support/tmp';
import { captureOnTempDb, until } from './logs-support';

type Capture = ReturnType<typeof captureOnTempDb>;

/**
 * Streams `n` octet-counted messages `tag i` (i from `from`) over one TCP connection, honouring
 * back-pressure, until the receiver read them.
 */
async function streamTcp(port: number, n: number, tag: string, between?: (sent: number) => Promise<void>, from = 0): Promise<void> {
  const c = connect(port, '127.0.0.1');
  await new Promise<void>((r) => c.once('connect', r));
  for (let i = from; i < from + n; i += 500) {
    let chunk = '';
    for (let j = i; j < Math.min(from + n, i + 500); j++) {
      const msg = `<134>1 2026-03-01T10:00:00Z cam app - - - ${tag} ${j}`;
      chunk += `${Buffer.byteLength(msg)} ${msg}`;
    }
    if (!c.write(chunk)) await new Promise((r) => c.once('drain', r));
    await between?.(i + 500);
  }
  // The receiver ends its side once it read everything: then every message is queued in FieldKit.
  const closed = new Promise((r) => c.once('close', r));
  c.end();
  await closed;
}

/** Every stored message once, in arrival order, with ids 1..n. */
function expectExactlyOnce(t: Capture, tag: string, n: number): void {
  const rows = t.db.prepare('SELECT id, message FROM log_entries ORDER BY id').all() as { id: number; message: string }[];
  expect(rows).toHaveLength(n);
  const bad = rows.findIndex((r, i) => r.id !== i + 1 || r.message !== `${tag} ${i}`);
  expect(bad).toBe(-1);
  expect((t.db.prepare('SELECT count(*) AS n FROM log_fts').get() as { n: number }).n).toBe(n);
  t.db.exec("INSERT INTO log_fts(log_fts, rank) VALUES ('integrity-check', 0)");
}

describe('log writer thread', () => {
  it('commits in a worker thread with its own connection; an in-memory database writes inline', async () => {
    const t = captureOnTempDb();
    try {
      const thread = t.capture.writerThread;
      // Started by the first write: a one-shot search or export never starts it.
      t.capture.store.search({ text: 'x' }, { limit: 1, offset: 0, order: 'newest' });
      expect(thread?.thread).toBeNull();
      expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      await streamTcp(l!.port, 2000, 'w');
      await until(() => t.capture.status().counts.stored === 2000, 'stored');
      expect(thread?.thread?.threadId).toBeGreaterThan(0);
      expect(thread?.onMainThread).toBe(false);
      // The thread checkpoints; the main connection must not (it would copy a big WAL on this thread).
      expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      // Committed by the thread, visible to this connection, found by the index.
      expect(t.capture.store.search({ text: 'w 1999' }, { limit: 5, offset: 0, order: 'newest' }).entries.map((e) => e.id)).toContain(2000);
      expect(t.capture.status().totalEntries).toBe(2000);
    } finally {
      await t.close();
    }
    const { db } = openDatabase('', ':memory:');
    const inline = new LogCapture({ db, ports: nodeLogPorts() });
    expect(inline.writerThread).toBeNull();
    await inline.close();
    db.close();
  });

  it('close() right after the stream ends stores everything received, the last tail and alarm records included', async () => {
    const t = captureOnTempDb({ writer: { batchSize: 100_000, intervalMs: 60_000 } });
    const N = 5000;
    try {
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      await streamTcp(l!.port, N - 1, 'c');
      await until(() => t.capture.status().counts.received === N - 1, 'received');
      const c = connect(l!.port, '127.0.0.1');
      c.end('<131>1 2026-03-01T10:00:00+08:00 cam kernel - - - eth0: Link is Down\n');
      await until(() => t.capture.status().counts.received === N, 'received');
      // Nothing is due yet (huge batch, long interval): close alone must write it all.
      expect(t.capture.status().counts.stored).toBe(0);
      await t.capture.close();
      expect(t.capture.status().counts).toMatchObject({ received: N, stored: N, queued: 0 });
      expect((t.db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n).toBe(N);
      expect(t.records.map((r) => [r.type, r.action, r.logEntryId])).toEqual([['link-down', 'raise', N]]);
      expect(t.tails.at(-1)?.entries.at(-1)?.message).toBe('eth0: Link is Down');
      expect(t.capture.writerThread?.thread).toBeNull();
      expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await t.close();
    }
  });

  it('a writer thread killed mid-stream is restarted: every message stored exactly once, in order', async () => {
    const errors: string[] = [];
    const t = captureOnTempDb({
      writer: { batchSize: 200, maxBatch: 1000, capacity: 3000, intervalMs: 5 },
      onError: (msg) => errors.push(msg),
    });
    const N = 30_000;
    try {
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      const thread = t.capture.writerThread!;
      let kills = 0;
      await streamTcp(l!.port, N, 'k', async (sent) => {
        // Twice, while batches are in flight: once early, once near the end.
        if (sent === 5000 || sent === 20_000) {
          await until(() => thread.thread !== null && t.capture.status().counts.stored > sent - 5000, 'the thread at work');
          await thread.thread!.terminate();
          kills++;
        }
      });
      await until(() => t.capture.status().counts.stored === N, 'all stored', 60_000);
      expect(kills).toBe(2);
      expect(thread.starts).toBe(3);
      expect(thread.onMainThread).toBe(false);
      expect(errors.filter((e) => /restarting/.test(e))).toHaveLength(2);
      expect(t.capture.status().counts).toMatchObject({ received: N, stored: N, dropped: 0, queued: 0 });
      await t.capture.stop();
      expectExactlyOnce(t, 'k', N);
    } finally {
      await t.close();
    }
  });

  it('a batch the thread committed but died before acknowledging is acknowledged from the database, not written twice', async () => {
    const t = captureOnTempDb({ writer: { batchSize: 1000, maxBatch: 1000, intervalMs: 60_000 } });
    try {
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      const thread = t.capture.writerThread!;
      const committed: number[] = [];
      t.capture.onCommitted((es) => committed.push(...es.map((e) => e.id)));
      // One entry, flushed at once, starts the thread.
      await streamTcp(l!.port, 1, 'a');
      await t.capture.flush();
      await streamTcp(l!.port, 999, 'a', undefined, 1);
      await until(() => t.capture.status().counts.received === 1000, 'received');
      // The acknowledgement gets lost: nobody on this side listens to the thread any more.
      thread.thread!.removeAllListeners('message');
      const c = connect(l!.port, '127.0.0.1');
      c.end('<134>1 2026-03-01T10:00:00Z cam app - - - a 1000\n');
      await until(() => t.capture.status().counts.received === 1001, 'the 1001st');
      const maxId = t.db.prepare('SELECT coalesce(max(id), 0) AS id FROM log_entries');
      await until(() => (maxId.get() as { id: number }).id === 1001, 'the commit');
      expect(t.capture.status().counts.stored).toBe(1);
      await thread.thread!.terminate();
      await until(() => t.capture.status().counts.stored === 1001, 'stored');
      expect([thread.recovered, thread.starts]).toEqual([1, 2]);
      expect(committed).toEqual(Array.from({ length: 1001 }, (_, i) => i + 1));
      await t.capture.stop();
      expectExactlyOnce(t, 'a', 1001);
    } finally {
      await t.close();
    }
  });

  it('a thread that keeps dying hands the writes to the main thread, loudly, and loses nothing', async () => {
    const errors: string[] = [];
    const t = captureOnTempDb({ writer: { batchSize: 100, intervalMs: 5, maxRestarts: 0 }, onError: (msg) => errors.push(msg) });
    const N = 3000;
    try {
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      const thread = t.capture.writerThread!;
      await streamTcp(l!.port, N, 'f', async (sent) => {
        if (sent === 1000) {
          await until(() => thread.thread !== null, 'the thread');
          await thread.thread!.terminate();
        }
      });
      await until(() => t.capture.status().counts.stored === N, 'all stored');
      expect(thread.onMainThread).toBe(true);
      expect(thread.thread).toBeNull();
      expect(errors.some((e) => /writing on the main thread/.test(e))).toBe(true);
      await t.capture.stop();
      expectExactlyOnce(t, 'f', N);
    } finally {
      await t.close();
    }
  });

  it('retention runs in the writer thread and the counters follow', async () => {
    const t = captureOnTempDb({ writer: { batchSize: 50, intervalMs: 5 } });
    try {
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      await streamTcp(l!.port, 500, 'r');
      await until(() => t.capture.status().counts.received === 500, 'received');
      expect(await t.capture.setRetention({ maxEntries: 120 })).toMatchObject({ maxEntries: 120 });
      expect(t.capture.status()).toMatchObject({ totalEntries: 120, counts: { stored: 500, expired: 380 } });
      const ids = (t.db.prepare('SELECT id FROM log_entries ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      expect([ids.length, ids[0], ids.at(-1)]).toEqual([120, 381, 500]);
    } finally {
      await t.close();
    }
  });

  it('works in the bundled CLI: `fieldkit logs listen` writes through a second connection and flushes on SIGTERM', async () => {
    const tmp = tempDir('fk-logs-thread-cli-');
    try {
      const child = spawn(FIELDKIT_BIN, ['--data-dir', tmp.dir, '--json', 'logs', 'listen', '--tcp', '0', '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      await until(() => /press Ctrl\+C/.test(stderr) || child.exitCode !== null, 'listen', 60_000);
      const port = Number(/listening on tcp [\d.]+:(\d+)/.exec(stderr)?.[1]);
      // The writer thread holds its own connection: two descriptors on the database file.
      const dbFds = () => readdirSync(`/proc/${child.pid}/fd`).filter((fd) => {
        try {
          return readlinkSync(`/proc/${child.pid}/fd/${fd}`).endsWith('/fieldkit.db');
        } catch {
          return false;
        }
      }).length;
      await streamTcp(port, 20_000, 'cli');
      await until(() => dbFds() >= 2, 'a second connection to fieldkit.db', 20_000);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ received: 20_000, stored: 20_000, dropped: 0, malformed: 0 });
      expect(stderr).not.toMatch(/log writer|error/);
      const { db } = openDatabase(tmp.dir);
      try {
        expect((db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n).toBe(20_000);
      } finally {
        db.close();
      }
    } finally {
      tmp.remove();
    }
  });

  it('works from a CommonJS bundle like Electron main (esbuild, better-sqlite3 external)', async () => {
    const tmp = tempDir('fk-logs-thread-cjs-');
    try {
      const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../../src/${p}`, import.meta.url)));
      writeFileSync(`${tmp.dir}/entry.ts`, `
import { connect } from 'node:net';
import { openDatabase } from ${src('db/open')};
import { LogCapture } from ${src('logs/capture')};
import { nodeLogPorts } from ${src('platform/node/log-sockets')};
void (async () => {
  const { db } = openDatabase(process.argv[2]!);
  const errors: string[] = [];
  const capture = new LogCapture({ db, ports: nodeLogPorts(), onError: (m) => errors.push(m) });
  const [l] = await capture.start({ tcpPort: 0, bind: '127.0.0.1' });
  const c = connect(l!.port, '127.0.0.1');
  await new Promise((r) => c.once('connect', r));
  for (let i = 0; i < 1000; i++) c.write('<134>1 2026-03-01T10:00:00Z cam app - - - cjs ' + i + '\\n');
  await new Promise((r) => { c.once('close', r); c.end(); });
  await capture.flush();
  const thread = capture.writerThread;
  const out = { threadId: thread?.thread?.threadId ?? 0, onMainThread: thread?.onMainThread, stored: capture.status().counts.stored, errors };
  await capture.close();
  db.close();
  process.stdout.write(JSON.stringify(out));
})();
`);
      const { build } = await import('esbuild');
      await build({
        entryPoints: [`${tmp.dir}/entry.ts`], outfile: `${tmp.dir}/main.cjs`, bundle: true, platform: 'node', format: 'cjs',
        target: 'node20', external: ['better-sqlite3', 'serialport', '@serialport/*'], logLevel: 'silent',
      });
      const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
      const out = execFileSync(process.execPath, [`${tmp.dir}/main.cjs`, tmp.dir], { env: { ...process.env, NODE_PATH: nodeModules }, encoding: 'utf8' });
      const r = JSON.parse(out) as { threadId: number; onMainThread: boolean; stored: number; errors: string[] };
      expect(r).toMatchObject({ onMainThread: false, stored: 1000, errors: [] });
      expect(r.threadId).toBeGreaterThan(0);
    } finally {
      tmp.remove();
    }
  });
});
