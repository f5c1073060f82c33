import { describe, expect, it } from 'vitest';
import { cidrOf, inPrefix, ipToInt, maskToPrefix } from '../../../src/discovery/ipv4';
import { subnetState } from '../../../src/discovery/subnet';

describe('ipv4 helpers', () => {
  it('converts, masks and compares', () => {
    expect(ipToInt('192.168.1.64')).toBe(0xc0a80140);
    expect(ipToInt('256.1.1.1')).toBeUndefined();
    expect(maskToPrefix('255.255.255.0')).toBe(24);
    expect(maskToPrefix('255.255.0.0')).toBe(16);
    expect(maskToPrefix('0.0.0.0')).toBe(0);
    expect(maskToPrefix('255.255.255.255')).toBe(32);
    expect(maskToPrefix('255.0.255.0')).toBeUndefined();
    expect(cidrOf('10.1.2.3', 16)).toBe('10.1.0.0/16');
    expect(inPrefix('10.1.200.3', '10.1.0.1', 16)).toBe(true);
    expect(inPrefix('10.2.0.3', '10.1.0.1', 16)).toBe(false);
  });
});

describe('subnetState', () => {
  const laptop = [{ address: '198.51.100.1', prefix: 24, iface: 'br0' }, { address: '203.0.113.1', prefix: 24, iface: 'br1' }];
  it('is in subnet when a laptop address shares it', () => {
    expect(subnetState(['203.0.113.20'], null, laptop)).toEqual({ inSubnet: true, reason: null });
    expect(subnetState(['198.51.100.9'], '255.255.255.0', laptop)).toEqual({ inSubnet: true, reason: null });
  });
  it('explains a foreign subnet', () => {
    expect(subnetState(['192.168.1.64'], '255.255.255.0', laptop).reason).toBe('no laptop address in 192.168.1.0/24 (laptop: 198.51.100.0/24, 203.0.113.0/24)');
    expect(subnetState(['192.168.1.64'], null, laptop).reason).toMatch(/no laptop address in a subnet containing 192\.168\.1\.64/);
  });
  it('explains a mask mismatch (the device would answer through its gateway)', () => {
    const s = subnetState(['198.51.100.200'], '255.255.255.128', laptop);
    expect(s.inSubnet).toBe(false);
    expect(s.reason).toMatch(/mask 255\.255\.255\.128 puts it in 198\.51\.100\.128\/25/);
  });
  it('handles a laptop without addresses and a device without one', () => {
    expect(subnetState(['1.2.3.4'], null, []).inSubnet).toBe(false);
    expect(subnetState([], null, laptop).reason).toMatch(/no IPv4/);
  });
});
