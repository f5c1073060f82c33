// bin/fieldkit logs listen / search / export, end to end with util-linux logger as the sender.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELDKIT_BIN, runCli } from '../support/cli';
import { tempDir } from '../support/tmp';
import { logger } from './logs-support';

const tmp = tempDir('fk-logs-cli-');
afterAll(() => tmp.remove());
const dataDir = `${tmp.dir}/data`;

/** Starts `logs listen`, resolving once it printed its bound ports. */
function startListen(args: string[]) {
  const child = spawn(FIELDKIT_BIN, ['--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  const ports = new Promise<Record<string, number>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listen did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/press Ctrl\+C/.test(stderr)) {
        clearTimeout(timer);
        const found: Record<string, number> = {};
        for (const m of stderr.matchAll(/listening on (udp|tcp) [\d.]+:(\d+)/g)) found[m[1]!] = Number(m[2]);
        resolve(found);
      }
    });
    void exited.then((c) => reject(new Error(`listen exited early (${c}): ${stderr}`)));
  });
  return { child, ports, exited, out: () => stdout, err: () => stderr };
}

describe('fieldkit logs', () => {
  it('listen captures UDP and TCP until SIGTERM and prints the --json summary', async () => {
    const l = startListen(['--json', 'logs', 'listen', '--udp', '0', '--tcp', '0', '--bind', '127.0.0.1']);
    const ports = await l.ports;
    await logger(ports.udp!, ['-d', '--rfc5424', '-t', 'cam', '-p', 'local0.err', 'eth0: Link is Down']);
    await logger(ports.udp!, ['-d', '--rfc3164', '-t', 'cam', '-p', 'local0.info', '通道1 移动侦测']);
    await logger(ports.tcp!, ['-T', '--octet-count', '--rfc5424', '-t', 'nvr', '-p', 'daemon.warning'], '=cmd|/C calc\n');
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.send('just text, no header', ports.udp!, '127.0.0.1', () => r()));
    s.close();
    await new Promise((r) => setTimeout(r, 300));
    l.child.kill('SIGTERM');
    expect(await l.exited).toBe(0);
    expect(JSON.parse(l.out())).toEqual({ received: 4, stored: 4, dropped: 0, malformed: 1 });
  });

  it('search --json prints the documented shape, filtered', async () => {
    const all = await runCli(['--data-dir', dataDir, '--json', 'logs', 'search']);
    expect(all.code).toBe(0);
    const doc = JSON.parse(all.stdout) as { total: number; entries: Record<string, unknown>[] };
    expect(doc.total).toBe(4);
    expect(Object.keys(doc.entries[0]!)).toEqual(['id', 'receivedAt', 'time', 'source', 'host', 'app', 'procid', 'msgid', 'facility', 'severity', 'structured', 'message']);
    const errs = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '--severity', 'warning', '--since', '1h'])).stdout);
    expect(errs.entries.map((e: { message: string; severity: string }) => [e.severity, e.message])).toEqual([
      ['warning', '=cmd|/C calc'], ['err', 'eth0: Link is Down'],
    ]);
    const zh = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '侦测', '--limit', '1'])).stdout);
    expect(zh).toMatchObject({ total: 1, entries: [{ message: '通道1 移动侦测', app: 'cam', facility: 'local0' }] });
    const none = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '--host', 'nobody'])).stdout);
    expect(none).toEqual({ total: 0, entries: [] });
    // Everything arrived just now: nothing until an hour ago, all four until an hour from now.
    const before = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '--until', new Date(Date.now() - 3_600_000).toISOString()])).stdout);
    expect(before.total).toBe(0);
    const upToNow = JSON.parse((await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', '--since', '1h', '--until', new Date(Date.now() + 3_600_000).toISOString()])).stdout);
    expect(upToNow.total).toBe(4);
  });

  it('export writes CSV (formula neutralised), JSONL and text', async () => {
    const csvFile = `${tmp.dir}/out.csv`;
    const r = await runCli(['--data-dir', dataDir, '--json', 'logs', 'export', '--format', 'csv', '--out', csvFile]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ format: 'csv', count: 4, out: csvFile });
    const csv = readFileSync(csvFile, 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^id,receivedAt,/);
    expect(csv.join('\n')).toContain(",'=cmd|/C calc,");
    const jsonl = await runCli(['--data-dir', dataDir, 'logs', 'export', '--format', 'jsonl', '--host', 'nobody']);
    expect([jsonl.code, jsonl.stdout]).toEqual([0, '']);
    const j = await runCli(['--data-dir', dataDir, 'logs', 'export', '--format', 'jsonl']);
    expect(j.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual([1, 2, 3, 4]);
    const txt = await runCli(['--data-dir', dataDir, 'logs', 'export', '--format', 'txt', 'link']);
    expect(txt.stdout).toMatch(/^\S+Z 127\.0\.0\.1:\d+ <local0\.err> \S+ cam: eth0: Link is Down\n$/);
  });

  it('usage mistakes exit 2 and OS failures exit 1, each with one line', async () => {
    for (const args of [['logs', 'search', '--severity', 'loud'], ['logs', 'listen', '--udp', 'abc'], ['logs', 'export', '--format', 'xml'],
      ['logs', 'search', '--since', 'yesterday'], ['--json', 'logs', 'export', '--format', 'csv'], ['logs', 'search', '--limit', '0']]) {
      const r = await runCli(['--data-dir', dataDir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^fieldkit: /);
    }
    const busy = createSocket('udp4');
    await new Promise<void>((r) => busy.bind(0, '127.0.0.1', () => r()));
    try {
      const r = await runCli(['--data-dir', dataDir, 'logs', 'listen', '--udp', String(busy.address().port), '--bind', '127.0.0.1']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^fieldkit: UDP port \d+ on 127\.0\.0\.1 is already in use/);
    } finally {
      busy.close();
    }
  });

  it('--help documents listen', async () => {
    const r = await runCli(['logs', 'listen', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--serial <path>/);
    expect(r.stdout).toMatch(/"received","stored","dropped","malformed"/);
  });

  it('listen stops like Ctrl+C when its reader goes away (`| head`): nothing lost, summary on stderr, exit 0', async () => {
    const l = startListen(['logs', 'listen', '--udp', '0', '--bind', '127.0.0.1']);
    const ports = await l.ports;
    const sock = createSocket('udp4');
    const send = (m: string) => new Promise<void>((r) => sock.send(`<14>Jan  1 00:00:00 cam app: ${m}`, ports.udp!, '127.0.0.1', () => r()));
    await send('pipe-check first');
    await expect.poll(() => l.out(), { timeout: 10_000 }).toContain('pipe-check first');
    // The reader exits (as `head -1` does); the next live-tail write gets EPIPE.
    l.child.stdout.destroy();
    for (let i = 0; i < 5; i++) await send(`pipe-check ${i}`);
    expect(await l.exited).toBe(0);
    sock.close();
    const m = /fieldkit: output closed; received (\d+), stored (\d+), dropped 0, malformed 0/.exec(l.err());
    expect(m, l.err()).not.toBeNull();
    expect(m![2]).toBe(m![1]);
    expect(l.err()).not.toMatch(/EPIPE|Unhandled/);
    const r = await runCli(['--data-dir', dataDir, '--json', 'logs', 'search', 'pipe-check']);
    expect((JSON.parse(r.stdout) as { total: number }).total).toBe(Number(m![2]));
  });

  it('a one-shot command whose reader is gone ends quietly with exit 0 (no EPIPE stack)', async () => {
    // The entries the tests above stored give the export something to write.
    const stored = await runCli(['--data-dir', dataDir, '--json', 'logs', 'search']);
    expect((JSON.parse(stored.stdout) as { total: number }).total).toBeGreaterThan(0);
    const child = spawn(FIELDKIT_BIN, ['--data-dir', dataDir, 'logs', 'export', '--format', 'txt'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader leaves before the first byte (as `| head -c0` would).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
