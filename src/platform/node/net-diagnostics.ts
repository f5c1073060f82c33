import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FirewallFact, NetDiagnostics } from '../discovery-ports';

const SAFE_IFNAME = /^[\w.@:-]{1,15}$/;

/** One IPv4 route of Linux /proc/net/route (main table). */
export interface ProcRoute {
  iface: string;
  /** Destination and mask as unsigned 32-bit host-order numbers. */
  destination: number;
  mask: number;
}

function leHex(h: string | undefined): number | undefined {
  if (!h || !/^[0-9a-f]{8}$/i.test(h)) return undefined;
  // /proc/net/route prints the in-memory (network order) word as little-endian hex.
  const n = Number.parseInt(h, 16);
  return (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24)) >>> 0;
}

/** Parses Linux /proc/net/route. */
export function parseProcNetRoute(text: string): ProcRoute[] {
  const out: ProcRoute[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const destination = leHex(cols[1]);
    const mask = leHex(cols[7]);
    if (!cols[0] || destination === undefined || mask === undefined) continue;
    out.push({ iface: cols[0], destination, mask });
  }
  return out;
}

/** 239.255.255.250 as a number. */
const SSDP_GROUP = (239 * 2 ** 24 + 255 * 2 ** 16 + 255 * 2 ** 8 + 250) >>> 0;

/** Interfaces whose routes cover the discovery group: specific (224.0.0.0/4) vs the default route. */
export function multicastRoutes(routes: ProcRoute[]): { multicast: string[]; defaultRoute: string[] } {
  const multicast = new Set<string>();
  const defaultRoute = new Set<string>();
  for (const r of routes) {
    if (r.mask === 0) defaultRoute.add(r.iface);
    else if (((SSDP_GROUP & r.mask) >>> 0) === r.destination) multicast.add(r.iface);
  }
  return { multicast: [...multicast], defaultRoute: [...defaultRoute] };
}

/** Reads `ufw.conf` text: true when ENABLED=yes. */
export function ufwEnabled(conf: string): boolean {
  return /^\s*ENABLED\s*=\s*yes\s*$/im.test(conf);
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { windowsHide: true, timeout: 4000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

async function linuxFirewalls(): Promise<FirewallFact[]> {
  const out: FirewallFact[] = [];
  const ufw = await readFile('/etc/ufw/ufw.conf', 'utf8').catch(() => undefined);
  if (ufw !== undefined) out.push({ name: 'ufw', active: ufwEnabled(ufw), detail: ufwEnabled(ufw) ? 'ufw is enabled' : 'ufw is installed but disabled' });
  if (existsSync('/usr/sbin/firewalld') || existsSync('/usr/bin/firewalld')) {
    const running = existsSync('/run/firewalld/firewalld.pid') || existsSync('/var/run/firewalld.pid');
    out.push({ name: 'firewalld', active: running, detail: running ? 'firewalld is running' : 'firewalld is installed but not running' });
  }
  for (const nft of ['/usr/sbin/nft', '/sbin/nft']) {
    if (!existsSync(nft)) continue;
    const ruleset = await run(nft, ['list', 'ruleset']).catch(() => undefined);
    if (ruleset === undefined) out.push({ name: 'nftables', active: null, detail: 'could not read the nftables ruleset (needs root)' });
    else {
      const drops = /hook\s+input[^;]*;\s*priority[^;]*;\s*policy\s+drop/i.test(ruleset);
      out.push({ name: 'nftables', active: drops, detail: drops ? 'an input chain drops by default' : 'no input chain drops by default' });
    }
    break;
  }
  return out;
}

async function windowsFirewalls(): Promise<FirewallFact[]> {
  const text = await run('netsh', ['advfirewall', 'show', 'currentprofile', 'state']).catch(() => undefined);
  if (text === undefined) return [{ name: 'Windows Firewall', active: null, detail: 'netsh could not report the firewall state' }];
  const on = /\bON\b/.test(text);
  return [{ name: 'Windows Firewall', active: on, detail: on ? 'the current profile is on' : 'the current profile is off' }];
}

/** Linux: /proc/sys and /proc/net/route (per network namespace); Windows: netsh. */
export function nodeNetDiagnostics(platform: NodeJS.Platform = process.platform): NetDiagnostics {
  return {
    async rpFilter(names) {
      const out: Record<string, number | null> = {};
      for (const name of ['all', 'default', ...names]) {
        if (!SAFE_IFNAME.test(name)) continue;
        if (platform !== 'linux') {
          out[name] = null;
          continue;
        }
        const v = await readFile(`/proc/sys/net/ipv4/conf/${name}/rp_filter`, 'utf8').catch(() => undefined);
        out[name] = v === undefined || !/^\d+\s*$/.test(v) ? null : Number(v.trim());
      }
      return out;
    },
    async multicastRouteInterfaces() {
      if (platform !== 'linux') return null;
      const text = await readFile('/proc/net/route', 'utf8').catch(() => undefined);
      return text === undefined ? null : multicastRoutes(parseProcNetRoute(text));
    },
    async firewalls() {
      if (platform === 'linux') return linuxFirewalls();
      if (platform === 'win32') return windowsFirewalls();
      return [];
    },
  };
}
