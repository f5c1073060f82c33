/**
 * The Fix flow's model: the form's defaults and checks, the plain-language plan shown before
 * anything runs ("what FieldKit will do"), and the request sent to `net.setIp`. Pure: the same
 * inputs always give the same plan, and the plan is what the core's set-ip flow does.
 */
import type { Api, NetInterface } from '../../../../../src/contract';
import { cidrOf, inPrefix, intToIp, ipToInt, prefixMask } from '../../devices/ipv4';
import type { LaptopSubnet } from '../../devices/lan-map';
import { isReserved } from './addresses';
import { distinctMacs, memberKey, type Problem, type ProblemMember } from './problems';

/** The form of one fix, without the password (it stays in the form field and is never stored). */
export interface FixDraft {
  /** Laptop NIC the camera is behind. */
  iface: string;
  newIp: string;
  /** Text of the prefix field (kept as typed, checked by {@link fixDraftErrors}). */
  prefix: string;
  gateway: string;
  username: string;
  /** MAC of the member to move (several answer for the address), or null. */
  mac: string | null;
}

export type FixField = 'iface' | 'newIp' | 'prefix' | 'gateway' | 'username' | 'mac';

/** Translation keys under `network.fix.errors`. */
export type FixError = 'required' | 'invalidIp' | 'invalidPrefix' | 'reserved' | 'sameIp' | 'gatewayOutside' | 'gatewayIsNew' | 'chooseMac' | 'noMac';

/** Interfaces worth offering: up, not loopback. */
export function usableInterfaces(interfaces: readonly NetInterface[]): NetInterface[] {
  return interfaces.filter((i) => i.up && i.kind !== 'loopback');
}

/** The laptop's first IPv4 subnet on `iface`, or null when it has none there. */
export function subnetOn(laptop: readonly LaptopSubnet[], iface: string): LaptopSubnet | null {
  return laptop.find((l) => l.iface === iface) ?? null;
}

/**
 * The NIC a camera is most likely behind: the one it was heard on, else one the laptop has a
 * wired/wireless address on, else any usable one.
 */
export function defaultIface(member: ProblemMember | undefined, interfaces: readonly NetInterface[], laptop: readonly LaptopSubnet[]): string {
  const usable = usableInterfaces(interfaces);
  if (member?.iface && usable.some((i) => i.name === member.iface)) return member.iface;
  const wired = usable.find((i) => (i.kind === 'physical' || i.kind === 'wireless') && laptop.some((l) => l.iface === i.name));
  return wired?.name ?? laptop[0]?.iface ?? usable[0]?.name ?? '';
}

/** The member a fix moves by default: for a conflict, the last one (the first keeps the address). */
export function defaultMember(problem: Problem): ProblemMember | undefined {
  const fixed = new Set(problem.fixed.map((f) => f.memberKey));
  const left = problem.members.filter((m) => !fixed.has(memberKey(m)));
  if (problem.conflict) return [...left].reverse().find((m) => m.mac !== null) ?? left[0];
  return left.find((m) => m.offSubnet) ?? left[0];
}

/** The form as it opens: the camera's NIC, the laptop's subnet there (address suggested later), user admin. */
export function defaultFixDraft(problem: Problem, interfaces: readonly NetInterface[], laptop: readonly LaptopSubnet[]): FixDraft {
  const member = defaultMember(problem);
  const iface = defaultIface(member, interfaces, laptop);
  const home = subnetOn(laptop, iface);
  const gw = member?.gateway && home && member.gateway !== '0.0.0.0' && inPrefix(member.gateway, home.address, home.prefix) ? member.gateway : '';
  return { iface, newIp: '', prefix: String(home?.prefix ?? 24), gateway: gw, username: 'admin', mac: member?.mac ?? null };
}

const prefixOf = (text: string): number | null => (/^\d{1,2}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 32 ? Number(text) : null);

/** What is wrong with the form, per field; empty when it may run. */
export function fixDraftErrors(problem: Problem, d: FixDraft): Partial<Record<FixField, FixError>> {
  const e: Partial<Record<FixField, FixError>> = {};
  if (!d.iface) e.iface = 'required';
  const prefix = prefixOf(d.prefix);
  if (prefix === null) e.prefix = 'invalidPrefix';
  const ip = d.newIp.trim();
  if (!ip) e.newIp = 'required';
  else if (ipToInt(ip) === null) e.newIp = 'invalidIp';
  else if (ip === problem.ip) e.newIp = 'sameIp';
  else if (prefix !== null && isReserved(ip, prefix)) e.newIp = 'reserved';
  const gw = d.gateway.trim();
  if (gw) {
    if (ipToInt(gw) === null) e.gateway = 'invalidIp';
    else if (gw === ip) e.gateway = 'gatewayIsNew';
    else if (prefix !== null && ipToInt(ip) !== null && !inPrefix(gw, ip, prefix)) e.gateway = 'gatewayOutside';
  }
  if (!d.username.trim()) e.username = 'required';
  if (problem.conflict) {
    if (d.mac === null) e.mac = 'chooseMac';
    else if (!problem.members.some((m) => m.mac === d.mac)) e.mac = 'noMac';
  }
  return e;
}

