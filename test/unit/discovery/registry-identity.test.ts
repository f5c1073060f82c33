import { describe, expect, it } from 'vitest';
import { advanceClock, obs, registry } from './registry-helpers';

/** The registry's identity-less rows and the addresses its in-subnet check judges. */
describe('DeviceRegistry: identity-less devices and re-addressed cameras', () => {
  it('does not add a new row for every reply of a device that carries no identity (no MAC, endpoint, UDN or serial)', () => {
    // Reachable: a ProbeMatch with an empty EndpointReference and no MAC scope (parseMatch defaults
    // the address to '', the engine only skips that for Bye), or a UPnP description without UDN.
    const r = registry();
    const first = r.observe(obs({ protocol: 'onvif', fields: { name: 'cam' } }))!;
    const again = r.observe(obs({ protocol: 'onvif', fields: { name: 'cam' } }))!;
    const third = r.observe(obs({ protocol: 'onvif', fields: { name: 'cam' } }))!;
    expect(first.id).toBe('ip-192-168-1-64-onvif');
    // Not ip-…-onvif, ip-…-onvif-2, ip-…-onvif-3: one row for one camera.
    expect([again.id, third.id]).toEqual([first.id, first.id]);
    expect(r.size).toBe(1);
  });

  it('judges in-subnet on the address the device now reports, not an older one another protocol saw', () => {
    const r = registry();
    const mac = '44:19:b6:00:00:01';
    r.observe(obs({ protocol: 'onvif', mac, endpoint: 'urn:uuid:aaaa', ip: '192.168.1.64' }));
    const a = r.observe(obs({ protocol: 'sadp', mac, ip: '192.168.1.64', fields: { mask: '255.255.255.0' } }))!;
    // The camera is re-addressed (SADP tool, reset, DHCP) into another subnet and reboots; a later
    // round's SADP reply reports it, the ONVIF reply of that round was lost (UDP) or ONVIF is
    // disabled on the camera.
    advanceClock(90_000);
    r.observe(obs({ protocol: 'sadp', mac, ip: '10.0.0.64', fields: { mask: '255.255.255.0' } }));
    const dev = r.get(a.id)!;
    expect(dev.ips).toEqual(['10.0.0.64', '192.168.1.64']);
    // The superseded 192.168.1.64 stays listed but no longer makes the camera "in subnet", so the
    // Network page lists the off-subnet problem.
    expect(dev.inSubnet).toBe(false);
    expect(dev.inSubnetReason).toMatch(/no laptop address in 10\.0\.0\.0\/24/);
  });

  it('counts every address reported in the same round (a camera answering from two addresses)', () => {
    const r = registry();
    const mac = '44:19:b6:00:00:02';
    r.observe(obs({ protocol: 'onvif', mac, endpoint: 'urn:uuid:bbbb', ip: '192.168.1.65' }));
    const b = r.observe(obs({ protocol: 'sadp', mac, ip: '10.0.0.65' }))!;
    expect(r.get(b.id)).toMatchObject({ ips: ['10.0.0.65', '192.168.1.65'], inSubnet: true });
  });
});
