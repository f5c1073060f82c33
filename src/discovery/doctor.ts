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

type Params = DoctorCheck['params'];

/** One check; `code` names the message variant so a UI can word it in its own language. */
function check(id: string, status: DoctorCheck['status'], code: string, params: Params, title: string, detail: string): DoctorCheck {
  return { id, status, title, detail, code, params };
}

/** Builds the report from gathered facts. */
export function diagnose(f: DoctorFacts): DoctorReport {
  const checks: DoctorCheck[] = [];
  const { chosen } = chooseInterfaces(f.interfaces, []);
  const probe = chosen.map((i) => i.name);
  const byName = new Map(f.interfaces.map((i) => [i.name, i]));

  if (chosen.length > 0) {
    const list = chosen.map((i) => `${i.name} ${i.address}/${i.prefix}`).join(', ');
    checks.push(check('interfaces', 'ok', 'interfaces-found', { list }, 'Interfaces to probe', list));
  } else {
    checks.push(check('interfaces', 'fail', 'interfaces-none', {}, 'No wired or wireless interface with an IPv4 address',
      'Plug the cable into the site switch and give the laptop an address (DHCP or a static one in the cameras\' subnet), or name an interface with --iface.'));
  }

  const risky = f.interfaces.filter((i) => i.up && (i.kind === 'vpn' || i.kind === 'virtual' || i.kind === 'container') && i.addresses.some((a) => a.family === 'IPv4'));
  const vpns = risky.filter((i) => i.kind === 'vpn');
  if (vpns.length) {
    const names = vpns.map((i) => i.name).join(', ');
    checks.push(check('vpn', 'warn', 'vpn-up', { names }, 'VPN adapter is up',
      `${names}: a VPN may take the default or multicast route and some clients block LAN traffic. FieldKit probes each NIC directly; disconnect the VPN if devices are missing.`));
  }
  const virt = risky.filter((i) => i.kind !== 'vpn');
  if (virt.length) {
    checks.push(check('virtual-adapters', 'info', 'virtual-adapters', { names: virt.map((i) => i.name).join(', ') }, 'Virtual adapters present',
      `${virt.map((i) => `${i.name} (${i.kind})`).join(', ')}: skipped by default. Hyper-V, VirtualBox and VMware adapters can take multicast from other tools.`));
  }

  if (f.routes) {
    const mc = f.routes.multicast;
    const viaRisky = [...mc, ...(mc.length ? [] : f.routes.defaultRoute)].filter((n) => byName.get(n) && byName.get(n)!.kind !== 'physical' && byName.get(n)!.kind !== 'wireless');
    if (mc.length === 0 && f.routes.defaultRoute.length === 0) {
      checks.push(check('multicast-route', 'info', 'multicast-route-none', {}, 'No multicast or default route',
        'FieldKit chooses the interface for every probe itself; other tools may fail with "network unreachable" (add one: ip route add 224.0.0.0/4 dev IFACE).'));
    } else if (viaRisky.length) {
      const names = viaRisky.join(', ');
      checks.push(check('multicast-route', 'warn', 'multicast-route-virtual', { names }, 'Multicast leaves through a virtual or VPN adapter',
        `The route for 239.255.255.250 goes to ${names}. FieldKit still probes each NIC directly, but other discovery tools will send into that adapter.`));
    } else {
      const names = (mc.length ? mc : f.routes.defaultRoute).join(', ');
      checks.push(mc.length
        ? check('multicast-route', 'ok', 'multicast-route-ok', { names }, 'Multicast route', `239.255.255.250 routes via ${names}.`)
        : check('multicast-route', 'ok', 'multicast-route-default', { names }, 'Multicast route', `239.255.255.250 routes via ${names} (default route).`));
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
      const command = `sudo sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.${strict[0]}.rp_filter=2`;
      checks.push(check('rp-filter', 'warn', 'rp-filter-strict', { names: strict.join(', '), command }, 'Strict reverse-path filter (rp_filter=1)',
        `On ${strict.join(', ')} the kernel drops replies from cameras on other subnets. Allow them for this session: ${command}`));
    } else if (looseNoDefault.length) {
      const names = looseNoDefault.join(', ');
      checks.push(check('rp-filter', 'warn', 'rp-filter-loose-no-default', { names }, 'Loose rp_filter without a default route',
        `On ${names} replies from other subnets are dropped because no route leads back to them. Set rp_filter=0 or add a default route.`));
    } else {
      checks.push(check('rp-filter', 'ok', 'rp-filter-ok', {}, 'Reverse-path filter', 'Replies from cameras on other subnets are accepted.'));
    }
  }

  // The platform's per-firewall sentences are English; the params carry only the names.
  const active = f.firewalls.filter((w) => w.active === true);
  const unknown = f.firewalls.filter((w) => w.active === null);
  if (active.length) {
    checks.push(check('firewall', 'warn', 'firewall-on', { names: active.map((w) => w.name).join(', ') }, 'Host firewall is on',
      `${active.map((w) => `${w.name} (${w.detail})`).join('; ')}. Allow inbound ${DISCOVERY_PORTS} and replies to FieldKit's ephemeral ports, or devices stay invisible.`));
  } else if (unknown.length) {
    checks.push(check('firewall', 'info', 'firewall-unknown', { names: unknown.map((w) => w.name).join(', ') }, 'Firewall state unknown',
      `${unknown.map((w) => `${w.name}: ${w.detail}`).join('; ')}. If devices are missing, allow inbound ${DISCOVERY_PORTS}.`));
  } else if (f.firewalls.length) {
    checks.push(check('firewall', 'ok', 'firewall-off', { names: f.firewalls.map((w) => w.name).join(', ') }, 'Host firewall', f.firewalls.map((w) => w.detail).join('; ')));
  } else {
    checks.push(check('firewall', 'ok', 'firewall-none', {}, 'Host firewall', 'No host firewall found.'));
  }

  checks.push(
    f.portErrors.length
      ? check('listen-ports', 'warn', 'listen-ports-taken', { ports: f.portErrors.map((p) => p.port).join(', ') }, 'Some discovery ports are taken',
        `${f.portErrors.map((p) => `UDP ${p.port}: ${p.error}`).join('; ')}. Hello/Bye and NOTIFY on those ports will be missed; probe replies still arrive.`)
      : check('listen-ports', 'ok', 'listen-ports-ok', {}, 'Discovery ports', `Can listen on ${DISCOVERY_PORTS}.`),
  );

  // The reason's own code (net-admin, needs-pkexec, ...) lets a UI word the detail.
  const reason = f.privileges.code;
  checks.push(f.privileges.allowed
    ? check('privileges', 'ok', 'privileges-allowed', { reason }, 'May change network settings', f.privileges.reason)
    : check('privileges', 'info', 'privileges-denied', { reason }, 'May not change network settings yet', f.privileges.reason));

  return { platform: f.platform, interfaces: f.interfaces, probeInterfaces: probe, checks, privileges: f.privileges };
}
