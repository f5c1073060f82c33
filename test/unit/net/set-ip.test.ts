import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../../src/contract';
import { migrate } from '../../../src/db/migrate';
import { LaptopJournal } from '../../../src/net/journal';
import { setDeviceIp } from '../../../src/net/set-ip';
import type { OnvifDevice } from '../../../src/onvif/device';
import type { NetworkInterfaceInfo } from '../../../src/onvif/types';
import type { NetConfig } from '../../../src/platform/netconfig';
import type { NetworkInfo } from '../../../src/platform/ports';

const CAMERA = '44:19:b6:00:00:01';
const OTHER = '44:19:b6:00:00:99';

/** The laptop's one interface: br0 at 198.51.100.1/24. */
const LAPTOP_INFO: NetworkInfo = {
  listInterfaces: async () => [
    { name: 'br0', mac: '02:00:00:00:00:fe', up: true, kind: 'physical', kindReason: '', addresses: [{ family: 'IPv4', address: '198.51.100.1', netmask: '255.255.255.0', prefix: 24, cidr: '198.51.100.1/24' }] } as NetInterface,
  ],
};

/** A clock that moves on 10 ms each time it is read. */
function ticking(): () => number {
  let t = 0;
  return () => (t += 10);
}

/** An ONVIF device as set-ip uses it: one NIC with a MAC and a static address. */
function device(mac: string, state: { ip: string; prefix: number }) {
  const nic = (): NetworkInterfaceInfo => ({
    token: 'eth0',
    enabled: true,
    name: 'eth0',
    mac,
    ipv4: { enabled: true, dhcp: false, manual: [{ address: state.ip, prefix: state.prefix }], fromDhcp: null },
  });
  return {
    syncClock: async () => ({ utc: null, offsetMs: 0, type: null, timezone: null }),
    getDeviceInformation: async () => ({ manufacturer: 'Acme', model: mac === CAMERA ? 'Cam' : 'Other', firmwareVersion: '1', serialNumber: mac, hardwareId: '1' }),
    getNetworkInterfaces: async () => [nic()],
    getDefaultGateway: async () => [] as string[],
    setDefaultGateway: async () => undefined,
    setNetworkInterface: async (_t: string, c: { address: string; prefix: number }) => {
      state.ip = c.address;
      state.prefix = c.prefix;
      return { rebootNeeded: false };
    },
    systemReboot: async () => '',
  } as unknown as OnvifDevice;
}

describe('set-ip verification', () => {
  it('does not report verified when the device read back at the new address is not the camera (duplicate IP)', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const net: NetConfig = {
      addAddress: async () => undefined,
      removeAddress: async () => undefined,
      pinNeighbour: async () => undefined,
      unpinNeighbour: async () => undefined,
      // The camera answers ARP at its old address, and at the new one once moved.
      arpRequest: async (_i, ip) => [{ ip, mac: CAMERA }],
      // The other device at .30 was off (or took it by DHCP) while the probe ran.
      probe: async () => ({ free: true, macs: [] }),
    };
    const camera = device(CAMERA, { ip: '198.51.100.64', prefix: 24 });
    // HTTP to 198.51.100.30 reaches whichever device the laptop's ARP cache holds: here the other one, even with the pin.
    const other = device(OTHER, { ip: '198.51.100.30', prefix: 24 });
    const r = await setDeviceIp(
      {
        net,
        info: LAPTOP_INFO,
        journal: new LaptopJournal(db, net, { now: () => 0 }),
        onvif: (xaddr) => (new URL(xaddr).hostname === '198.51.100.64' ? camera : other),
        now: ticking(),
        sleep: async () => undefined,
      },
      { iface: 'br0', ip: '198.51.100.64', credentials: { username: 'admin', password: 'x' }, newCidr: '198.51.100.30/24' },
    );
    expect(r.after?.mac).toBe(OTHER);
    // The configuration read back is another device's: this does not count as the camera verified.
    expect(r.verified).toBe(false);
    expect(r.ok).toBe(false);
    expect(r.steps.find((s) => s.name === 'read-back')).toMatchObject({ ok: false, detail: expect.stringMatching(/another device answered at 198\.51\.100\.30 \(MAC 44:19:b6:00:00:99, not the camera's 44:19:b6:00:00:01\)/) });
  });

  it('pins the new address to the camera for the read-back, so a duplicate in the ARP cache is not asked, and unpins it after', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const pins = new Map<string, string>();
    const calls: string[] = [];
    const net: NetConfig = {
      addAddress: async () => undefined,
      removeAddress: async () => undefined,
      pinNeighbour: async (_i, ip, mac) => {
        calls.push(`pin ${ip} ${mac}`);
        pins.set(ip, mac);
      },
      unpinNeighbour: async (_i, ip) => {
        calls.push(`unpin ${ip}`);
        pins.delete(ip);
      },
      arpRequest: async (_i, ip) => [{ ip, mac: CAMERA }],
      probe: async () => ({ free: true, macs: [] }),
    };
    const camera = device(CAMERA, { ip: '198.51.100.64', prefix: 24 });
    const other = device(OTHER, { ip: '198.51.100.30', prefix: 24 });
    const journal = new LaptopJournal(db, net, { now: () => 0 });
    const r = await setDeviceIp(
      {
        net,
        info: LAPTOP_INFO,
        journal,
        // The laptop's ARP cache holds the other device for .30 unless a pin says otherwise.
        onvif: (xaddr) => {
          const host = new URL(xaddr).hostname;
          return host === '198.51.100.64' || pins.get(host) === CAMERA ? camera : other;
        },
        now: ticking(),
        sleep: async () => undefined,
      },
      { iface: 'br0', ip: '198.51.100.64', credentials: { username: 'admin', password: 'x' }, newCidr: '198.51.100.30/24' },
    );
    expect(r).toMatchObject({ ok: true, verified: true, after: { ip: '198.51.100.30', prefix: 24, mac: CAMERA } });
    expect(r.steps.find((s) => s.name === 'read-back')?.detail).toBe('the camera reports 198.51.100.30/24');
    expect(calls).toEqual([`pin 198.51.100.30 ${CAMERA}`, 'unpin 198.51.100.30']);
    expect(journal.outstanding()).toEqual([]);
  });
});
