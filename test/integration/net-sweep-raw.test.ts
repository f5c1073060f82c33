import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arpSweep, type SweepResult } from '../../src/net/sweep';
import type { CommandRunner } from '../../src/platform/netconfig';
import { loadArpRaw } from '../../src/platform/node/arp-raw';
import { linuxNetConfig } from '../../src/platform/node/netconfig-linux';
import { runCommand } from '../../src/platform/node/run-command';
import { createLab, requireLabOrSkip, requireOrSkip, requireToolsOrSkip, type Lab, type LabDevice } from '../lab';

const addon = loadArpRaw();
const skip =
  requireLabOrSkip() ||
  requireToolsOrSkip('arping', 'setpriv') ||
  requireOrSkip(addon.module ? { ok: true } : { ok: false, reason: addon.error ?? 'not built' }, 'native ARP addon (@fieldkit/arp-raw)');
const CHILD = fileURLToPath(new URL('./arp-sweep-child.ts', import.meta.url));

interface ChildOut {
  opened: boolean;
  closed: boolean;
  result?: SweepResult;
  lastProgress?: number;
  error?: { code: string; message: string };
}

const A = '02:00:00:00:0c:01';
const B = '02:00:00:00:0c:02';
const C = '02:00:00:00:0c:03';
const OFF = '02:00:00:00:0c:04';

describe.skipIf(skip)('ARP sweep in the namespace lab: raw socket, and the arping fallback', () => {
  let lab: Lab;
  let c: LabDevice;
  let off: LabDevice;

  /** Runs one sweep in a child process inside the laptop namespace (a raw socket belongs to its opener's namespace). */
  async function sweepInLab(args: { cidr: string; mode: 'raw' | 'arping'; abortAfterMs?: number }, user?: 'nobody'): Promise<ChildOut> {
    const node = [process.execPath, '--import', 'tsx', CHILD, JSON.stringify({ iface: 'br0', ...args })];
    // As nobody: no CAP_NET_RAW for our socket, while arping keeps its file capability.
    const cmd = user ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', 'env', 'HOME=/tmp', ...node] : node;
    const r = await lab.exec(lab.tech, cmd[0]!, cmd.slice(1), { timeoutMs: 60_000 });
    return JSON.parse(r.stdout) as ChildOut;
  }
  const neighbours = async (ns: string) => (await lab.exec(ns, 'ip', ['-4', 'neigh', 'show', 'dev', 'eth0'])).stdout;

  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
    // Two devices sharing one address (the conflict), one alone, one in a foreign subnet on the same segment.
    await lab.addDevice({ name: 'a', cidr: '198.51.100.10/24', mac: A });
    await lab.addDevice({ name: 'b', cidr: '198.51.100.10/24', mac: B });
    c = await lab.addDevice({ name: 'c', cidr: '198.51.100.20/24', mac: C });
    off = await lab.addDevice({ name: 'off', cidr: '192.168.1.64/24', mac: OFF });
  });
  afterAll(async () => lab?.cleanup());

  const expectLabHosts = (r: SweepResult | undefined) => {
    expect(r?.hosts.map((h) => ({ ip: h.ip, macs: [...h.macs].sort() }))).toEqual([
      { ip: '198.51.100.10', macs: [A, B] },
      { ip: '198.51.100.20', macs: [C] },
    ]);
    expect(r?.conflicts.map((h) => ({ ip: h.ip, macs: [...h.macs].sort() }))).toEqual([{ ip: '198.51.100.10', macs: [A, B] }]);
  };

  it('sweeps a /24 from the raw socket: every host, both MACs of the shared address, full progress', async () => {
    const out = await sweepInLab({ cidr: '198.51.100.0/24', mode: 'raw' });
    expect(out.error).toBeUndefined();
    expect(out).toMatchObject({ opened: true, closed: true, lastProgress: 254 });
    expectLabHosts(out.result);
    // An ordinary request from the laptop's own address in that subnet: the device learnt the laptop.
    expect(await neighbours(c.ns)).toMatch(/^198\.51\.100\.1 lladdr [0-9a-f:]{17}/m);
  });

  it('finds a device in a foreign subnet with RFC 5227 probes, which leave nothing in its ARP cache', async () => {
    const out = await sweepInLab({ cidr: '192.168.1.0/24', mode: 'raw' });
    expect(out).toMatchObject({ opened: true, closed: true });
    expect(out.result?.hosts).toEqual([{ ip: '192.168.1.64', macs: [OFF] }]);
    expect(await neighbours(off.ns)).not.toContain('198.51.100.1');
  });

  it('stops when cancelled and closes the socket', async () => {
    const out = await sweepInLab({ cidr: '198.51.100.0/24', mode: 'raw', abortAfterMs: 100 });
    expect(out).toMatchObject({ opened: true, closed: true, error: { code: 'cancelled' } });
  });

  it('falls back to arping when the socket cannot open (no CAP_NET_RAW), with the same hosts and conflict', async () => {
    const out = await sweepInLab({ cidr: '198.51.100.0/24', mode: 'raw' }, 'nobody');
    expect(out.error).toBeUndefined();
    expect(out.opened).toBe(false);
    expectLabHosts(out.result);
  });

  it('releases its socket however it ends: closed twice, collected unclosed, in a worker that is terminated', async () => {
    const addonDir = fileURLToPath(new URL('../../native/arp-raw', import.meta.url));
    const node = async (code: string) => (await lab.exec(lab.tech, process.execPath, ['--expose-gc', '-e', `const m = require(${JSON.stringify(addonDir)});\n${code}`], { timeoutMs: 20_000 })).stdout.trim();
    expect(await node(`const s = m.open('br0', () => {}); s.close(); s.close(); try { s.send(1, 0) } catch (e) { console.log(e.code) }`)).toBe('ERR_SOCKET_CLOSED');
    const fds = "require('node:fs').readdirSync('/proc/self/fd').length";
    const leak = await node(`const before = ${fds}; for (let i = 0; i < 100; i++) m.open('br0', () => {}); const open = ${fds}; global.gc(); setTimeout(() => { global.gc(); console.log(open - before, ${fds} - before); process.exit(0); }, 200);`);
    expect(leak).toBe('100 0');
    const worker = `const { Worker } = require('node:worker_threads');
      const w = new Worker(\`const m = require(\${JSON.stringify(${JSON.stringify(addonDir)})}); globalThis.s = m.open('br0', () => {}); require('node:worker_threads').parentPort.postMessage('open');\`, { eval: true });
      w.on('message', () => w.terminate().then((code) => console.log('terminated', code)));`;
    expect(await node(worker)).toBe('terminated 1');
  });

  it('sweeps with arping per address when raw ARP is turned off', async () => {
    // In this process: every arping goes into the laptop namespace.
    const run: CommandRunner = (cmd, args, opts) => runCommand('ip', ['netns', 'exec', lab.tech, cmd, ...args], opts);
    const r = await arpSweep(linuxNetConfig({ run, rawArp: false }), 'br0', '198.51.100.0/24');
    expectLabHosts(r);
  });
});
