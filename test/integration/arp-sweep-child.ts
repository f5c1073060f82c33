/**
 * Runs one ARP sweep through the Linux NetConfig adapter and prints the result as JSON. Started by
 * net-sweep-raw.test.ts inside the lab's laptop namespace (`ip netns exec`), since a raw socket
 * belongs to the namespace of the process that opens it.
 * Argument: JSON { iface, cidr, mode: 'raw' | 'arping', abortAfterMs? }.
 */
import { arpSweep } from '../../src/net/sweep';
import { loadArpRaw } from '../../src/platform/node/arp-raw';
import type { RawArpOpener } from '../../src/platform/node/arp-sweeper';
import { linuxNetConfig } from '../../src/platform/node/netconfig-linux';

const args = JSON.parse(process.argv[2] ?? '{}') as { iface: string; cidr: string; mode: 'raw' | 'arping'; abortAfterMs?: number };
const addon = loadArpRaw();
let opened = false;
let closed = false;
const open: RawArpOpener = (iface, onReplies) => {
  if (!addon.module) throw new Error(addon.error);
  const sock = addon.module.open(iface, onReplies);
  opened = true;
  return {
    mac: sock.mac,
    send: (t, s) => sock.send(t, s),
    close: () => {
      closed = true;
      sock.close();
    },
  };
};
const net = linuxNetConfig({ rawArp: args.mode === 'raw' ? open : false });
const ctrl = new AbortController();
if (args.abortAfterMs !== undefined) setTimeout(() => ctrl.abort(), args.abortAfterMs);
const progress: number[] = [];
try {
  const result = await arpSweep(net, args.iface, args.cidr, { signal: ctrl.signal, onProgress: (done) => progress.push(done) });
  console.log(JSON.stringify({ opened, closed, result, lastProgress: progress.at(-1), progressEvents: progress.length }));
} catch (e) {
  console.log(JSON.stringify({ opened, closed, error: { code: (e as { code?: string }).code, message: (e as Error).message } }));
}