/** One line of "what FieldKit will do": a key under `network.plan.steps` and its values. */
export interface PlanStep {
  key: 'alias' | 'noAlias' | 'pin' | 'login' | 'aliasNew' | 'probe' | 'gateway' | 'setIp' | 'verify' | 'cleanup';
  params: PlanParams;
}

/** The values a plan line may name. */
export type PlanParams = {
  iface?: string;
  subnet?: string;
  address?: string;
  ip?: string;
  mac?: string;
  others?: string;
  user?: string;
  gateway?: string;
  cidr?: string;
};

/** The address the core tries first for a temporary alias: the top host address of the subnet (then downwards). */
export function firstAliasCandidate(ip: string, prefix: number, avoid: readonly string[] = []): string | null {
  const n = ipToInt(ip);
  if (n === null || prefix > 30) return null;
  const mask = prefixMask(prefix);
  const top = ((n & mask) | ~mask) >>> 0;
  for (let c = top - 1; c > ((n & mask) >>> 0); c--) {
    const s = intToIp(c);
    if (!avoid.includes(s)) return s;
  }
  return null;
}

/** True when the laptop already has an address on `iface` in the /prefix around `ip` (both ways, as the core checks). */
function laptopReaches(laptop: readonly LaptopSubnet[], iface: string, ip: string, prefix: number): boolean {
  return laptop.some((l) => l.iface === iface && inPrefix(ip, l.address, l.prefix) && inPrefix(l.address, ip, prefix));
}

/**
 * The steps of the fix in the order the core runs them (src/net/set-ip.ts): reach the camera
 * (temporary address, MAC pin), log in and read, reach the new address, probe it, set the
 * gateway and the address, verify by MAC and by reading back, remove every laptop change.
 */
export function fixPlan(problem: Problem, d: FixDraft, laptop: readonly LaptopSubnet[]): PlanStep[] {
  const steps: PlanStep[] = [];
  const member = problem.members.find((m) => m.mac === d.mac) ?? defaultMember(problem);
  const oldPrefix = member?.prefix ?? 24;
  const iface = d.iface || '?';
  const aliases: string[] = [];
  if (laptopReaches(laptop, iface, problem.ip, oldPrefix)) {
    steps.push({ key: 'noAlias', params: { iface, subnet: cidrOf(problem.ip, oldPrefix) ?? problem.subnet } });
  } else {
    const example = firstAliasCandidate(problem.ip, oldPrefix, [problem.ip]) ?? '';
    aliases.push(`${example}/${oldPrefix}`);
    steps.push({ key: 'alias', params: { iface, address: `${example}/${oldPrefix}`, subnet: cidrOf(problem.ip, oldPrefix) ?? problem.subnet } });
  }
  const macs = distinctMacs(problem.members);
  if (macs.length > 1 && d.mac) {
    steps.push({ key: 'pin', params: { ip: problem.ip, mac: d.mac, others: macs.filter((m) => m !== d.mac).join(', ') } });
  }
  steps.push({ key: 'login', params: { user: d.username.trim() || '?', ip: problem.ip } });
  const newIp = d.newIp.trim();
  const prefix = prefixOf(d.prefix);
  const valid = ipToInt(newIp) !== null && prefix !== null;
  if (valid) {
    const reachedByAlias = aliases.length > 0 && inPrefix(newIp, problem.ip, oldPrefix) && oldPrefix === prefix;
    if (!laptopReaches(laptop, iface, newIp, prefix) && !reachedByAlias) {
      const example = firstAliasCandidate(newIp, prefix, [newIp, problem.ip]) ?? '';
      steps.push({ key: 'aliasNew', params: { iface, address: `${example}/${prefix}`, subnet: cidrOf(newIp, prefix)! } });
    }
    steps.push({ key: 'probe', params: { ip: newIp } });
  }
  if (d.gateway.trim()) steps.push({ key: 'gateway', params: { gateway: d.gateway.trim() } });
  steps.push({ key: 'setIp', params: { cidr: valid ? `${newIp}/${prefix}` : '?' } });
  steps.push({ key: 'verify', params: { mac: d.mac ?? member?.mac ?? '?', ip: valid ? newIp : '?' } });
  steps.push({ key: 'cleanup', params: { iface } });
  return steps;
}

/** What `net.setIp` takes. */
export type SetIpInput = Parameters<Api['net']['setIp']>[0];

/** The call for a checked draft; the password goes straight from the form field into the call. */
export function buildSetIpRequest(problem: Problem, d: FixDraft, password: string): SetIpInput {
  const member = problem.members.find((m) => m.mac === d.mac) ?? defaultMember(problem);
  const req: SetIpInput = {
    iface: d.iface,
    ip: problem.ip,
    credentials: { username: d.username.trim(), password },
    newCidr: `${d.newIp.trim()}/${Number(d.prefix)}`,
  };
  if (member?.prefix) req.prefix = member.prefix;
  const mac = d.mac ?? member?.mac ?? null;
  if (mac) req.mac = mac;
  if (member?.xaddr) req.xaddr = member.xaddr;
  if (d.gateway.trim()) req.gateway = d.gateway.trim();
  return req;
}
