// bin/fieldkit logs listen --serial over a real pty pair (socat), then logs search in the same data
// dir: the "camera" writes console lines in awkward pieces, the CLI captures them until SIGINT.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, openSerialEnd, requirePtyOrSkip, writeDrained, type PtyPair } from '../lab/pty';
import { FIELDKIT_BIN, runCli } from '../support/cli';
import { tempDir } from '../support/tmp';

const LABEL = 'cam-uart-7';

const write = writeDrained;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Messages the CLI has committed for LABEL, read from its database file (read-only, WAL), so the
 * test signals the CLI only after it has the lines and the summary does not race the pty.
 */
function storedMessages(dataDir: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(join(dataDir, 'fieldkit.db'), { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT message FROM log_entries WHERE source = ? ORDER BY id').all(LABEL) as { message: string }[]).map((r) => r.message);
  } catch {
    return []; // not created or not migrated yet
  } finally {
    db?.close();
  }
}

async function until<T>(read: () => T, ok: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = read();
    if (ok(v)) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await pause(50);
  }
}

describe.skipIf(requirePtyOrSkip())('fieldkit logs listen --serial (pty pair)', () => {
  let pair: PtyPair;
  let camera: SerialPort;
  const tmp = tempDir('fk-cli-serial-');
  const dataDir = join(tmp.dir, 'data');

  beforeAll(async () => {
    pair = await createPtyPair();
    camera = await openSerialEnd(pair.a);
  });
  afterAll(async () => {
    if (camera?.isOpen) await new Promise<void>((r) => camera.close(() => r()));
    await pair?.close();
    tmp.remove();
  });

  const EXPECTED = ['U-Boot 2016.01 (Mar 01 2026)', 'Starting kernel ...', 'eth0: link up, 100Mbps full duplex', 'sd 0:0:0:0: [sda] I/O error', 'IPC login: '];

  it('captures CRLF and LF lines, one split across writes, until SIGINT and prints the --json summary', async () => {
    const child = spawn(FIELDKIT_BIN, ['--data-dir', dataDir, '--json', 'logs', 'listen', '--serial', pair.b, '--baud', '115200', '--name', LABEL], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    try {
      await until(() => stderr, (s) => /press Ctrl\+C/.test(s) || child.exitCode !== null, 'listen to start', 60_000);
      expect(stderr).toContain(`fieldkit: capturing serial ${pair.b} at 115200 baud as "${LABEL}"`);
      expect(stderr).not.toMatch(/listening on/); // --serial alone opens no syslog port

      await write(camera, 'U-Boot 2016.01 (Mar 01 2026)\r\n');
      await write(camera, 'Starting kernel ...\n');
      await write(camera, 'eth0: link up, 10');
      await pause(100);
      await write(camera, Buffer.from('0Mbps full duplex\r\nsd 0:0:0:0: [sda] I/O error\n', 'utf8'));
      // A login prompt has no line ending: it is stored after a second of silence.
      await write(camera, 'IPC login: ');
      const stored = await until(() => storedMessages(dataDir), (m) => m.length >= EXPECTED.length, 'the lines to be stored');
      expect(stored).toEqual(EXPECTED);
      expect(stdout).toBe(''); // --json: no live lines, only the summary at the end

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ received: 5, stored: 5, dropped: 0, malformed: 0 });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('logs search --json in the same data dir finds the lines, with the label as source', async () => {
    const r = await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '--source', LABEL]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { total: number; entries: { source: string; message: string }[] };
    expect(doc.total).toBe(5);
    expect(doc.entries.map((e) => e.source)).toEqual(Array(5).fill(LABEL));
    // Newest first by default.
    expect(doc.entries.map((e) => e.message)).toEqual([...EXPECTED].reverse());
    const text = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', 'duplex'])).stdout);
    expect(text).toMatchObject({ total: 1, entries: [{ source: LABEL, message: 'eth0: link up, 100Mbps full duplex' }] });
    const other = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '--source', 'someone-else'])).stdout);
    expect(other).toEqual({ total: 0, entries: [] });
  });

  it('a serial path that does not exist fails with exit 1 and one line', async () => {
    const r = await runCli(['--data-dir', dataDir, 'logs', 'listen', '--serial', join(tmp.dir, 'no-such-tty'), '--name', LABEL]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^fieldkit: Cannot open serial port .*no-such-tty/);
  });
});
