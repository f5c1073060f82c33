import { FieldKitError } from '../../contract/errors';
import { cidrArg, ifaceArg, ipv4Arg, macArg, prefixToMask } from '../net-args';
import type { ArpReply, CommandRunner, NetConfig } from '../netconfig';
import { elevatedNetshScript, parseElevatedOutput } from './netsh-uac';
import { runCommand } from './run-command';

/** How long the UAC path may take, prompt included. */
const UAC_TIMEOUT_MS = 180_000;

export interface Win32NetConfigOptions {
  run?: CommandRunner;
  /** Run netsh through a UAC prompt (the process is not elevated); see netsh-uac. */
  elevate?: boolean;
}

/** `arp -a IP` lines: `  192.168.1.64          44-19-b6-12-34-56     dynamic`. */
export function parseArpTable(stdout: string, ip: string): ArpReply[] {
  const out: ArpReply[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5})\s+\w+/.exec(line);
    if (m && m[1] === ip && m[2] !== 'ff-ff-ff-ff-ff-ff') out.push({ ip, mac: m[2]!.toLowerCase().replace(/-/g, ':') });
  }
  return out;
}

/**
 * Maps a failed netsh run to an error, the same way whether netsh ran directly
 * or inside the elevated process: a change that is already gone is not_found
 * (the journal counts that as reverted), missing rights permission_denied.
 */
function throwIfNetshFailed(code: number, output: string, what: string): void {
  if (code === 0) return;
  const msg = output || `exit ${code}`;
  if (/Element not found|cannot find/i.test(msg)) throw new FieldKitError('not_found', `${what}: not present (${msg}).`);
  if (/elevation|administrator|denied|canceled by the user/i.test(msg)) throw new FieldKitError('permission_denied', `${what}: needs Administrator rights (${msg}).`);
  throw new FieldKitError('failed', `${what}: ${msg}`);
}

/**
 * netsh for addresses and neighbours (store=active: nothing survives a reboot,
 * so a crash can never leave a permanent change). Windows has no arping: an
 * address is resolved by a ping and read from the ARP cache, which holds one
 * MAC per IP, so duplicate IPs show there only through discovery (several MACs
 * in SADP/DHIP answers for one address).
 */
export function win32NetConfig(opts: Win32NetConfigOptions = {}): NetConfig {
  const run = opts.run ?? runCommand;
  const netsh = async (args: string[], what: string) => {
    if (!opts.elevate) {
      const r = await run('netsh.exe', args);
      throwIfNetshFailed(r.code, (r.stdout + r.stderr).trim(), what);
      return;
    }
    // The technician may take a while to read the UAC prompt: killing powershell meanwhile
    // would leave netsh to run unobserved once the prompt is accepted.
    const r = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', elevatedNetshScript(args)], { timeoutMs: UAC_TIMEOUT_MS });
    const outcome = parseElevatedOutput(r);
    if (outcome.kind === 'not-elevated') {
      throw new FieldKitError('permission_denied', `${what}: Windows did not run netsh as Administrator (${outcome.message}). Accept the UAC prompt, or start FieldKit as Administrator.`);
    }
    if (outcome.kind === 'no-report') throw new FieldKitError('failed', `${what}: ${outcome.message}`);
    throwIfNetshFailed(outcome.code, outcome.output.trim(), what);
  };
  const resolve = async (ip: string): Promise<ArpReply[]> => {
    await run('ping.exe', ['-n', '1', '-w', '700', ipv4Arg(ip)]);
    const r = await run('arp.exe', ['-a', ip]);
    return parseArpTable(r.stdout, ip);
  };
  return {
    async addAddress(iface, cidr) {
      const c = cidrArg(cidr);
      await netsh(['interface', 'ipv4', 'add', 'address', `name=${ifaceArg(iface, 'win32')}`, `address=${c.ip}`, `mask=${prefixToMask(c.prefix)}`, 'store=active'], `Adding ${c.cidr} to ${iface}`);
    },
    async removeAddress(iface, cidr) {
      const c = cidrArg(cidr);
      await netsh(['interface', 'ipv4', 'delete', 'address', `name=${ifaceArg(iface, 'win32')}`, `address=${c.ip}`], `Removing ${c.cidr} from ${iface}`);
    },
    async pinNeighbour(iface, ip, mac) {
      const m = macArg(mac).replace(/:/g, '-');
      await netsh(['interface', 'ipv4', 'add', 'neighbors', `interface=${ifaceArg(iface, 'win32')}`, `address=${ipv4Arg(ip)}`, `neighbor=${m}`, 'store=active'], `Pinning ${ip} to ${mac}`);
    },
    async unpinNeighbour(iface, ip) {
      await netsh(['interface', 'ipv4', 'delete', 'neighbors', `interface=${ifaceArg(iface, 'win32')}`, `address=${ipv4Arg(ip)}`], `Unpinning ${ip}`);
    },
    async arpRequest(iface, ip) {
      ifaceArg(iface, 'win32');
      return resolve(ip);
    },
    async probe(iface, ip) {
      ifaceArg(iface, 'win32');
      const replies = await resolve(ip);
      return { free: replies.length === 0, macs: replies.map((r) => r.mac) };
    },
  };
}
