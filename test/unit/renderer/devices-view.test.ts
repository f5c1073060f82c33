import { describe, expect, it } from 'vitest';
import {
  filterDevices, nextSort, NO_FILTERS, sortDevices, vendorOf, vendorOptions, type DeviceFilters,
} from '../../../renderer/src/features/devices/device-view';
import { compareIps, cidrOf, inPrefix, ipToInt, maskToPrefix } from '../../../renderer/src/features/devices/ipv4';
import { DAHUA, device, DUP_A, DUP_B, HIK, OFF } from './devices-helpers';

const ALL = [HIK, DAHUA, OFF, DUP_A, DUP_B];
const ids = (list: { id: string }[]) => list.map((d) => d.id);
const f = (p: Partial<DeviceFilters>): DeviceFilters => ({ ...NO_FILTERS, ...p });

describe('ipv4 helpers', () => {
  it('parse, mask and order addresses numerically', () => {
    expect(ipToInt('198.51.100.10')).toBe(0xc633640a);
    expect(ipToInt('256.1.1.1')).toBeNull();
    expect(ipToInt('1.2.3')).toBeNull();
    expect(maskToPrefix('255.255.252.0')).toBe(22);
    expect(maskToPrefix('255.0.255.0')).toBeNull();
    expect(cidrOf('192.168.1.64', 24)).toBe('192.168.1.0/24');
    expect(inPrefix('10.0.3.9', '10.0.0.1', 22)).toBe(true);
    expect(inPrefix('10.0.4.9', '10.0.0.1', 22)).toBe(false);
    expect(['10.0.0.10', 'x', '10.0.0.9', '9.255.0.1'].sort(compareIps)).toEqual(['9.255.0.1', '10.0.0.9', '10.0.0.10', 'x']);
  });
});

describe('device filters', () => {
  it('with no filter keeps everything', () => {
    expect(filterDevices(ALL, NO_FILTERS)).toHaveLength(5);
  });

  it('protocol: keeps devices answering any chosen protocol', () => {
    expect(ids(filterDevices(ALL, f({ protocols: ['ssdp'] })))).toEqual([HIK.id]);
    expect(ids(filterDevices(ALL, f({ protocols: ['dhip', 'ssdp'] })))).toEqual([HIK.id, DAHUA.id]);
  });

  it('vendor: by name (the device\'s own, else the MAC owner), or devices with none', () => {
    expect(vendorOf(OFF)).toBe('Hangzhou Hikvision');
    expect(ids(filterDevices(ALL, f({ vendor: { type: 'is', name: 'Dahua' } })))).toEqual([DAHUA.id]);
    expect(ids(filterDevices(ALL, f({ vendor: { type: 'unknown' } })))).toEqual([DUP_A.id, DUP_B.id]);
    expect(vendorOptions(ALL)).toEqual({ names: ['Dahua', 'Hangzhou Hikvision', 'Hikvision'], unknown: true });
  });

  it('subnet state: in, off, and devices whose address is in conflict', () => {
    expect(ids(filterDevices(ALL, f({ subnet: 'off' })))).toEqual([OFF.id]);
    expect(filterDevices(ALL, f({ subnet: 'in' }))).toHaveLength(4);
    expect(ids(filterDevices(ALL, f({ subnet: 'conflict' }), new Set(['198.51.100.30'])))).toEqual([DUP_A.id, DUP_B.id]);
    expect(filterDevices(ALL, f({ subnet: 'conflict' }))).toEqual([]);
  });

  it('text: every word must match some field, case-insensitively; MACs match without separators', () => {
    expect(ids(filterDevices(ALL, f({ text: 'ds-2cd' })))).toEqual([HIK.id]);
    expect(ids(filterDevices(ALL, f({ text: '198.51 gate' })))).toEqual([HIK.id]);
    expect(filterDevices(ALL, f({ text: '198.51 yard' }))).toEqual([]);
    expect(ids(filterDevices(ALL, f({ text: '3CE36B' })))).toEqual([DAHUA.id]);
    expect(ids(filterDevices(ALL, f({ text: 'onvif/device_service' })))).toEqual([HIK.id]);
  });

  it('filters combine', () => {
    expect(ids(filterDevices(ALL, f({ protocols: ['sadp'], subnet: 'in', text: '198.51.100.30' })))).toEqual([DUP_A.id, DUP_B.id]);
  });
});

describe('device sort', () => {
  it('by IP numerically, both directions', () => {
    const up = ids(sortDevices(ALL, { key: 'ip', dir: 'asc' }));
    expect(up).toEqual([OFF.id, HIK.id, DUP_A.id, DUP_B.id, DAHUA.id]);
    expect(ids(sortDevices(ALL, { key: 'ip', dir: 'desc' }))).toEqual([DAHUA.id, DUP_A.id, DUP_B.id, HIK.id, OFF.id]);
  });

  it('puts devices lacking the value last in both directions, ties by IP then id', () => {
    const asc = ids(sortDevices(ALL, { key: 'model', dir: 'asc' }));
    const desc = ids(sortDevices(ALL, { key: 'model', dir: 'desc' }));
    expect(asc).toEqual([HIK.id, DAHUA.id, OFF.id, DUP_A.id, DUP_B.id]);
    expect(desc).toEqual([DAHUA.id, HIK.id, OFF.id, DUP_A.id, DUP_B.id]);
  });

  it('by status puts online first; by subnet puts off-subnet first; by protocols the most first', () => {
    expect(sortDevices(ALL, { key: 'status', dir: 'asc' }).at(-1)?.id).toBe(OFF.id);
    expect(sortDevices(ALL, { key: 'subnet', dir: 'asc' })[0]?.id).toBe(OFF.id);
    expect(sortDevices(ALL, { key: 'protocols', dir: 'asc' })[0]?.id).toBe(HIK.id);
  });

  it('does not mutate its input and handles devices without an address', () => {
    const bare = device({ id: 'onvif-x' });
    const input = [bare, HIK];
    expect(ids(sortDevices(input, { key: 'ip', dir: 'asc' }))).toEqual([HIK.id, 'onvif-x']);
    expect(ids(input)).toEqual(['onvif-x', HIK.id]);
  });

  it('a header click sorts a new column ascending and flips the current one', () => {
    expect(nextSort({ key: 'ip', dir: 'asc' }, 'ip')).toEqual({ key: 'ip', dir: 'desc' });
    expect(nextSort({ key: 'ip', dir: 'desc' }, 'ip')).toEqual({ key: 'ip', dir: 'asc' });
    expect(nextSort({ key: 'ip', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});
