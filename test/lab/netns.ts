import { execFile, execFileSync, spawn as spawnChild } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { promisify } from 'node:util';
import { killNow, pidAlive, registerExitCleanup, stopChild } from './cleanup';
import { findTool, requireOrSkip } from './tools';
import type { Support } from './tools';

/**
 * A LAN built from network namespaces (see /work/shared/docs/lab.md): a "tech" namespace plays the
 * technician's laptop and owns bridge br0; every device is its own namespace on a veth into br0.
 * All traffic stays inside namespaces this module created, never in the root namespace.
 */

const execFileAsync = promisify(execFile);

/** Options for {@link createLab}. */
export interface LabOptions {
  /** Addresses of the laptop on br0, in CIDR form. Default: ['198.51.100.1/24']. */
  laptopCidrs?: string[];
  /**
   * More bridges in the tech namespace, each a separate LAN segment with its own laptop
   * address(es): a laptop with two NICs. Names must look like `br1`, `br2`... Devices choose one
   * with {@link DeviceOptions.bridge}. Only br0 gets the 224.0.0.0/4 route.
   */
  extraBridges?: Array<{ name: string; cidrs: string[] }>;
}

/** Options for {@link Lab.addDevice}. */
export interface DeviceOptions {
  /** Short label appended to the namespace name to make `ip netns list` readable. */
  name?: string;
  /** MAC of the device's eth0. Default: a locally administered 02:... address unique in this lab. */
  mac?: string;
  /** Device address in CIDR form, e.g. '198.51.100.10/24'. */
  cidr: string;
  /** Optional default gateway for the device. */
  gateway?: string;
  /** Bridge in the tech namespace to plug into: 'br0' (default) or one of {@link LabOptions.extraBridges}. */
  bridge?: string;
}

/** A device namespace on the lab bridge. */
export interface LabDevice {
  /** Namespace name, for `lab.exec` / `lab.spawn`. */
  ns: string;
  /** Interface name inside the device namespace (always eth0). */
  ifname: string;
  /** MAC address of that interface, lower-case. */
  mac: string;
  /** IPv4 address without prefix length. */
  ip: string;
  /** Address with prefix length as given. */
  cidr: string;
  /** Name of the bridge port (veth peer) inside the tech namespace. */
  bridgePort: string;
}

/** Output of a command run with {@link Lab.exec}. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit code (0 unless `reject: false` let a failure through; null when killed by a signal). */
  code: number | null;
}

/** Options for {@link Lab.exec}. */
export interface ExecOptions {
  /** Kill the command after this long. Default 30 s. */
  timeoutMs?: number;
  /**
   * Reject on a non-zero exit (default true). Some tools report findings through their exit code
   * (arping exits 1 when it sees more replies than probes, i.e. a duplicate address).
   */
  reject?: boolean;
}

/** A running lab. Always call {@link Lab.cleanup} (or use {@link withLab}). */
export interface Lab {
  /** Namespace of the technician's laptop. */
  readonly tech: string;
  /** Bridge interface in the tech namespace. */
  readonly bridge: 'br0';
  /** Every bridge in the tech namespace: br0 first, then {@link LabOptions.extraBridges}. */
  readonly bridges: readonly string[];
  /** First laptop address (without prefix). */
  readonly laptopIp: string;
  /** Every namespace this lab created (tech first). */
  readonly namespaces: readonly string[];
  /** Adds a device namespace on the bridge. */
  addDevice(opts: DeviceOptions): Promise<LabDevice>;
  /** Runs a command inside one of this lab's namespaces and resolves with its output (rejects on non-zero exit). */
  exec(ns: string, cmd: string, args?: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Starts a long-running process inside one of this lab's namespaces; it is killed on cleanup. */
  spawn(ns: string, cmd: string, args?: string[], opts?: SpawnOptions): ChildProcess;
  /** Adds an address (alias) to the laptop's br0. */
  addLaptopAddress(cidr: string): Promise<void>;
  /** Removes a laptop address added earlier (or one of the initial ones). */
  removeLaptopAddress(cidr: string): Promise<void>;
  /** Kills the processes started with spawn, then deletes every namespace. Idempotent. */
  cleanup(): Promise<void>;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
/** Names this module gives namespaces: fk-<pid>-<counter>-<suffix>. */
const LAB_NS_RE = /^fk-(\d+)-\d+-/;

let labCounter = 0;
let swept = false;
let cachedSupport: Support | undefined;

function ipBin(): string {
  return findTool('ip') ?? 'ip';
}

function assertCidr(cidr: string): string {
  const m = CIDR_RE.exec(cidr);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    throw new Error(`lab: not an IPv4 CIDR: ${JSON.stringify(cidr)}`);
  }
  return cidr.split('/')[0] as string;
}

function assertIp(ip: string): void {
  const m = IPV4_RE.exec(ip);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) throw new Error(`lab: not an IPv4 address: ${JSON.stringify(ip)}`);
}

