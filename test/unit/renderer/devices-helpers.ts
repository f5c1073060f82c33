import type { DiscoveredDevice, DoctorCheck, NetInterface, NetworkPrivilege } from '../../../src/contract';
import { diagnose, type DoctorFacts } from '../../../src/discovery/doctor';

/** A device as the core sends it; fields not given are empty. */
export function device(p: Partial<DiscoveredDevice> & { id: string }): DiscoveredDevice {
  return {
    mac: null,
    macVendor: null,
    ips: [],
    mask: null,
    gateway: null,
    interfaces: [],
    protocols: [],
    manufacturer: null,
    model: null,
    name: null,
    serial: null,
    firmware: null,
    xaddrs: [],
    endpoint: null,
    location: null,
    udn: null,
    activated: null,
    dhcp: null,
    httpPort: null,
    inSubnet: true,
    inSubnetReason: null,
    online: true,
    firstSeen: '2024-05-01T10:00:00.000Z',
    lastSeen: '2024-05-01T10:00:00.000Z',
    ...p,
  };
}

/** A laptop interface with IPv4 addresses in CIDR form. */
export function iface(name: string, kind: NetInterface['kind'], cidrs: string[], up = true): NetInterface {
  return {
    name,
    kind,
    kindReason: 'test',
    up,
    mac: null,
    addresses: cidrs.map((cidr) => {
      const [address, prefix] = cidr.split('/');
      return { family: 'IPv4' as const, address: address!, prefix: Number(prefix), cidr, netmask: '' };
    }),
  };
}

/** The lab's site: a Hikvision on every protocol, a Dahua on a second NIC, an off-subnet camera, two cameras sharing one IP. */
export const HIK = device({
  id: 'mac-4419b6000001', mac: '44:19:b6:00:00:01', macVendor: 'Hangzhou Hikvision', ips: ['198.51.100.10'], mask: '255.255.255.0',
  interfaces: ['eth0'], protocols: ['onvif', 'ssdp', 'sadp', 'dhip'], manufacturer: 'Hikvision', model: 'DS-2CD2143G0-I', name: 'Gate',
  serial: 'DS-2CD2143G0-I20190101AAWRC1', xaddrs: ['http://198.51.100.10/onvif/device_service'], endpoint: 'urn:uuid:1111',
});
export const DAHUA = device({
  id: 'mac-3ce36b000002', mac: '3c:e3:6b:00:00:02', ips: ['203.0.113.20'], interfaces: ['eth1'], protocols: ['onvif', 'dhip'],
  manufacturer: 'Dahua', model: 'IPC-HDW4431C-A', name: 'Yard',
});
export const OFF = device({
  id: 'mac-4419b6000003', mac: '44:19:b6:00:00:03', macVendor: 'Hangzhou Hikvision', ips: ['192.168.1.64'], mask: '255.255.255.0',
  interfaces: ['eth0'], protocols: ['sadp'], inSubnet: false,
  inSubnetReason: 'no laptop address in 192.168.1.0/24 (laptop: 198.51.100.0/24, 203.0.113.0/24)', online: false,
});
export const DUP_A = device({ id: 'mac-020000000004', mac: '02:00:00:00:00:04', ips: ['198.51.100.30'], protocols: ['sadp'], interfaces: ['eth0'] });
export const DUP_B = device({ id: 'mac-020000000005', mac: '02:00:00:00:00:05', ips: ['198.51.100.30'], protocols: ['sadp'], interfaces: ['eth0'] });

/** Doctor facts for every check variant the core produces: both the Devices and the System page tests walk them. */
const allowed: NetworkPrivilege = { allowed: true, code: 'net-admin', reason: 'root', elevation: null };
const denied: NetworkPrivilege = { allowed: false, code: 'needs-pkexec', reason: 'not root', elevation: 'pkexec' };
const eth0 = iface('eth0', 'physical', ['198.51.100.1/24']);
const base: DoctorFacts = {
  platform: 'linux', interfaces: [eth0], rpFilter: { all: 0, eth0: 0 }, routes: { multicast: ['eth0'], defaultRoute: [] },
  firewalls: [], privileges: allowed, portErrors: [],
};
const DOCTOR_VARIANTS: Array<Partial<DoctorFacts>> = [
  {},
  { interfaces: [] as NetInterface[], privileges: denied },
  { interfaces: [eth0, iface('tun0', 'vpn', ['10.8.0.2/24']), iface('docker0', 'container', ['172.17.0.1/16'])], routes: { multicast: ['tun0'], defaultRoute: [] } },
  { routes: { multicast: [], defaultRoute: [] }, rpFilter: { all: 1 } },
  { routes: { multicast: [], defaultRoute: ['eth0'] } },
  { rpFilter: { all: 2 }, routes: { multicast: ['eth0'], defaultRoute: [] } },
  { firewalls: [{ name: 'nftables', active: true, detail: 'an input chain drops by default' }], portErrors: [{ port: 3702, error: 'bind EADDRINUSE 0.0.0.0:3702' }] },
  { firewalls: [{ name: 'ufw', active: null, detail: 'cannot tell' }] },
  { firewalls: [{ name: 'ufw', active: false, detail: 'ufw is installed but disabled' }], routes: null },
];

/** The checks the core's own diagnose() makes for every variant. */
export function doctorVariantChecks(): DoctorCheck[] {
  return DOCTOR_VARIANTS.flatMap((v) => diagnose({ ...base, ...v }).checks);
}
