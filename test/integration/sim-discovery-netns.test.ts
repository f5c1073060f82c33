import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DhipDevice } from '../../src/discovery/protocols/dhip';
import type { SadpMessage } from '../../src/discovery/protocols/sadp';
import type { SsdpMessage } from '../../src/discovery/protocols/ssdp';
import type { UpnpDeviceDescription } from '../../src/discovery/protocols/upnp-description';
import type { WsdMessage } from '../../src/discovery/protocols/wsdiscovery';
import { createLab, hasTool, requireLabOrSkip, type Lab } from '../lab';
import type { Heard } from '../sim/discovery/probe-cli';

// Multicast for real, inside namespaces this test creates: two simulated cameras on the lab
// bridge, probed from the technician's namespace.
const SIM = fileURLToPath(new URL('../sim/discovery/camera-sim.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('../sim/discovery/probe-cli.ts', import.meta.url));

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (d.toString().includes('"ready":true') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`camera-sim exited with ${code}: ${err}`)));
  });
}

describe.skipIf(requireLabOrSkip())('camera simulators on a namespace LAN (multicast)', () => {
  let lab: Lab;
  let heard: Heard[] = [];
  const sims: ChildProcess[] = [];
  const from = (proto: Heard['proto'], ip: string): Heard[] => heard.filter((h) => h.proto === proto && h.from === ip);

  beforeAll(async () => {
    lab = await createLab();
    const hik = await lab.addDevice({ name: 'hik', cidr: '198.51.100.10/24' });
    const dahua = await lab.addDevice({ name: 'dahua', cidr: '198.51.100.11/24' });
    const configs = [
      { dev: hik, config: { protocols: ['wsd', 'sadp', 'dhip', 'ssdp'], sadpReplyTo: 'both', wsd: { replyTwice: true }, name: 'Hik Gate' } },
      { dev: dahua, config: { protocols: ['wsd', 'dhip', 'ssdp'], dhipReplyTo: 'multicast', manufacturer: 'Dahua', model: 'IPC-HDW4431C-A', name: 'Dahua Yard', uuid: '0b6a2f4e-8c1d-4e5f-9a7b-3c2d1e0f9a8b' } },
    ];
    for (const { dev, config } of configs) {
      const full = { ...config, ip: dev.ip, mask: '255.255.255.0', gateway: '198.51.100.1', mac: dev.mac, multicast: true, interface: 'eth0' };
      const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, '--config', JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'pipe'] });
      sims.push(child);
      await waitReady(child);
    }
    const { stdout } = await lab.exec(lab.tech, process.execPath, ['--import', 'tsx', PROBE, '--ip', lab.laptopIp, '--wait', '2500']);
    heard = JSON.parse(stdout) as Heard[];
  });

  afterAll(async () => {
    await lab?.cleanup();
  });

  it('hears no unparseable replies', () => {
    expect(heard.filter((h) => h.error !== undefined)).toEqual([]);
  });

  it('finds both cameras by WS-Discovery, the first one twice', () => {
    const hik = from('wsd', '198.51.100.10').map((h) => h.result as WsdMessage);
    const dahua = from('wsd', '198.51.100.11').map((h) => h.result as WsdMessage);
    expect(hik).toHaveLength(2);
    expect(dahua).toHaveLength(1);
    expect(dahua[0]?.matches[0]?.address).toBe('urn:uuid:0b6a2f4e-8c1d-4e5f-9a7b-3c2d1e0f9a8b');
    expect(hik[0]?.matches[0]?.xaddrs).toEqual(['http://198.51.100.10/onvif/device_service']);
  });

  it('gets the SADP reply both unicast and on the group, from the Hikvision only', () => {
    const replies = from('sadp', '198.51.100.10').map((h) => h.result as SadpMessage);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ kind: 'probeMatch', device: { ipv4: '198.51.100.10', subnetMask: '255.255.255.0', gateway: '198.51.100.1', activated: true } });
    expect(from('sadp', '198.51.100.11')).toEqual([]);
  });

  it('gets DHIP device info from both (one unicast, one multicast)', () => {
    const devices = heard.filter((h) => h.proto === 'dhip').flatMap((h) => h.result as DhipDevice[]);
    expect(devices.map((d) => d.ipv4).sort()).toEqual(['198.51.100.10', '198.51.100.11']);
    expect(devices.find((d) => d.ipv4 === '198.51.100.11')?.model).toBe('IPC-HDW4431C-A');
  });

  it('finds both by SSDP and reads their UPnP descriptions', () => {
    for (const ip of ['198.51.100.10', '198.51.100.11']) {
      const responses = from('ssdp', ip).map((h) => h.result as SsdpMessage);
      expect(responses.length).toBeGreaterThan(0);
      expect(responses.every((r) => r.kind === 'response' && r.location?.startsWith(`http://${ip}:`))).toBe(true);
    }
    const names = heard.filter((h) => h.proto === 'upnp').map((h) => (h.result as UpnpDeviceDescription).friendlyName);
    expect(new Set(names)).toEqual(new Set(['Hik Gate', 'Dahua Yard']));
  });

  it.skipIf(!hasTool('onvif-util'))('is found by an independent ONVIF client (onvif-util -a)', async () => {
    const { stdout } = await lab.exec(lab.tech, 'onvif-util', ['-a'], { timeoutMs: 20_000 });
    expect(stdout).toContain('198.51.100.10 (Hik Gate DS-2CD2143G0-I)');
    expect(stdout).toContain('198.51.100.11 (Dahua Yard IPC-HDW4431C-A)');
  });

  it.skipIf(!hasTool('gssdp-discover'))('is found by an independent SSDP client (gssdp-discover)', async () => {
    const { stdout } = await lab.exec(lab.tech, 'timeout', ['4', 'gssdp-discover', '-i', 'br0', '-n', '3'], { reject: false, timeoutMs: 10_000 });
    expect(stdout).toContain('uuid:54575be6-1dd2-11b2-8a2b-4419b6123456');
    expect(stdout).toContain('uuid:0b6a2f4e-8c1d-4e5f-9a7b-3c2d1e0f9a8b');
  });

  it('stops cleanly on SIGTERM', async () => {
    const codes = await Promise.all(sims.map((c) => new Promise<number | null>((resolve) => {
      c.once('exit', resolve);
      c.kill('SIGTERM');
    })));
    expect(codes).toEqual([0, 0]);
  });
});
