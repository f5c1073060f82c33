/**
 * Pre-flight check for discovery: what on this laptop would make cameras invisible. Pure: the
 * facts are gathered by the caller from the ports, so every rule is unit-testable.
 */
import type { DoctorCheck, DoctorReport, NetInterface, NetworkPrivilege } from '../contract';
import type { FirewallFact } from '../platform/discovery-ports';
import { chooseInterfaces } from './interfaces';

/** Everything the doctor looks at. */
export interface DoctorFacts {
  platform: string;
  interfaces: NetInterface[];
  rpFilter: Record<string, number | null>;
  routes: { multicast: string[]; defaultRoute: string[] } | null;
  firewalls: FirewallFact[];
  privileges: NetworkPrivilege;
  /** Well-known discovery ports we could not listen on, with the OS error. */
  portErrors: Array<{ port: number; error: string }>;
}

const DISCOVERY_PORTS = 'UDP 3702 (ONVIF), 1900 (SSDP), 37020 (SADP) and 37810 (DHIP)';

/** Builds the report from gathered facts. */
export function diagnose(f: DoctorFacts): DoctorReport {
  const checks: DoctorCheck[] = [];
  const { chosen } = chooseInterfaces(f.interfaces, []);
  const probe = chosen.map((i) => i.name);
  const byName = new Map(f.interfaces.map((i) => [i.name, i]));

  checks.push(
    chosen.length > 0
      ? { id: 'interfaces', status: 'ok', title: 'Interfaces to probe', detail: chosen.map((i) => `${i.name} ${i.address}/${i.prefix}`).join(', ') }
      : {
          id: 'interfaces', status: 'fail', title: 'No wired or wireless interface with an IPv4 address',
          detail: 'Plug the cable into the site switch and give the laptop an address (DHCP or a static one in the cameras\' subnet), or name an interface with --iface.',
        },
  );

  const risky = f.interfaces.filter((i) => i.up && (i.kind === 'vpn' || i.kind === 'virtual' || i.kind === 'container') && i.addresses.some((a) => a.family === 'IPv4'));
  const vpns = risky.filter((i) => i.kind === 'vpn');
  if (vpns.length) {
    checks.push({
      id: 'vpn', status: 'warn', title: 'VPN adapter is up',
      detail: `${vpns.map((i) => i.name).join(', ')}: a VPN may take the default or multicast route and some clients block LAN traffic. FieldKit probes each NIC directly; disconnect the VPN if devices are missing.`,
    });
  }
  const virt = risky.filter((i) => i.kind !== 'vpn');
  if (virt.length) {
    checks.push({
      id: 'virtual-adapters', status: 'info', title: 'Virtual adapters present',
      detail: `${virt.map((i) => `${i.name} (${i.kind})`).join(', ')}: skipped by default. Hyper-V, VirtualBox and VMware adapters can take multicast from other tools.`,
    });
  }

  if (f.routes) {
    const mc = f.routes.multicast;
    const viaRisky = [...mc, ...(mc.length ? [] : f.routes.defaultRoute)].filter((n) => byName.get(n) && byName.get(n)!.kind !== 'physical' && byName.get(n)!.kind !== 'wireless');
    if (mc.length === 0 && f.routes.defaultRoute.length === 0) {
      checks.push({ id: 'multicast-route', status: 'info', title: 'No multicast or default route', detail: 'FieldKit chooses the interface for every probe itself; other tools may fail with "network unreachable" (add one: ip route add 224.0.0.0/4 dev IFACE).' });
    } else if (viaRisky.length) {
      checks.push({ id: 'multicast-route', status: 'warn', title: 'Multicast leaves through a virtual or VPN adapter', detail: `The route for 239.255.255.250 goes to ${viaRisky.join(', ')}. FieldKit still probes each NIC directly, but other discovery tools will send into that adapter.` });
    } else {
      checks.push({ id: 'multicast-route', status: 'ok', title: 'Multicast route', detail: `239.255.255.250 routes via ${(mc.length ? mc : f.routes.defaultRoute).join(', ')}${mc.length ? '' : ' (default route)'}.` });
    }
  }

  if (f.platform === 'linux') {
    const all = f.rpFilter.all ?? 0;
    const strict: string[] = [];
    const looseNoDefault: string[] = [];
    for (const name of probe) {
      const mode = Math.max(all, f.rpFilter[name] ?? 0);
      if (mode === 1) strict.push(name);
      else if (mode === 2 && f.routes && f.routes.defaultRoute.length === 0) looseNoDefault.push(name);
    }
    if (strict.length) {
      checks.push({ id: 'rp-filter', status: 'warn', title: 'Strict reverse-path filter (rp_filter=1)', detail: `On ${strict.join(', ')} the kernel drops replies from cameras on other subnets. Allow them for this session: sudo sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.${strict[0]}.rp_filter=2` });
    } else if (looseNoDefault.length) {
      checks.push({ id: 'rp-filter', status: 'warn', title: 'Loose rp_filter without a default route', detail: `On ${looseNoDefault.join(', ')} replies from other subnets are dropped because no route leads back to them. Set rp_filter=0 or add a default route.` });
    } else {
      checks.push({ id: 'rp-filter', status: 'ok', title: 'Reverse-path filter', detail: 'Replies from cameras on other subnets are accepted.' });
    }
  }

  const active = f.firewalls.filter((w) => w.active === true);
  const unknown = f.firewalls.filter((w) => w.active === null);
  if (active.length) {
    checks.push({ id: 'firewall', status: 'warn', title: 'Host firewall is on', detail: `${active.map((w) => `${w.name} (${w.detail})`).join('; ')}. Allow inbound ${DISCOVERY_PORTS} and replies to FieldKit's ephemeral ports, or devices stay invisible.` });
  } else if (unknown.length) {
    checks.push({ id: 'firewall', status: 'info', title: 'Firewall state unknown', detail: `${unknown.map((w) => `${w.name}: ${w.detail}`).join('; ')}. If devices are missing, allow inbound ${DISCOVERY_PORTS}.` });
  } else {
    checks.push({ id: 'firewall', status: 'ok', title: 'Host firewall', detail: f.firewalls.length ? f.firewalls.map((w) => w.detail).join('; ') : 'No host firewall found.' });
  }

  checks.push(
    f.portErrors.length
      ? { id: 'listen-ports', status: 'warn', title: 'Some discovery ports are taken', detail: `${f.portErrors.map((p) => `UDP ${p.port}: ${p.error}`).join('; ')}. Hello/Bye and NOTIFY on those ports will be missed; probe replies still arrive.` }
      : { id: 'listen-ports', status: 'ok', title: 'Discovery ports', detail: `Can listen on ${DISCOVERY_PORTS}.` },
  );

  checks.push({
    id: 'privileges', status: f.privileges.allowed ? 'ok' : 'info', title: f.privileges.allowed ? 'May change network settings' : 'May not change network settings yet',
    detail: f.privileges.reason,
  });

  return { platform: f.platform, interfaces: f.interfaces, probeInterfaces: probe, checks, privileges: f.privileges };
}
