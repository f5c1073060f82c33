import { describe, expect, it } from 'vitest';
import { obs, registry } from './registry-helpers';

describe('DeviceRegistry', () => {
  it('merges one camera answering four protocols into one row with four badges', () => {
    const r = registry();
    const a = r.observe(obs({ protocol: 'sadp', mac: '44:19:b6:12:34:56', fields: { model: 'DS-2CD2143G0-I', serial: 'DS-2CD2143G0-I2019AAWRC1234', mask: '255.255.255.0', activated: false, manufacturer: 'Hikvision' } }))!;
    const b = r.observe(obs({ protocol: 'onvif', endpoint: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456', mac: '44:19:b6:12:34:56', fields: { name: 'Gate', xaddrs: ['http://192.168.1.64/onvif/device_service'] } }))!;
    const c = r.observe(obs({ protocol: 'ssdp', udn: 'uuid:54575be6-1dd2-11b2-8a2b-4419b6123456', fields: { location: 'http://192.168.1.64:49152/rootDesc.xml' } }))!;
    // The UDN is the ONVIF endpoint's UUID (Hikvision does this): one device already; the UPnP
    // description then confirms it with the serial SADP reported.
    const d = r.observe(obs({ protocol: 'ssdp', cause: 'description', udn: 'uuid:54575be6-1dd2-11b2-8a2b-4419b6123456', fields: { serial: 'DS-2CD2143G0-I2019AAWRC1234', manufacturer: 'Hikvision Digital' } }))!;
    const e = r.observe(obs({ protocol: 'dhip', mac: '44:19:b6:12:34:56', fields: { model: 'other', manufacturer: 'Dahua' } }))!;
    expect(a.change).toBe('added');
    expect([b.id, e.id]).toEqual([a.id, a.id]);
    expect([c.id, c.change, d.id]).toEqual([a.id, 'updated', a.id]);
    expect(d.absorbed).toEqual([]);
    expect(r.size).toBe(1);
    const [dev] = r.list();
    expect(dev).toMatchObject({
      id: a.id, mac: '44:19:b6:12:34:56', protocols: ['onvif', 'ssdp', 'sadp', 'dhip'], ips: ['192.168.1.64'],
      model: 'DS-2CD2143G0-I', name: 'Gate', manufacturer: 'Hikvision Digital', mask: '255.255.255.0', activated: false,
      xaddrs: ['http://192.168.1.64/onvif/device_service'], location: 'http://192.168.1.64:49152/rootDesc.xml',
      endpoint: 'urn:uuid:54575be6-1dd2-11b2-8a2b-4419b6123456', udn: 'uuid:54575be6-1dd2-11b2-8a2b-4419b6123456',
      inSubnet: true, inSubnetReason: null, online: true, interfaces: ['eth0'],
    });
    expect(dev!.macVendor).toMatch(/Hikvision/);
  });

  it('reports a duplicate reply as unchanged', () => {
    const r = registry();
    const first = obs({ protocol: 'onvif', endpoint: 'urn:uuid:a', fields: { name: 'x' } });
    expect(r.observe(first)!.change).toBe('added');
    expect(r.observe({ ...first, at: first.at + 5 })!.change).toBe('unchanged');
    expect(r.size).toBe(1);
  });

  it('keeps the id when the device moves to another address', () => {
    const r = registry();
    const a = r.observe(obs({ protocol: 'sadp', mac: '44:19:b6:00:00:01', ip: '192.168.1.64' }))!;
    const b = r.observe(obs({ protocol: 'sadp', mac: '44:19:b6:00:00:01', ip: '10.0.0.64', fields: { mask: '255.255.255.0' } }))!;
    expect(b).toMatchObject({ id: a.id, change: 'updated' });
    expect(r.get(a.id)).toMatchObject({ ips: ['10.0.0.64'], inSubnet: false });
    expect(r.get(a.id)!.inSubnetReason).toMatch(/no laptop address in 10\.0\.0\.0\/24/);
  });

  it('never merges two MACs, even with the same ONVIF uuid (cloned firmware)', () => {
    const r = registry();
    r.observe(obs({ protocol: 'onvif', endpoint: 'urn:uuid:same', mac: '02:00:00:00:00:01' }));
    r.observe(obs({ protocol: 'onvif', endpoint: 'urn:uuid:same', mac: '02:00:00:00:00:02', ip: '192.168.1.65' }));
    expect(r.size).toBe(2);
  });

  it('merges an ONVIF endpoint and a UPnP UDN carrying the same UUID, in either order; other forms link nothing', () => {
    const U = '5f5a69c2-e0ae-504f-829b-4419b6123456';
    const r = registry();
    const a = r.observe(obs({ protocol: 'ssdp', udn: `uuid:${U}` }))!;
    const b = r.observe(obs({ protocol: 'onvif', endpoint: `urn:uuid:${U}` }))!;
    expect(b.id).toBe(a.id);
    expect(r.get(a.id)!.protocols).toEqual(['onvif', 'ssdp']);
    const r2 = registry();
    const c = r2.observe(obs({ protocol: 'onvif', endpoint: `urn:uuid:${U}` }))!;
    expect(r2.observe(obs({ protocol: 'ssdp', udn: `uuid:${U}` }))!.id).toBe(c.id);
    // Not a UUID: no cross-protocol link.
    const r3 = registry();
    r3.observe(obs({ protocol: 'ssdp', udn: 'uuid:camera-1' }));
    r3.observe(obs({ protocol: 'onvif', endpoint: 'urn:uuid:camera-1' }));
    expect(r3.size).toBe(2);
  });

  it('merges by serial number when nothing else links two answers', () => {
    const r = registry();
    const a = r.observe(obs({ protocol: 'dhip', mac: '3c:ef:8c:00:00:01', fields: { serial: '4J0123PAZ00011' } }))!;
    const b = r.observe(obs({ protocol: 'ssdp', cause: 'description', udn: 'uuid:x', fields: { serial: '4J0123PAZ00011' } }))!;
    expect(b.id).toBe(a.id);
    // Placeholder serials link nothing.
    r.observe(obs({ protocol: 'ssdp', cause: 'description', udn: 'uuid:y', fields: { serial: '00000000' } }));
    r.observe(obs({ protocol: 'ssdp', cause: 'description', udn: 'uuid:z', fields: { serial: '00000000' } }));
    expect(r.size).toBe(3);
  });

  it('ignores a Bye from a device it never listed, and marks a known one offline', () => {
    const r = registry();
    expect(r.observe(obs({ protocol: 'onvif', cause: 'bye', endpoint: 'urn:uuid:stranger' }))).toBeUndefined();
    const hello = r.observe(obs({ protocol: 'onvif', cause: 'hello', endpoint: 'urn:uuid:k' }))!;
    expect(hello.presence).toBe('online');
    const bye = r.observe(obs({ protocol: 'onvif', cause: 'bye', endpoint: 'urn:uuid:k' }))!;
    expect(bye).toMatchObject({ id: hello.id, presence: 'offline' });
    expect(r.get(hello.id)!.online).toBe(false);
  });

  it('learns a MAC from the neighbour table, merges with the SADP row, and lets the device correct a weak MAC', () => {
    const r = registry();
    const onvif = r.observe(obs({ protocol: 'onvif', endpoint: 'urn:uuid:n1', ip: '192.168.1.70' }))!;
    const sadp = r.observe(obs({ protocol: 'sadp', mac: '44:19:b6:00:00:70', ip: '192.168.1.70' }))!;
    expect(r.size).toBe(2);
    const learnt = r.learnMac('192.168.1.70', '44:19:b6:00:00:70');
    expect(learnt).toEqual([{ id: onvif.id, change: 'updated', absorbed: [sadp.id] }]);
    expect(r.size).toBe(1);
    expect(r.get(onvif.id)).toMatchObject({ mac: '44:19:b6:00:00:70', protocols: ['onvif', 'sadp'] });

    const ssdp = r.observe(obs({ protocol: 'ssdp', udn: 'uuid:behind-router', ip: '192.168.1.71' }))!;
    r.learnMac('192.168.1.71', '02:aa:00:00:00:01');
    expect(r.get(ssdp.id)!.mac).toBe('02:aa:00:00:00:01');
    const own = r.observe(obs({ protocol: 'ssdp', cause: 'description', udn: 'uuid:behind-router', mac: '00:40:8c:00:00:01', ip: '192.168.1.71' }))!;
    expect(own.id).toBe(ssdp.id);
    expect(r.get(ssdp.id)!.mac).toBe('00:40:8c:00:00:01');
  });

  it('does not merge two devices sharing a neighbour MAC when their UDNs differ', () => {
    const r = registry();
    const a = r.observe(obs({ protocol: 'ssdp', udn: 'uuid:a', ip: '192.168.1.80' }))!;
    const b = r.observe(obs({ protocol: 'ssdp', udn: 'uuid:b', ip: '192.168.1.81' }))!;
    r.learnMac('192.168.1.80', '02:00:00:00:00:99');
    r.learnMac('192.168.1.81', '02:00:00:00:00:99');
    expect(r.size).toBe(2);
    expect([r.get(a.id)!.mac, r.get(b.id)!.mac]).toEqual(['02:00:00:00:00:99', '02:00:00:00:00:99']);
  });

  it('restores stored records offline and keeps their ids and first-seen times', () => {
    const r = registry();
    const a = r.observe(obs({ protocol: 'sadp', mac: '44:19:b6:00:00:02' }))!;
    const firstSeen = r.get(a.id)!.firstSeen;
    const again = registry();
    again.load(JSON.parse(JSON.stringify(r.allRecords())));
    expect(again.get(a.id)).toMatchObject({ online: false, firstSeen });
    const seen = again.observe(obs({ protocol: 'sadp', mac: '44:19:b6:00:00:02' }))!;
    expect(seen).toMatchObject({ id: a.id, presence: 'online' });
    expect(again.get(a.id)!.firstSeen).toBe(firstSeen);
  });
});
