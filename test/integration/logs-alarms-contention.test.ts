// The log writer thread and the main connection contend for SQLite's write lock. A DEFERRED
// transaction that reads first and then writes (the alarm ingest: live log-rule alarms and file
// imports) fails at once with SQLITE_BUSY when it tries to become a writer after the other
// connection has committed (busy_timeout is not consulted for that upgrade): the live path used to
// crash the process from the writer's acknowledgement handler, and imports were refused. Write
// transactions on the main connection are IMMEDIATE now (they wait on busy_timeout), and a failed
// live alarm write is logged instead of thrown into the emitter.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/hosts/core';
import { nodePorts } from '../../src/platform/node';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-contention-');
afterAll(() => tmp.remove());

const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../../src/${p}`, import.meta.url)));

/** Writes `lines` syslog lines over one TCP connection to 127.0.0.1:port (LF framing). */
async function tcpFlood(port: number, lines: (i: number) => string, count: number): Promise<void> {
  const sock = connect(port, '127.0.0.1');
  sock.on('error', () => {}); // the core closing the connection at the end is not the test's concern
  await new Promise((r) => sock.once('connect', r));
  for (let i = 0; i < count; i += 1000) {
    let chunk = '';
    for (let k = i; k < Math.min(count, i + 1000); k++) chunk += lines(k);
    if (!sock.write(chunk)) await new Promise((r) => sock.once('drain', r));
  }
  await new Promise<void>((r) => sock.end(r));
}

// Runs a core in a child process so an uncaught exception is seen as what it is: the process dying.
const child = `
import { connect } from 'node:net';
const { createCore } = await import(${src('hosts/core.ts')});
const { nodePorts } = await import(${src('platform/node/index.ts')});
process.on('uncaughtException', (e) => { process.stdout.write('UNCAUGHT ' + e.code + ' ' + e.message + '\\n'); process.exit(3); });
const core = createCore({ host: 'cli', dataDir: process.argv[1], ports: nodePorts() });
await core.ready;
const [tcp] = await core.server.invoke('logs.start', [{ tcpPort: 0, bind: '127.0.0.1' }]);
const N = 60000;
const sock = connect(tcp.port, '127.0.0.1');
sock.on('error', () => {});
await new Promise((r) => sock.once('connect', r));
for (let i = 0; i < N; i += 1000) {
  let chunk = '';
  // Every 20th line matches the default "reboot" rule and so becomes a live alarm.
  for (let k = i; k < i + 1000; k++) chunk += '<14>Jan  1 00:00:00 cam' + (k % 20) + ' app: ' + (k % 20 === 0 ? 'reboot now' : 'hello') + ' ' + k + ' ' + 'x'.repeat(100) + '\\n';
  if (!sock.write(chunk)) await new Promise((r) => sock.once('drain', r));
}
await new Promise((r) => sock.end(r));
const t0 = Date.now();
for (;;) {
  const st = await core.server.invoke('logs.status', []);
  if (st.counts.stored >= N || Date.now() - t0 > 30000) break;
  await new Promise((r) => setTimeout(r, 100));
}
const st = await core.server.invoke('logs.status', []);
const al = await core.server.invoke('alarms.list', [{ state: 'all' }]);
await core.close();
process.stdout.write('DONE ' + st.counts.stored + ' ' + al.total + '\\n');
`;

describe('log capture vs the alarm store on one database file', () => {
  it('a syslog flood whose lines match an alarm rule does not crash the process (SQLITE_BUSY from the live alarm ingest)', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => proc.on('exit', (c) => r(c)));
    // Before the fix: "UNCAUGHT SQLITE_BUSY database is locked", thrown from IngestRun via
    // alarms.ingestLive <- core emit('logs.alarmRecord') <- LogCapture.committed <- the writer
    // thread's 'message' handler. Every rule match must also have become an alarm (1 line in 20).
    expect(out, err).not.toMatch(/UNCAUGHT/);
    expect(code).toBe(0);
    expect(out).toMatch(/^DONE 60000 3000$/m);
  }, 120_000);

  it('an alarm import while logs are being captured is not refused with "database is locked"', async () => {
    const dir = tempDir('fk-contention-import-');
    const core = createCore({ host: 'cli', dataDir: dir.dir, ports: nodePorts() });
    try {
      await core.ready;
      const [tcp] = (await core.server.invoke('logs.start', [{ tcpPort: 0, bind: '127.0.0.1' }])) as { port: number }[];
      const flood = tcpFlood(tcp!.port, (i) => `<14>Jan  1 00:00:00 h app: hello ${i} ${'x'.repeat(100)}\n`, 100_000);
      const failures: string[] = [];
      for (let k = 0; k < 10; k++) {
        const file = Array.from({ length: 2000 }, (_, i) =>
          JSON.stringify({ device: `cam-${i % 20}`, op_id: k * 2000 + i + 1, kind: 'event', type: 'motion', severity: 'warning', action: 'event', time: '2024-01-10T08:00:00Z', message: `m${i}` }),
        ).join('\n');
        try {
          await core.server.invoke('alarms.importText', [`f${k}.jsonl`, file, {}]);
        } catch (e) {
          failures.push((e as Error).message);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await flood;
      // Before the fix most failed: "f3.jsonl: import failed and changed nothing: database is locked".
      expect(failures).toEqual([]);
    } finally {
      await core.close();
      dir.remove();
    }
  }, 120_000);
});
