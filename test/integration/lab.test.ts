import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, listNamespaces, requireLabOrSkip, sweepStaleLabs, withLab } from '../lab/netns';
import type { Lab, LabDevice } from '../lab/netns';
import { createPtyPair, requirePtyOrSkip, sweepStalePtys } from '../lab/pty';
import { requireToolsOrSkip } from '../lab/tools';

const skipLab = requireLabOrSkip();
const skipPing = skipLab || requireToolsOrSkip('ping');
const skipArping = skipLab || requireToolsOrSkip('arping');
const skipPty = requirePtyOrSkip();

const SSDP_GROUP = '239.255.255.250';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('../lab/fixtures/lab-child.ts', import.meta.url));

/** Resolves with the first stdout line of `child` matching `match`, rejecting on exit or timeout. */
function waitForLine(child: ChildProcess, match: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    let err = '';
    const timer = setTimeout(() => finish(new Error(`no matching line within ${timeoutMs} ms; stdout=${buf} stderr=${err}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      buf += chunk.toString('utf8');
      const line = buf.split('\n').find((l) => l.trim() && match(l.trim()));
      if (line !== undefined) finish(undefined, line.trim());
    };
    const onErr = (chunk: Buffer): void => {
      err += chunk.toString('utf8');
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(new Error(`process exited (${code ?? signal}) before a matching line; stdout=${buf} stderr=${err}`));
    function finish(error?: Error, line?: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(line as string);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.once('exit', onExit);
  });
}

/** True while a PID names a live, non-zombie process (containers may not reap orphans promptly). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** Runs test/lab/fixtures/lab-child.ts and resolves with the JSON line it prints about what it made. */
async function startChild<T>(mode: 'throw' | 'wait', kind: 'lab' | 'pty'): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, mode, kind], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await waitForLine(child, (l) => l.startsWith('{'), 30_000);
  return { child, info: JSON.parse(line) as T };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Kills a fixture child the way a crashing test run would end. */
async function endChild(child: ChildProcess, how: 'throw' | 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (how !== 'throw') child.kill(how);
  const { code, signal } = await exited(child);
  if (how === 'throw') expect(code).toBe(1);
  else expect(signal).toBe(how);
}

/** Node script: TCP server on PORT answering "pong <own ip>" to every connection. */
const tcpServer = (ip: string, port: number): string => `
  const net = require('node:net');
  net.createServer((s) => s.end('pong ${ip}\\n')).listen(${port}, '${ip}', () => console.log('ready'));
`;
/** Node script: connects to HOST:PORT and prints what it receives. */
const tcpClient = (host: string, port: number): string => `
  const net = require('node:net');
  const s = net.connect(${port}, '${host}');
  let out = '';
  s.setTimeout(3000, () => { console.error('timeout'); process.exit(2); });
  s.on('data', (d) => { out += d; });
  s.on('end', () => { process.stdout.write(out); });
  s.on('error', (e) => { console.error(e.message); process.exit(1); });
`;

describe.skipIf(skipLab)('network lab', () => {
  let lab: Lab;
  let camA: LabDevice;
  let camB: LabDevice;

  beforeAll(async () => {
    lab = await createLab();
    camA = await lab.addDevice({ name: 'camA', cidr: '198.51.100.10/24' });
    camB = await lab.addDevice({ name: 'camB', cidr: '198.51.100.11/24', mac: '02:AA:00:00:00:0B' });
  });
  afterAll(async () => {
    await lab?.cleanup();
  });

  it('creates the tech and device namespaces with the requested addresses and MACs', async () => {
    const names = listNamespaces();
    expect(names).toEqual(expect.arrayContaining([lab.tech, camA.ns, camB.ns]));
    expect(lab.tech).toMatch(new RegExp(`^fk-${process.pid}-\\d+-tech$`));
    expect(camB.mac).toBe('02:aa:00:00:00:0b');
    const { stdout } = await lab.exec(camB.ns, 'ip', ['-o', 'addr', 'show', 'dev', 'eth0']);
    expect(stdout).toContain('inet 198.51.100.11/24');
    const link = await lab.exec(camB.ns, 'ip', ['-o', 'link', 'show', 'dev', 'eth0']);
    expect(link.stdout).toContain('link/ether 02:aa:00:00:00:0b');
    const bridge = await lab.exec(lab.tech, 'ip', ['-d', 'link', 'show', 'dev', 'br0']);
    expect(bridge.stdout).toContain('mcast_snooping 0');
    const routes = await lab.exec(camA.ns, 'ip', ['route', 'show']);
    expect(routes.stdout).toContain('224.0.0.0/4 dev eth0');
  });

  it.skipIf(skipPing)('devices ping each other and the laptop', async () => {
    await lab.exec(camA.ns, 'ping', ['-c', '1', '-W', '2', camB.ip]);
    await lab.exec(camB.ns, 'ping', ['-c', '1', '-W', '2', camA.ip]);
    await lab.exec(camA.ns, 'ping', ['-c', '1', '-W', '2', lab.laptopIp]);
    await lab.exec(lab.tech, 'ping', ['-c', '1', '-W', '2', camB.ip]);
    // Negative control: an address nobody in the lab owns must not answer.
    const miss = await lab.exec(lab.tech, 'ping', ['-c', '1', '-W', '1', '198.51.100.99'], { reject: false });
    expect(miss.code).not.toBe(0);
  });

  it('devices and the laptop reach each other over TCP', async () => {
    const server = lab.spawn(camA.ns, process.execPath, ['-e', tcpServer(camA.ip, 8080)]);
    await waitForLine(server, (l) => l === 'ready');
    const fromCam = await lab.exec(camB.ns, process.execPath, ['-e', tcpClient(camA.ip, 8080)]);
    expect(fromCam.stdout.trim()).toBe(`pong ${camA.ip}`);
    const fromLaptop = await lab.exec(lab.tech, process.execPath, ['-e', tcpClient(camA.ip, 8080)]);
    expect(fromLaptop.stdout.trim()).toBe(`pong ${camA.ip}`);
    server.kill();
  });

  it('a multicast datagram sent by a device arrives in the tech namespace', async () => {
    const port = 1900;
    const receiver = lab.spawn(lab.tech, process.execPath, [
      '-e',
      `const s = require('node:dgram').createSocket({ type: 'udp4', reuseAddr: true });
       s.on('message', (m, r) => { console.log(JSON.stringify({ text: m.toString(), from: r.address })); s.close(); });
       s.bind(${port}, () => { s.addMembership('${SSDP_GROUP}', '${lab.laptopIp}'); console.log('ready'); });`,
    ]);
    await waitForLine(receiver, (l) => l === 'ready');
    // Repeat until received: the first datagram may race the receiver's group join.
    const sender = lab.spawn(camB.ns, process.execPath, [
      '-e',
      `const s = require('node:dgram').createSocket('udp4');
       s.bind(() => {
         s.setMulticastInterface('${camB.ip}');
         const send = () => s.send('M-SEARCH from ${camB.ns}', ${port}, '${SSDP_GROUP}');
         send(); setInterval(send, 100);
       });`,
    ]);
    const line = await waitForLine(receiver, (l) => l.startsWith('{'));
    expect(JSON.parse(line)).toEqual({ text: `M-SEARCH from ${camB.ns}`, from: camB.ip });
    sender.kill();
  });

  it.skipIf(skipArping)('a duplicate IP shows two MACs in arping from the laptop', async () => {
    const dup1 = await lab.addDevice({ name: 'dup1', cidr: '198.51.100.50/24' });
    const dup2 = await lab.addDevice({ name: 'dup2', cidr: '198.51.100.50/24' });
    // arping exits 1 when it gets more replies than probes, which is exactly the duplicate case.
    const { stdout, code } = await lab.exec(lab.tech, 'arping', ['-I', 'br0', '-c', '2', '198.51.100.50'], { reject: false });
    expect(code).toBe(1);
    const macs = new Set([...stdout.matchAll(/reply from 198\.51\.100\.50 \[([0-9a-f:]{17})\]/gi)].map((m) => m[1]?.toLowerCase()));
    expect(macs).toEqual(new Set([dup1.mac, dup2.mac]));

    // A single owner answers with one MAC only.
    const single = await lab.exec(lab.tech, 'arping', ['-I', 'br0', '-c', '2', camA.ip], { reject: false });
    expect(single.code).toBe(0);
    const singleMacs = new Set([...single.stdout.matchAll(/\[([0-9a-f:]{17})\]/gi)].map((m) => m[1]?.toLowerCase()));
    expect(singleMacs).toEqual(new Set([camA.mac]));
  });

  it('adds and removes a laptop address to reach an off-subnet camera', async () => {
    const offSubnet = await lab.addDevice({ name: 'off', cidr: '192.168.1.64/24', gateway: '192.168.1.1' });
    const server = lab.spawn(offSubnet.ns, process.execPath, ['-e', tcpServer(offSubnet.ip, 8081)]);
    await waitForLine(server, (l) => l === 'ready');

    const before = await lab.exec(lab.tech, process.execPath, ['-e', tcpClient(offSubnet.ip, 8081)], { reject: false });
    expect(before.code).not.toBe(0);

    await lab.addLaptopAddress('192.168.1.200/24');
    const during = await lab.exec(lab.tech, process.execPath, ['-e', tcpClient(offSubnet.ip, 8081)]);
    expect(during.stdout.trim()).toBe(`pong ${offSubnet.ip}`);

    await lab.removeLaptopAddress('192.168.1.200/24');
    const addrs = await lab.exec(lab.tech, 'ip', ['-o', 'addr', 'show', 'dev', 'br0']);
    expect(addrs.stdout).not.toContain('192.168.1.200');
    expect(addrs.stdout).toContain('198.51.100.1/24');
  });

  it('refuses to run commands outside its own namespaces and rejects bad input', async () => {
    expect(() => lab.spawn('root', 'true')).toThrow(/not a namespace of this lab/);
    await expect(lab.exec('fk-other', 'true')).rejects.toThrow(/not a namespace of this lab/);
    await expect(lab.addDevice({ cidr: '198.51.100.300/24' })).rejects.toThrow(/not an IPv4 CIDR/);
    await expect(lab.addDevice({ cidr: '198.51.100.12/24', mac: 'zz:00:00:00:00:00' })).rejects.toThrow(/not a MAC/);
  });
});

describe.skipIf(skipLab)('lab cleanup', () => {
  it('withLab deletes every namespace and spawned process when the body throws', async () => {
    let names: string[] = [];
    let sleeper: ChildProcess | undefined;
    await expect(
      withLab(async (lab) => {
        await lab.addDevice({ cidr: '198.51.100.10/24' });
        sleeper = lab.spawn(lab.tech, 'sleep', ['300'], { stdio: 'ignore' });
        names = [...lab.namespaces];
        expect(listNamespaces()).toEqual(expect.arrayContaining(names));
        throw new Error('test body failed');
      }),
    ).rejects.toThrow('test body failed');
    expect(names).toHaveLength(2);
    const left = listNamespaces();
    for (const ns of names) expect(left).not.toContain(ns);
    expect(sleeper?.pid).toBeTypeOf('number');
    expect(await eventually(() => !isRunning(sleeper?.pid as number))).toBe(true);
  });

  type LabInfo = { namespaces: string[]; sleeperPid: number };
  async function startLabChild(mode: 'throw' | 'wait'): Promise<{ child: ChildProcess; info: LabInfo }> {
    const started = await startChild<LabInfo>(mode, 'lab');
    expect(started.info.namespaces).toHaveLength(2);
    expect(listNamespaces()).toEqual(expect.arrayContaining(started.info.namespaces));
    expect(isRunning(started.info.sleeperPid)).toBe(true);
    return started;
  }
  async function expectLabGone(info: LabInfo): Promise<void> {
    const left = listNamespaces();
    for (const ns of info.namespaces) expect(left).not.toContain(ns);
    expect(await eventually(() => !isRunning(info.sleeperPid))).toBe(true);
  }

  it('the exit hook cleans up when the test process dies from an uncaught exception', async () => {
    const { child, info } = await startLabChild('throw');
    await endChild(child, 'throw');
    await expectLabGone(info);
  });

  it('the SIGTERM hook cleans up and still terminates the process', async () => {
    const { child, info } = await startLabChild('wait');
    await endChild(child, 'SIGTERM');
    await expectLabGone(info);
  });

  it('sweepStaleLabs removes what a SIGKILLed run left behind, and nothing else', async () => {
    const { child, info } = await startLabChild('wait');
    await endChild(child, 'SIGKILL');
    // Nothing could run in the killed process: its namespaces and its orphan are still there.
    expect(listNamespaces()).toEqual(expect.arrayContaining(info.namespaces));
    expect(isRunning(info.sleeperPid)).toBe(true);

    expect(sweepStaleLabs()).toEqual(expect.arrayContaining(info.namespaces));
    await expectLabGone(info);

    // A lab of a live process (this one) is never swept.
    const live = await createLab();
    try {
      expect(sweepStaleLabs()).not.toContain(live.tech);
      expect(listNamespaces()).toContain(live.tech);
    } finally {
      await live.cleanup();
    }
    expect(listNamespaces()).not.toContain(live.tech);
  });
});

describe.skipIf(skipPty)('pty pair', () => {
  function open(path: string): Promise<SerialPort> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 9600 }, (err) => (err ? reject(err) : resolve(port)));
    });
  }
  function read(port: SerialPort, length: number, timeoutMs = 5000): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let got = 0;
      const timer = setTimeout(() => {
        port.off('data', onData);
        reject(new Error(`read ${got}/${length} bytes before timeout`));
      }, timeoutMs);
      function onData(chunk: Buffer): void {
        chunks.push(chunk);
        got += chunk.length;
        if (got >= length) {
          clearTimeout(timer);
          port.off('data', onData);
          resolve(Buffer.concat(chunks));
        }
      }
      port.on('data', onData);
    });
  }
  function closePort(port: SerialPort): Promise<void> {
    return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }

  it('carries every byte value both ways, unaltered', async () => {
    const pair = await createPtyPair();
    const ports: SerialPort[] = [];
    try {
      expect(existsSync(pair.a) && existsSync(pair.b)).toBe(true);
      const a = await open(pair.a);
      ports.push(a);
      const b = await open(pair.b);
      ports.push(b);

      // All 256 byte values: raw mode must not translate CR/LF, eat ^C/^S or echo anything back.
      const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const atB = read(b, allBytes.length);
      a.write(allBytes);
      expect((await atB).equals(allBytes)).toBe(true);

      // VISCA-style reply the other way (ACK + completion).
      const reply = Buffer.from([0x90, 0x41, 0xff, 0x90, 0x51, 0xff]);
      const atA = read(a, reply.length);
      b.write(reply);
      expect((await atA).equals(reply)).toBe(true);
    } finally {
      await Promise.all(ports.map(closePort));
      await pair.close();
    }
    expect(isRunning(pair.pid)).toBe(false);
    expect(existsSync(pair.a) || existsSync(pair.b)).toBe(false);
  });

  type PtyInfo = { socatPid: number; a: string; b: string };
  async function expectPtyGone(info: PtyInfo): Promise<void> {
    expect(await eventually(() => !isRunning(info.socatPid))).toBe(true);
    expect(await eventually(() => !existsSync(dirname(info.a)))).toBe(true);
  }

  for (const how of ['throw', 'SIGTERM'] as const) {
    it(`kills socat and removes the links when the owning process ends by ${how}`, async () => {
      const { child, info } = await startChild<PtyInfo>(how === 'throw' ? 'throw' : 'wait', 'pty');
      expect(isRunning(info.socatPid)).toBe(true);
      await endChild(child, how);
      await expectPtyGone(info);
    });
  }

  it('sweepStalePtys kills the socat of a SIGKILLed run, and not a live pair', async () => {
    const { child, info } = await startChild<PtyInfo>('wait', 'pty');
    await endChild(child, 'SIGKILL');
    expect(isRunning(info.socatPid)).toBe(true);
    const live = await createPtyPair();
    try {
      const killed = sweepStalePtys();
      expect(killed).toContain(info.socatPid);
      expect(killed).not.toContain(live.pid);
      await expectPtyGone(info);
      expect(isRunning(live.pid)).toBe(true);
    } finally {
      await live.close();
    }
  });
});
