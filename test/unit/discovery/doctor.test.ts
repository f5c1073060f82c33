import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../../src/contract';
import { diagnose, type DoctorFacts } from '../../../src/discovery/doctor';
import { chooseInterfaces, laptopAddresses } from '../../../src/discovery/interfaces';

const iface = (name: string, kind: NetInterface['kind'], cidr?: string, up = true): NetInterface => ({
  name, kind, up, mac: null, kindReason: `${kind} for the test`,
  addresses: cidr ? [{ family: 'IPv4', address: cidr.split('/')[0]!, netmask: '', prefix: Number(cidr.split('/')[1]), cidr }] : [],
});
const facts = (over: Partial<DoctorFacts> = {}): DoctorFacts => ({
  platform: 'linux',
  interfaces: [iface('lo', 'loopback', '127.0.0.1/8'), iface('enp3s0', 'physical', '192.168.1.10/24')],
  rpFilter: { all: 0, default: 0, enp3s0: 0 },
  routes: { multicast: [], defaultRoute: ['enp3s0'] },
  firewalls: [],
  privileges: { allowed: true, code: 'net-admin', reason: 'root', elevation: null },
  portErrors: [],
  ...over,
});
const status = (f: DoctorFacts) => Object.fromEntries(diagnose(f).checks.map((c) => [c.id, c.status]));
const detail = (f: DoctorFacts, id: string) => diagnose(f).checks.find((c) => c.id === id)?.detail ?? '';

describe('doctor', () => {
  it('is all green on a plain wired laptop', () => {
    expect(status(facts())).toEqual({ interfaces: 'ok', 'multicast-route': 'ok', 'rp-filter': 'ok', firewall: 'ok', 'listen-ports': 'ok', privileges: 'ok' });
  });
  it('fails without a usable NIC', () => {
    expect(status(facts({ interfaces: [iface('enp3s0', 'physical', undefined)] })).interfaces).toBe('fail');
  });
  it('warns about a VPN that owns the route to multicast', () => {
    const f = facts({ interfaces: [...facts().interfaces, iface('tun0', 'vpn', '10.8.0.2/24')], routes: { multicast: [], defaultRoute: ['tun0'] } });
    expect(status(f)).toMatchObject({ vpn: 'warn', 'multicast-route': 'warn' });
    expect(detail(f, 'multicast-route')).toMatch(/tun0/);
  });
  it('warns about strict rp_filter, and loose rp_filter without a default route', () => {
    expect(status(facts({ rpFilter: { all: 1, enp3s0: 0 } }))['rp-filter']).toBe('warn');
    expect(detail(facts({ rpFilter: { all: 0, enp3s0: 1 } }), 'rp-filter')).toMatch(/sysctl -w net\.ipv4\.conf\.all\.rp_filter=2/);
    expect(status(facts({ rpFilter: { all: 2 }, routes: { multicast: ['enp3s0'], defaultRoute: [] } }))['rp-filter']).toBe('warn');
    expect(status(facts({ rpFilter: { all: 2 } }))['rp-filter']).toBe('ok');
  });
  it('gives firewall hints with the discovery ports', () => {
    const f = facts({ firewalls: [{ name: 'ufw', active: true, detail: 'ufw is enabled' }] });
    expect(status(f).firewall).toBe('warn');
    expect(detail(f, 'firewall')).toMatch(/3702.*1900.*37020.*37810/);
  });
  it('reports ports it cannot listen on and the privilege state', () => {
    const f = facts({ portErrors: [{ port: 3702, error: 'EACCES' }], privileges: { allowed: false, code: 'needs-pkexec', reason: 'pkexec will ask', elevation: 'pkexec' } });
    expect(status(f)).toMatchObject({ 'listen-ports': 'warn', privileges: 'info' });
  });
  it('says nothing about rp_filter on Windows', () => {
    expect(status(facts({ platform: 'win32', routes: null }))).not.toHaveProperty('rp-filter');
  });
});

