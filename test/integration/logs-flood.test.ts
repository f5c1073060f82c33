// Floods over loopback with a deliberately small write queue: UDP drops are counted exactly, TCP
// loses nothing (the socket is paused instead), and the database agrees with the counters.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { captureOnTempDb, until } from './logs-support';

const dbCount = (db: { prepare(s: string): { get(): unknown } }) => (db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;

/** Sends datagrams in bursts small enough for the socket buffer, waiting until each burst was read. */
async function udpBursts(port: number, total: number, burst: number, received: () => number): Promise<void> {
  const s = createSocket('udp4');
  const start = received();
  for (let i = 0; i < total; i += burst) {
    const n = Math.min(burst, total - i);
    for (let j = 0; j < n; j++) s.send(`<134>1 2026-03-01T10:00:00Z cam app - - - flood ${i + j}`, port, '127.0.0.1');
    await until(() => received() - start >= i + n, `burst ${i}`);
  }
  s.close();
}

describe('ingest under overload', () => {
  it('UDP: a full queue drops and counts; received = stored + dropped exactly', async () => {
    // No flush until asked: the queue fills at 50 and everything after that is dropped.
    const t = captureOnTempDb({ writer: { capacity: 50, batchSize: 1_000_000, intervalMs: 600_000 } });
    try {
      const [l] = await t.capture.start({ udpPort: 0, bind: '127.0.0.1' });
      await udpBursts(l!.port, 300, 25, () => t.capture.status().counts.received);
      expect(t.capture.status().counts).toMatchObject({ received: 300, stored: 0, dropped: 250, queued: 50 });
      await t.capture.stop();
      expect(t.capture.status().counts).toMatchObject({ received: 300, stored: 50, dropped: 250, queued: 0 });
      expect(dbCount(t.db)).toBe(50);
      // The first 50 were kept, in order.
      const msgs = t.capture.store.search({}, { limit: 1000, offset: 0, order: 'oldest' }).entries.map((e) => e.message);
      expect(msgs).toEqual(Array.from({ length: 50 }, (_, i) => `flood ${i}`));
    } finally {
      await t.close();
    }
  });

  it('UDP: a flood through a working writer keeps the books exact', async () => {
    const t = captureOnTempDb({ writer: { capacity: 1000, batchSize: 200, intervalMs: 10 } });
    try {
      const [l] = await t.capture.start({ udpPort: 0, bind: '127.0.0.1' });
      await udpBursts(l!.port, 20_000, 200, () => t.capture.status().counts.received);
      await t.capture.stop();
      const c = t.capture.status().counts;
      expect(c.received).toBe(20_000);
      expect(c.stored + c.dropped).toBe(20_000);
      expect(c.queued).toBe(0);
      expect(dbCount(t.db)).toBe(c.stored);
    } finally {
      await t.close();
    }
  });

  it.skipIf(process.platform !== 'linux')('UDP: what the kernel drops while FieldKit is not reading is counted, not silent', async () => {
    const t = captureOnTempDb();
    const N = 40_000;
    try {
      const [l] = await t.capture.start({ udpPort: 0, bind: '127.0.0.1' });
      // Another process floods while this thread is held busy: the socket buffer overflows.
      const sender = new Promise<string>((resolve, reject) => execFile(process.execPath, ['-e', `
        const s = require('node:dgram').createSocket('udp4');
        let ok = 0, done = 0;
        for (let i = 0; i < ${N}; i++) s.send('<134>1 2026-03-01T10:00:00Z cam app - - - burst ' + i, ${l!.port}, '127.0.0.1', (e) => {
          if (!e) ok++;
          if (++done === ${N}) { process.stdout.write(String(ok)); s.close(); }
        });`], (err, out) => (err ? reject(err) : resolve(out))));
      const until0 = Date.now() + 3000;
      while (Date.now() < until0); // the thread that reads the socket is busy
      const sent = Number(await sender);
      // Settled: nothing new for half a second.
      let last = -1;
      let lastAt = Date.now();
      await until(() => {
        const n = t.capture.status().counts.received;
        if (n !== last) [last, lastAt] = [n, Date.now()];
        return n >= sent || Date.now() - lastAt > 500;
      }, 'the flood to settle', 30_000);
      await t.capture.stop();
      const c = t.capture.status().counts;
      expect(t.capture.kernelDropped).toBeGreaterThan(1000);
      // Every datagram is read or counted as dropped by the socket. (A loopback flood could also
      // overflow the machine-wide input backlog, which no socket counts: hence not exactly `sent`.)
      expect(c.received).toBeLessThanOrEqual(sent);
      expect(c.received).toBeGreaterThan(sent * 0.98);
      expect(c.stored + c.dropped).toBe(c.received);
      expect(dbCount(t.db)).toBe(c.stored);
    } finally {
      await t.close();
    }
  });

  it('TCP: back-pressure pauses the socket and every message is stored exactly once', async () => {
    const t = captureOnTempDb({ writer: { capacity: 100, batchSize: 50, intervalMs: 5 } });
    const N = 30_000;
    try {
      const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
      const c = connect(l!.port, '127.0.0.1');
      await new Promise<void>((r) => c.once('connect', r));
      for (let i = 0; i < N; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) {
          const msg = `<134>1 2026-03-01T10:00:00Z cam app - - - tcp flood ${j}`;
          chunk += `${Buffer.byteLength(msg)} ${msg}`;
        }
        if (!c.write(chunk)) await new Promise((r) => c.once('drain', r));
      }
      await new Promise<void>((r) => c.end(r));
      await until(() => t.capture.status().counts.received >= N, 'all TCP messages', 60_000);
      await t.capture.stop();
      const counts = t.capture.status().counts;
      expect(counts).toMatchObject({ received: N, stored: N, dropped: 0, malformed: 0, queued: 0 });
      expect(counts.paused).toBeGreaterThan(0);
      expect((t.db.prepare('SELECT count(DISTINCT message) AS n FROM log_entries').get() as { n: number }).n).toBe(N);
    } finally {
      await t.close();
    }
  });
});
