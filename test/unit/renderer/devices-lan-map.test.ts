import { describe, expect, it } from 'vitest';
import { findIpConflicts, groupBySubnet, laptopSubnets } from '../../../renderer/src/features/devices/lan-map';
import { DAHUA, device, DUP_A, DUP_B, HIK, iface, OFF } from './devices-helpers';

const NICS = [
  iface('lo', 'loopback', ['127.0.0.1/8']),
  iface('eth0', 'physical', ['198.51.100.1/24']),
  iface('eth1', 'physical', ['203.0.113.1/24']),
  iface('wlan0', 'wireless', [], true),
  iface('docker0', 'container', ['172.17.0.1/16']),
  iface('br0', 'virtual', ['10.9.0.1/24']),
  iface('eth2', 'physical', ['192.0.2.1/24'], false),
];

describe('laptop subnets', () => {
  it('are the IPv4 subnets of up wired/wireless interfaces, skipping loopback, down and virtual ones', () => {
    expect(laptopSubnets(NICS).map((l) => `${l.iface} ${l.cidr} ${l.address}`)).toEqual([
      'eth0 198.51.100.0/24 198.51.100.1',
      'eth1 203.0.113.0/24 203.0.113.1',
    ]);
  });

  it('include a virtual interface the technician scanned', () => {
    expect(laptopSubnets(NICS, ['br0']).map((l) => l.cidr)).toContain('10.9.0.0/24');
    expect(laptopSubnets(NICS, ['lo']).map((l) => l.cidr)).not.toContain('127.0.0.0/8');
  });
});

describe('IP conflicts', () => {
  it('are addresses that several MACs answer from', () => {
    const c = findIpConflicts([HIK, DAHUA, OFF, DUP_A, DUP_B]);
    expect([...c.keys()]).toEqual(['198.51.100.30']);
    expect(c.get('198.51.100.30')).toEqual({ ip: '198.51.100.30', macs: ['02:00:00:00:00:04', '02:00:00:00:00:05'], deviceIds: [DUP_A.id, DUP_B.id] });
  });

  it('ignore an old address another device has taken since, and records without a MAC', () => {
    const moved = device({ id: 'a', mac: '02:00:00:00:00:0a', ips: ['198.51.100.50', '198.51.100.40'] });
    const taker = device({ id: 'b', mac: '02:00:00:00:00:0b', ips: ['198.51.100.40'] });
    const noMac = device({ id: 'c', ips: ['198.51.100.50'] });
    expect(findIpConflicts([moved, taker, noMac]).size).toBe(0);
  });
});

describe('grouping by subnet', () => {
  const laptop = laptopSubnets(NICS);

  it('makes one group per laptop subnet (even empty), then foreign subnets', () => {
    const groups = groupBySubnet([HIK, DAHUA, OFF, DUP_A, DUP_B], laptop);
    expect(groups.map((g) => `${g.kind} ${g.cidr} ${g.devices.map((d) => d.id).join(',')}`)).toEqual([
      `laptop 198.51.100.0/24 ${HIK.id},${DUP_A.id},${DUP_B.id}`,
      `laptop 203.0.113.0/24 ${DAHUA.id}`,
      `foreign 192.168.1.0/24 ${OFF.id}`,
    ]);
    expect(groups[2]?.assumedPrefix).toBe(false);
    expect(groupBySubnet([], laptop).map((g) => g.devices.length)).toEqual([0, 0]);
  });

  it('sizes a foreign subnet from a reported mask, else guesses /24 and says so', () => {
    const wide = device({ id: 'w', ips: ['10.1.2.3'], mask: '255.255.0.0' });
    const guess = device({ id: 'g', ips: ['172.20.5.9'] });
    const groups = groupBySubnet([guess, wide], laptop).filter((g) => g.kind === 'foreign');
    expect(groups.map((g) => [g.cidr, g.assumedPrefix])).toEqual([['10.1.0.0/16', false], ['172.20.5.0/24', true]]);
  });

  it('keeps an address the laptop shares with another interface in one group listing both', () => {
    const two = [...NICS, iface('eth3', 'physical', ['198.51.100.2/24'])];
    const groups = groupBySubnet([HIK], laptopSubnets(two));
    expect(groups[0]?.laptop.map((l) => l.iface)).toEqual(['eth0', 'eth3']);
    expect(groups.filter((g) => g.cidr === '198.51.100.0/24')).toHaveLength(1);
  });

  it('puts devices without an IPv4 address in their own group at the end', () => {
    const groups = groupBySubnet([device({ id: 'n' }), HIK], laptop);
    expect(groups.at(-1)).toMatchObject({ kind: 'noAddress', devices: [{ id: 'n' }] });
  });
});
