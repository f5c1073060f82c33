import type { DeviceNetState, FixStep as SetIpStep, SetIpResult } from '../contract/net';
import { FieldKitError } from '../contract/errors';
import { inPrefix } from '../discovery/ipv4';
import type { OnvifCredentials, OnvifDevice } from '../onvif/device';
import type { NetworkInterfaceInfo } from '../onvif/types';
import { cidrArg, ipv4Arg, macArg } from '../platform/net-args';
import type { NetConfig } from '../platform/netconfig';
import type { NetworkInfo } from '../platform/ports';
import { ChangeSet, type LaptopJournal } from './journal';
import { ensureReachable } from './reach';

export interface SetIpRequest {
  iface: string;
  /** The device's current address. */
  ip: string;
  /** Its current prefix length when known (SADP/DHIP tell; default 24). */
  prefix?: number;
  /** Needed when several devices answer for `ip`. */
  mac?: string;
  /** Device service URL; default http://IP/onvif/device_service. */
  xaddr?: string;
  credentials: OnvifCredentials;
  /** New address with prefix, e.g. 198.51.100.20/24. */
  newCidr: string;
  gateway?: string;
  verifyTimeoutMs?: number;
}

export type { DeviceNetState, SetIpResult, SetIpStep };

export interface SetIpDeps {
  net: NetConfig;
  info: NetworkInfo;
  journal: LaptopJournal;
  onvif: (xaddr: string, credentials: OnvifCredentials) => OnvifDevice;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onStep?: (step: SetIpStep) => void;
}

function pickInterface(list: NetworkInterfaceInfo[], mac: string | null): NetworkInterfaceInfo {
  const usable = list.filter((i) => i.enabled && i.ipv4);
  const byMac = mac ? usable.find((i) => i.mac === mac) : undefined;
  const nic = byMac ?? usable[0];
  if (!nic) throw new FieldKitError('failed', 'The camera reports no enabled IPv4 interface.');
  return nic;
}

async function readState(dev: OnvifDevice, mac: string | null): Promise<{ state: DeviceNetState; token: string }> {
  const info = await dev.getDeviceInformation();
  const nic = pickInterface(await dev.getNetworkInterfaces(), mac);
  const gw = await dev.getDefaultGateway().catch(() => [] as string[]);
  const addr = nic.ipv4?.dhcp ? nic.ipv4.fromDhcp : (nic.ipv4?.manual[0] ?? null);
  return {
    token: nic.token,
    state: {
      ip: addr?.address ?? null,
      prefix: addr?.prefix ?? null,
      dhcp: nic.ipv4?.dhcp ?? null,
      gateway: gw,
      mac: nic.mac,
      manufacturer: info.manufacturer,
      model: info.model,
      serial: info.serialNumber,
      firmware: info.firmwareVersion,
    },
  };
}

function withHost(xaddr: string, ip: string): string {
  const u = new URL(xaddr);
  u.hostname = ip;
  return u.toString();
}

/**
 * Changes one camera's address the way a technician would, automated: reach
 * it (temporary laptop alias, MAC pin when its IP is shared), read it, set the
 * new address, then verify by finding its MAC at the new address and reading
 * the configuration back with authentication, from that MAC (pinned). Laptop changes are journaled and
 * always removed, whatever happens. `ok` is true only when verified.
 */
