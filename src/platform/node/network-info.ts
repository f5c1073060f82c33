import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { InterfaceAddress, NetInterface } from '../../contract';
import type { NetworkInfo } from '../ports';
import { classifyInterface } from './classify-interface';

function readSys(name: string, file: string): string | undefined {
  try {
    return readFileSync(`/sys/class/net/${name}/${file}`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Interfaces from os.networkInterfaces(), enriched with Linux sysfs facts and link state. */
export function nodeNetworkInfo(platform: NodeJS.Platform = process.platform): NetworkInfo {
  return {
    async listInterfaces() {
      const out: NetInterface[] = [];
      const os = networkInterfaces();
      const names = new Set(Object.keys(os));
      // Interfaces that are down have no addresses and are missing from os.networkInterfaces().
      if (platform === 'linux' && existsSync('/sys/class/net')) {
        const { readdirSync } = await import('node:fs');
        for (const n of readdirSync('/sys/class/net')) names.add(n);
      }
      for (const name of [...names].sort()) {
        const addrs = os[name] ?? [];
        const sys = platform === 'linux';
        const arpType = sys ? Number(readSys(name, 'type') ?? NaN) : undefined;
        const facts = {
          name,
          platform,
          internal: addrs.some((a) => a.internal),
          hasDevice: sys ? existsSync(`/sys/class/net/${name}/device`) : undefined,
          wireless: sys ? existsSync(`/sys/class/net/${name}/wireless`) || existsSync(`/sys/class/net/${name}/phy80211`) : undefined,
          bridge: sys ? existsSync(`/sys/class/net/${name}/bridge`) : undefined,
          arpType: Number.isFinite(arpType) ? arpType : undefined,
        };
        const { kind, reason } = classifyInterface(facts);
        const operstate = sys ? readSys(name, 'operstate') : undefined;
        const sysMac = sys ? readSys(name, 'address') : undefined;
        const mac = addrs.find((a) => a.mac && a.mac !== '00:00:00:00:00:00')?.mac ??
          (sysMac && sysMac !== '00:00:00:00:00:00' ? sysMac : null);
        const addresses: InterfaceAddress[] = addrs.map((a) => ({
          family: a.family === 'IPv6' ? 'IPv6' : 'IPv4',
          address: a.address,
          netmask: a.netmask,
          prefix: Number(a.cidr?.split('/')[1] ?? 0),
          cidr: a.cidr ?? `${a.address}/0`,
        }));
        // "unknown" is what loopback and many virtual links report while working.
        const up = operstate === undefined ? addresses.length > 0 : operstate === 'up' || (operstate === 'unknown' && addresses.length > 0);
        out.push({ name, mac, up, kind, kindReason: reason, addresses });
      }
      return out;
    },
  };
}
