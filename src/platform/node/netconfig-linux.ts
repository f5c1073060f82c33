import { networkInterfaces } from 'node:os';
import { FieldKitError } from '../../contract/errors';
import { cidrArg, ifaceArg, ipv4Arg, macArg } from '../net-args';
import type { CommandRunner, NetConfig } from '../netconfig';
import { loadArpRaw } from './arp-raw';
import { sweepOnSocket, type IfaceAddress, type RawArpOpener } from './arp-sweeper';
import { parseArpingReplies } from './arping-output';
import { runCommand } from './run-command';

export interface LinuxNetConfigOptions {
  run?: CommandRunner;
  /** Prefix privileged commands with pkexec (when the process lacks CAP_NET_ADMIN). */
  elevate?: boolean;
  /**
   * Opens the raw ARP socket for sweeps; false sweeps per address with arping. Default: the
   * @fieldkit/arp-raw addon when it loads.
   */
  rawArp?: RawArpOpener | false;
  /** IPv4 addresses of an interface, for the requests' sender address. Default: os.networkInterfaces(). */
  ifaceAddresses?: (iface: string) => IfaceAddress[];
}

const osAddresses = (iface: string): IfaceAddress[] =>
  (networkInterfaces()[iface] ?? []).filter((a) => a.family === 'IPv4').map((a) => ({ address: a.address, netmask: a.netmask }));

/** iproute2 + iputils arping; sweeps from one raw socket when it opens (CAP_NET_RAW), else arping per address. */
export function linuxNetConfig(opts: LinuxNetConfigOptions = {}): NetConfig {
  const run = opts.run ?? runCommand;
  const privileged = async (cmd: string, args: string[], what: string) => {
    const r = opts.elevate ? await run('pkexec', [cmd, ...args]) : await run(cmd, args);
    if (r.code === 126 || r.code === 127) throw new FieldKitError('permission_denied', `${what}: authorisation was refused (pkexec).`);
    if (r.code !== 0) {
      const msg = r.stderr.trim() || r.stdout.trim() || `exit ${r.code}`;
      if (/Operation not permitted|EPERM/i.test(msg)) throw new FieldKitError('permission_denied', `${what}: needs root or CAP_NET_ADMIN (${msg}).`);
      if (/File exists|already assigned/i.test(msg)) throw new FieldKitError('conflict', `${what}: already present (${msg}).`);
      // Undoing something already gone (after a crash, or removed by hand) is reported as not_found.
      // "Cannot find device": the NIC itself is gone (a USB adapter unplugged), and its addresses and neighbours with it.
      if (/Cannot assign requested address|No such process|No such file|not found|Cannot find device/i.test(msg)) throw new FieldKitError('not_found', `${what}: not present (${msg}).`);
      throw new FieldKitError('failed', `${what}: ${msg}`);
    }
  };
  return {
    async addAddress(iface, cidr) {
      const c = cidrArg(cidr);
      await privileged('ip', ['addr', 'add', c.cidr, 'dev', ifaceArg(iface, 'linux')], `Adding ${c.cidr} to ${iface}`);
    },
    async removeAddress(iface, cidr) {
      const c = cidrArg(cidr);
      await privileged('ip', ['addr', 'del', c.cidr, 'dev', ifaceArg(iface, 'linux')], `Removing ${c.cidr} from ${iface}`);
    },
    async pinNeighbour(iface, ip, mac) {
      await privileged('ip', ['neigh', 'replace', ipv4Arg(ip), 'lladdr', macArg(mac), 'nud', 'permanent', 'dev', ifaceArg(iface, 'linux')], `Pinning ${ip} to ${mac}`);
    },
    async unpinNeighbour(iface, ip) {
      await privileged('ip', ['neigh', 'del', ipv4Arg(ip), 'dev', ifaceArg(iface, 'linux')], `Unpinning ${ip}`);
    },
    async arpRequest(iface, ip, o) {
      // -b keeps broadcasting (after a first reply arping would unicast to that MAC and
      // miss a second device on the same IP); -c 8 -w 1: one request, up to 8 replies (devices
      // sharing the address) within 1 s.
      const args = o?.first ? ['-f', '-c', '1', '-w', '1'] : ['-b', '-c', '8', '-w', '1'];
      const r = await run('arping', [...args, '-I', ifaceArg(iface, 'linux'), ipv4Arg(ip)]);
      if (r.code > 1) throw new FieldKitError('failed', `arping on ${iface}: ${r.stderr.trim() || `exit ${r.code}`}`);
      return parseArpingReplies(r.stdout);
    },
    async probe(iface, ip) {
      // Duplicate address detection: sender IP 0.0.0.0, as RFC 5227 wants.
      // One probe and a 1 s wait: RFC 5227 asks for more, but on a site LAN a
      // device that owns the address answers the first within milliseconds.
      const r = await run('arping', ['-D', '-c', '1', '-w', '1', '-I', ifaceArg(iface, 'linux'), ipv4Arg(ip)]);
      if (r.code > 1) throw new FieldKitError('failed', `arping on ${iface}: ${r.stderr.trim() || `exit ${r.code}`}`);
      const replies = parseArpingReplies(r.stdout);
      return { free: r.code === 0 && replies.length === 0, macs: replies.map((x) => x.mac) };
    },
    async arpSweep(iface, req) {
      const nic = ifaceArg(iface, 'linux');
      const open = opts.rawArp === false ? undefined : (opts.rawArp ?? loadArpRaw().module?.open);
      if (!open) return null;
      // Whatever keeps the socket from opening (no CAP_NET_RAW above all) means "use arping", as before.
      let openError: unknown;
      const guarded: RawArpOpener = (i, onReplies) => {
        try {
          return open(i, onReplies);
        } catch (e) {
          openError = e;
          throw e;
        }
      };
      try {
        return await sweepOnSocket(guarded, nic, req, (opts.ifaceAddresses ?? osAddresses)(nic));
      } catch (e) {
        if (openError !== undefined && e === openError) return null;
        throw e;
      }
    },
  };
}