export async function setDeviceIp(deps: SetIpDeps, req: SetIpRequest): Promise<SetIpResult> {
  const steps: SetIpStep[] = [];
  const step = (name: string, ok: boolean, detail: string) => {
    const s = { name, ok, detail, at: new Date(deps.now()).toISOString() };
    steps.push(s);
    deps.onStep?.(s);
  };
  const ip = ipv4Arg(req.ip);
  const target = cidrArg(req.newCidr);
  const gateway = req.gateway ? ipv4Arg(req.gateway) : undefined;
  const prefix = req.prefix ?? 24;
  const wantedMac = req.mac ? macArg(req.mac) : null;
  const changes = new ChangeSet(deps.journal, `set ${ip} → ${target.cidr}`);
  let before: DeviceNetState | null = null;
  let after: DeviceNetState | null = null;
  let verified = false;
  let error: string | null = null;
  try {
    const reach = await ensureReachable(deps, changes, req.iface, ip, prefix);
    step(
      'laptop-alias',
      true,
      reach.alias
        ? `added ${reach.alias} to ${req.iface}`
        : `the laptop is already in the device subnet${reach.shared ? ` (through ${reach.shared}, another operation's temporary address, kept until both are done)` : ''}`,
    );

    const macs = (await deps.net.arpRequest(req.iface, ip)).map((r) => r.mac);
    if (macs.length === 0) throw new FieldKitError('not_found', `Nothing answers ARP for ${ip} on ${req.iface}.`);
    if (wantedMac && !macs.includes(wantedMac)) throw new FieldKitError('not_found', `${wantedMac} does not answer for ${ip} (answering: ${macs.join(', ')}).`);
    if (macs.length > 1) {
      if (!wantedMac) throw new FieldKitError('conflict', `${macs.length} devices answer for ${ip} (${macs.join(', ')}): say which with its MAC.`);
      await changes.apply({ kind: 'neighbour', iface: req.iface, ip, mac: wantedMac });
      step('pin-mac', true, `pinned ${ip} to ${wantedMac} (${macs.length} devices share it)`);
    }
    const mac = wantedMac ?? macs[0]!;

    const xaddr = req.xaddr ?? `http://${ip}/onvif/device_service`;
    const dev = deps.onvif(xaddr, req.credentials);
    const clock = await dev.syncClock();
    step('clock', true, `camera clock offset ${Math.round(clock.offsetMs / 1000)} s`);
    const read = await readState(dev, mac);
    before = read.state;
    step('read-before', true, `${before.manufacturer} ${before.model}, ${before.ip}/${before.prefix}`);

    // The RFC 5227 probe below cannot see the laptop's own addresses (a host does not answer its own
    // probe): a camera told to take one would become unreachable.
    const own = (await deps.info.listInterfaces()).find((i) => i.addresses.some((a) => a.family === 'IPv4' && a.address === target.ip));
    if (own) throw new FieldKitError('conflict', `${target.ip} is this laptop's own address on ${own.name}; choose another address for the camera.`);
    const newReach = await ensureReachable(deps, changes, req.iface, target.ip, target.prefix, [ip]);
    if (newReach.alias) step('laptop-alias-new', true, `added ${newReach.alias} to ${req.iface}`);
    if (target.ip !== ip) {
      const p = await deps.net.probe(req.iface, target.ip);
      if (!p.free && !p.macs.every((m) => m === mac)) throw new FieldKitError('conflict', `${target.ip} is already used by ${p.macs.join(', ')}.`);
      step('probe-new', true, `${target.ip} is free`);
    }

    if (gateway) {
      if (!inPrefix(gateway, target.ip, target.prefix)) throw new FieldKitError('invalid_input', `Gateway ${gateway} is not in ${target.cidr}.`);
      await dev.setDefaultGateway(gateway);
      step('set-gateway', true, gateway);
    }
    const set = await dev.setNetworkInterface(read.token, { dhcp: false, address: target.ip, prefix: target.prefix });
    step('set-ip', true, `the camera accepted ${target.cidr}${set.rebootNeeded ? ' (reboot needed)' : ''}`);
    if (set.rebootNeeded) {
      await dev.systemReboot().catch(() => '');
      step('reboot', true, 'reboot requested');
    }

    const deadline = deps.now() + (req.verifyTimeoutMs ?? 20_000);
    let seen = false;
    while (deps.now() < deadline) {
      if ((await deps.net.arpRequest(req.iface, target.ip, { first: true })).some((r) => r.mac === mac)) {
        seen = true;
        break;
      }
      await deps.sleep(100);
    }
    if (!seen) {
      const still = (await deps.net.arpRequest(req.iface, ip)).some((r) => r.mac === mac);
      step('rediscover', false, still ? `the camera answered OK but is still at ${ip}: it did not apply the change` : `${mac} did not appear at ${target.ip}`);
    } else {
      step('rediscover', true, `${mac} answers at ${target.ip}`);
      // HTTP to the new address goes to whichever MAC the laptop's ARP cache holds for it: another
      // device there (a duplicate, one that was off during the probe) would answer the read-back.
      await changes.apply({ kind: 'neighbour', iface: req.iface, ip: target.ip, mac });
      const moved = deps.onvif(withHost(xaddr, target.ip), req.credentials);
      await moved.syncClock();
      after = (await readState(moved, mac)).state;
      const ipOk = after.ip === target.ip && after.prefix === target.prefix;
      const gwOk = !gateway || after.gateway.includes(gateway);
      // A device that reports no MAC cannot be told apart; one that reports another MAC is not the camera.
      const macOk = !after.mac || after.mac === mac;
      verified = ipOk && gwOk && macOk;
      const reported = `reports ${after.ip}/${after.prefix}${gateway ? `, gateway ${after.gateway.join(',') || 'none'}` : ''}`;
      step(
        'read-back',
        verified,
        macOk ? `the camera ${reported}` : `another device answered at ${target.ip} (MAC ${after.mac}, not the camera's ${mac}); it ${reported}`,
      );
    }
  } catch (err) {
    error = (err as Error).message;
    step('error', false, error);
  }
  // Always, even after an error: the laptop must end as it started.
  const cleanup = await changes.revertAll();
  step('cleanup', cleanup.length === 0, cleanup.length ? cleanup.join('; ') : 'laptop changes removed');
  return { ok: verified && cleanup.length === 0, verified, before, after, steps, error };
}