describe('doctor codes', () => {
  const codes = (f: DoctorFacts) => Object.fromEntries(diagnose(f).checks.map((c) => [c.id, [c.code, c.params]]));

  it('names every message variant with a code and the values its text needs', () => {
    expect(codes(facts())).toEqual({
      interfaces: ['interfaces-found', { list: 'enp3s0 192.168.1.10/24' }],
      'multicast-route': ['multicast-route-default', { names: 'enp3s0' }],
      'rp-filter': ['rp-filter-ok', {}],
      firewall: ['firewall-none', {}],
      'listen-ports': ['listen-ports-ok', {}],
      privileges: ['privileges-allowed', { reason: 'net-admin' }],
    });
    const bad = facts({
      interfaces: [iface('enp3s0', 'physical', undefined), iface('tun0', 'vpn', '10.8.0.2/24'), iface('docker0', 'container', '172.17.0.1/16'), iface('vboxnet0', 'virtual', '192.168.56.1/24')],
      routes: { multicast: ['tun0'], defaultRoute: [] },
      firewalls: [{ name: 'ufw', active: true, detail: 'ufw is enabled' }, { name: 'nftables', active: null, detail: 'needs root' }],
      portErrors: [{ port: 3702, error: 'bind EADDRINUSE 0.0.0.0:3702' }, { port: 1900, error: 'bind EACCES 0.0.0.0:1900' }],
      privileges: { allowed: false, code: 'needs-pkexec', reason: 'pkexec will ask', elevation: 'pkexec' },
    });
    expect(codes(bad)).toEqual({
      interfaces: ['interfaces-none', {}],
      vpn: ['vpn-up', { names: 'tun0' }],
      'virtual-adapters': ['virtual-adapters', { names: 'docker0, vboxnet0' }],
      'multicast-route': ['multicast-route-virtual', { names: 'tun0' }],
      'rp-filter': ['rp-filter-ok', {}],
      firewall: ['firewall-on', { names: 'ufw' }],
      'listen-ports': ['listen-ports-taken', { ports: '3702, 1900' }],
      privileges: ['privileges-denied', { reason: 'needs-pkexec' }],
    });
  });

  it('codes the route, rp_filter and firewall variants apart', () => {
    const code = (f: DoctorFacts, id: string) => diagnose(f).checks.find((c) => c.id === id);
    expect(code(facts({ routes: { multicast: ['enp3s0'], defaultRoute: [] } }), 'multicast-route')).toMatchObject({ code: 'multicast-route-ok', params: { names: 'enp3s0' } });
    expect(code(facts({ routes: { multicast: [], defaultRoute: [] } }), 'multicast-route')).toMatchObject({ code: 'multicast-route-none', params: {} });
    expect(code(facts({ rpFilter: { all: 0, enp3s0: 1 } }), 'rp-filter')).toMatchObject({
      code: 'rp-filter-strict', params: { names: 'enp3s0', command: 'sudo sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.enp3s0.rp_filter=2' },
    });
    expect(code(facts({ rpFilter: { all: 2 }, routes: { multicast: ['enp3s0'], defaultRoute: [] } }), 'rp-filter')).toMatchObject({ code: 'rp-filter-loose-no-default', params: { names: 'enp3s0' } });
    expect(code(facts({ firewalls: [{ name: 'nftables', active: null, detail: 'needs root' }] }), 'firewall')).toMatchObject({ code: 'firewall-unknown', params: { names: 'nftables' } });
    expect(code(facts({ firewalls: [{ name: 'ufw', active: false, detail: 'ufw is installed but disabled' }] }), 'firewall')).toMatchObject({
      code: 'firewall-off', params: { names: 'ufw' }, detail: 'ufw is installed but disabled',
    });
  });

  it('keeps the English title and detail for the CLI', () => {
    const c = diagnose(facts({ rpFilter: { all: 1 } })).checks.find((x) => x.id === 'rp-filter')!;
    expect(c.title).toBe('Strict reverse-path filter (rp_filter=1)');
    expect(c.detail).toMatch(/^On enp3s0 the kernel drops replies from cameras on other subnets\./);
  });
});

describe('chooseInterfaces', () => {
  const all = [
    iface('lo', 'loopback', '127.0.0.1/8'), iface('eth0', 'physical', '192.168.1.10/24'), iface('wlan0', 'wireless', '10.0.0.5/24'),
    iface('docker0', 'container', '172.17.0.1/16'), iface('tun0', 'vpn', '10.8.0.2/24'), iface('eth1', 'physical', undefined), iface('eth2', 'physical', '10.1.0.1/24', false),
  ];
  it('takes up physical and wireless IPv4 NICs by default and says why others are skipped', () => {
    const c = chooseInterfaces(all, []);
    expect(c.chosen.map((i) => i.name)).toEqual(['eth0', 'wlan0']);
    expect(c.warnings.join('\n')).toMatch(/docker0 skipped[\s\S]*tun0 skipped/);
  });
  it('judges in-subnet against every up interface, probed or not (a scan on one NIC leaves the others in place)', () => {
    expect(laptopAddresses(all).map((a) => `${a.iface} ${a.address}/${a.prefix}`)).toEqual([
      'eth0 192.168.1.10/24', 'wlan0 10.0.0.5/24', 'docker0 172.17.0.1/16', 'tun0 10.8.0.2/24',
    ]);
  });
  it('takes any named interface, warns about unusable ones and rejects unknown names', () => {
    const c = chooseInterfaces(all, ['tun0', 'eth1', 'eth2']);
    expect(c.chosen.map((i) => i.name)).toEqual(['tun0']);
    expect(c.warnings).toEqual(['eth1 has no IPv4 address: it is not probed', 'eth2 is down: it is not probed']);
    expect(() => chooseInterfaces(all, ['nope'])).toThrow(/No interface named "nope"/);
  });
});