async function ip(args: string[]): Promise<void> {
  await execFileAsync(ipBin(), args, { timeout: 30_000 });
}

/** Runs several `ip` commands in one process (`ip -n NS -batch -`) to keep device creation fast. */
function ipBatch(ns: string, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(ipBin(), ['-n', ns, '-batch', '-'], { timeout: 30_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`lab: ip -n ${ns} -batch failed: ${stderr.trim() || err.message}\n${lines.join('\n')}`));
      else resolve();
    });
    child.stdin?.end(lines.join('\n') + '\n');
  });
}

/** Names of all network namespaces on this machine (`ip netns list`). */
export function listNamespaces(): string[] {
  const out = execFileSync(ipBin(), ['netns', 'list'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** Kills whatever still runs in a namespace, then deletes it. Synchronous so exit hooks can use it. */
function destroyNamespaceSync(ns: string): void {
  try {
    const pids = execFileSync(ipBin(), ['netns', 'pids', ns], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    for (const p of pids.split(/\s+/).filter(Boolean)) killNow(Number(p));
  } catch {
    // namespace already gone or never fully created
  }
  try {
    execFileSync(ipBin(), ['netns', 'del', ns], { stdio: 'ignore' });
  } catch {
    // already deleted
  }
}

/**
 * Deletes namespaces left behind by earlier runs that died without cleaning up: every `fk-<pid>-*`
 * namespace whose pid is no longer alive. Returns the names it deleted.
 */
export function sweepStaleLabs(): string[] {
  const removed: string[] = [];
  for (const ns of listNamespaces()) {
    const m = LAB_NS_RE.exec(ns);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    destroyNamespaceSync(ns);
    removed.push(ns);
  }
  return removed;
}

/**
 * Checks that network namespaces can be used here: Linux, root, `ip` installed and the kernel lets us
 * create a namespace with a bridge. Probes once per process.
 */
export function labSupport(): Support {
  if (cachedSupport) return cachedSupport;
  cachedSupport = probeSupport();
  return cachedSupport;
}

function probeSupport(): Support {
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root (run as root or in CI)' };
  if (!findTool('ip')) return { ok: false, reason: 'the `ip` tool (iproute2) is not installed' };
  const probe = `fk-${process.pid}-0-probe`;
  try {
    execFileSync(ipBin(), ['netns', 'add', probe], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(ipBin(), ['-n', probe, 'link', 'add', 'br0', 'type', 'bridge'], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { ok: true };
  } catch (err) {
    const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    return { ok: false, reason: `cannot create a network namespace with a bridge: ${detail}` };
  } finally {
    destroyNamespaceSync(probe);
  }
}

/**
 * Returns true when network-lab tests must be skipped (printing why). Under CI=true a missing
 * capability throws instead, so the lab is never silently skipped there.
 * Use: `describe.skipIf(requireLabOrSkip())('...', () => { ... })`.
 */
export function requireLabOrSkip(): boolean {
  return requireOrSkip(labSupport(), 'network lab');
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

function sanitizeLabel(name: string): string {
  const label = name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 12);
  if (!label) throw new Error(`lab: device name ${JSON.stringify(name)} has no usable characters`);
  return label;
}

/** Builds a lab: the tech namespace with br0 and its laptop address(es). */
export async function createLab(opts: LabOptions = {}): Promise<Lab> {
  const support = labSupport();
  if (!support.ok) throw new Error(`lab: ${support.reason}`);
  if (!swept) {
    swept = true;
    sweepStaleLabs();
  }

  const laptopCidrs = opts.laptopCidrs ?? ['198.51.100.1/24'];
  if (laptopCidrs.length === 0) throw new Error('lab: at least one laptop address is needed');
  const laptopIp = assertCidr(laptopCidrs[0] as string);
  laptopCidrs.forEach(assertCidr);
  const extraBridges = opts.extraBridges ?? [];
  for (const b of extraBridges) {
    if (!/^br([1-9]\d?)$/.test(b.name)) throw new Error(`lab: extra bridge names look like br1, br2..., not ${JSON.stringify(b.name)}`);
    b.cidrs.forEach(assertCidr);
  }
  const bridges = ['br0', ...new Set(extraBridges.map((b) => b.name))];

  const labId = ++labCounter;
  const prefix = `fk-${process.pid}-${labId}`;
  const tech = `${prefix}-tech`;
  // Device namespaces first so they are deleted before the bridge they hang off.
  const namespaces: string[] = [];
  const children = new Set<ChildProcess>();
  let deviceCounter = 0;
  let cleaned = false;

  const allNamespaces = (): string[] => [...namespaces].reverse();
  const cleanupSync = (): void => {
    for (const child of children) killNow(child.pid);
    children.clear();
    for (const ns of allNamespaces()) destroyNamespaceSync(ns);
  };
  const unregister = registerExitCleanup(cleanupSync);

  const own = (ns: string): void => {
    if (cleaned) throw new Error('lab: already cleaned up');
    if (!namespaces.includes(ns)) {
      // Refusing foreign namespaces keeps a typo from running lab traffic in the root namespace.
      throw new Error(`lab: ${JSON.stringify(ns)} is not a namespace of this lab (${namespaces.join(', ')})`);
    }
  };

  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all([...children].map((c) => stopChild(c)));
    children.clear();
    for (const ns of allNamespaces()) destroyNamespaceSync(ns);
    unregister();
  };

  try {
    namespaces.push(tech);
    await ip(['netns', 'add', tech]);
    await ipBatch(tech, [
      'link set lo up',
      // Without snooping off, the bridge would drop multicast to ports that never sent an IGMP join.
      'link add br0 type bridge mcast_snooping 0',
      ...laptopCidrs.map((c) => `addr add ${c} dev br0`),
      'link set br0 up',
      // Without a multicast route, sends fail with ENETUNREACH.
      'route add 224.0.0.0/4 dev br0',
      ...extraBridges.flatMap((b) => [
        `link add ${b.name} type bridge mcast_snooping 0`,
        ...b.cidrs.map((c) => `addr add ${c} dev ${b.name}`),
        `link set ${b.name} up`,
      ]),
    ]);
  } catch (err) {
    await cleanup();
    throw err;
  }

  const lab: Lab = {
    tech,
    bridge: 'br0',
    bridges,
    laptopIp,
    get namespaces() {
      return [...namespaces];
    },

    async addDevice(dev: DeviceOptions): Promise<LabDevice> {
      if (cleaned) throw new Error('lab: already cleaned up');
      const ipAddr = assertCidr(dev.cidr);
      if (dev.gateway !== undefined) assertIp(dev.gateway);
      const bridge = dev.bridge ?? 'br0';
      if (!bridges.includes(bridge)) throw new Error(`lab: no bridge ${JSON.stringify(bridge)} in this lab (${bridges.join(', ')})`);
      const n = ++deviceCounter;
      const mac = (dev.mac ?? `02:00:00:${hex2(labId)}:${hex2(n >> 8)}:${hex2(n)}`).toLowerCase();
      if (!MAC_RE.test(mac)) throw new Error(`lab: not a MAC address: ${JSON.stringify(dev.mac)}`);
      const ns = `${prefix}-d${n}${dev.name ? `-${sanitizeLabel(dev.name)}` : ''}`;
      const bridgePort = `v${n}`;
      namespaces.push(ns);
      await ip(['netns', 'add', ns]);
      await ipBatch(tech, [`link add ${bridgePort} type veth peer name eth0 netns ${ns}`, `link set ${bridgePort} master ${bridge} up`]);
      await ipBatch(ns, [
        'link set lo up',
        `link set eth0 address ${mac} up`,
        `addr add ${dev.cidr} dev eth0`,
        'route add 224.0.0.0/4 dev eth0',
        ...(dev.gateway ? [`route add default via ${dev.gateway}`] : []),
      ]);
      return { ns, ifname: 'eth0', mac, ip: ipAddr, cidr: dev.cidr, bridgePort };
    },

    async exec(ns, cmd, args = [], execOpts = {}) {
      own(ns);
      try {
        const { stdout, stderr } = await execFileAsync(ipBin(), ['netns', 'exec', ns, cmd, ...args], {
          timeout: execOpts.timeoutMs ?? 30_000,
          maxBuffer: 16 * 1024 * 1024,
        });
        return { stdout, stderr, code: 0 };
      } catch (err) {
        const e = err as Error & { stdout?: string; stderr?: string; code?: number | string | null };
        // A string code (ENOENT, ERR_CHILD_PROCESS_STDIO_MAXBUFFER...) means it never ran properly.
        if (execOpts.reject !== false || typeof e.code === 'string') throw err;
        return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : null };
      }
    },

    spawn(ns, cmd, args = [], spawnOpts = {}) {
      own(ns);
      // `ip netns exec` execs the command in place, so the child PID is the command's own PID.
      const child = spawnChild(ipBin(), ['netns', 'exec', ns, cmd, ...args], spawnOpts);
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    },

    async addLaptopAddress(cidr) {
      assertCidr(cidr);
      own(tech);
      await ip(['-n', tech, 'addr', 'add', cidr, 'dev', 'br0']);
    },

    async removeLaptopAddress(cidr) {
      assertCidr(cidr);
      own(tech);
      await ip(['-n', tech, 'addr', 'del', cidr, 'dev', 'br0']);
    },

    cleanup,
  };
  return lab;
}

/** Runs `fn` with a fresh lab and always cleans it up, whether `fn` resolves or throws. */
export async function withLab<T>(fn: (lab: Lab) => Promise<T>, opts?: LabOptions): Promise<T> {
  const lab = await createLab(opts);
  try {
    return await fn(lab);
  } finally {
    await lab.cleanup();
  }
}
