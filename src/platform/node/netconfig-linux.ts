import { FieldKitError } from '../../contract/errors';
import { cidrArg, ifaceArg, ipv4Arg, macArg } from '../net-args';
import type { CommandRunner, NetConfig } from '../netconfig';
import { parseArpingReplies } from './arping-output';
import { runCommand } from './run-command';

export interface LinuxNetConfigOptions {
  run?: CommandRunner;
  /** Prefix privileged commands with pkexec (when the process lacks CAP_NET_ADMIN). */
  elevate?: boolean;
}

/** iproute2 + iputils arping. */
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
      if (/Cannot assign requested address|No such process|No such file|not found/i.test(msg)) throw new FieldKitError('not_found', `${what}: not present (${msg}).`);
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
  };
}
