import { describe, expect, it } from 'vitest';
import { classifyInterface, type InterfaceFacts } from '../../../src/platform/node/classify-interface';

const linux = (f: Partial<InterfaceFacts> & { name: string }): InterfaceFacts => ({ platform: 'linux', internal: false, hasDevice: true, arpType: 1, ...f });
const win = (name: string): InterfaceFacts => ({ name, platform: 'win32', internal: false });

describe('classifyInterface', () => {
  it.each([
    [linux({ name: 'lo', internal: true, arpType: 772, hasDevice: false }), 'loopback'],
    [linux({ name: 'enp3s0' }), 'physical'],
    [linux({ name: 'eth0' }), 'physical'],
    [linux({ name: 'wlp2s0', wireless: true }), 'wireless'],
    [linux({ name: 'docker0', hasDevice: false, bridge: true }), 'container'],
    [linux({ name: 'veth12ab34', hasDevice: false }), 'container'],
    [linux({ name: 'br-0123456789ab', hasDevice: false, bridge: true }), 'container'],
    [linux({ name: 'virbr0', hasDevice: false, bridge: true }), 'container'],
    [linux({ name: 'tun0', hasDevice: false, arpType: 65534 }), 'vpn'],
    [linux({ name: 'wg0', hasDevice: false, arpType: 65534 }), 'vpn'],
    [linux({ name: 'tailscale0', hasDevice: false }), 'vpn'],
    [linux({ name: 'br0', hasDevice: false, bridge: true }), 'virtual'],
    [linux({ name: 'vboxnet0', hasDevice: false }), 'virtual'],
    [linux({ name: 'dummy0', hasDevice: false }), 'virtual'],
    [win('Ethernet'), 'physical'],
    [win('Ethernet 2'), 'physical'],
    [win('Wi-Fi'), 'wireless'],
    [win('vEthernet (WSL)'), 'container'],
    [win('VirtualBox Host-Only Network'), 'virtual'],
    [win('VMware Network Adapter VMnet8'), 'virtual'],
    [win('OpenVPN TAP-Windows6'), 'vpn'],
    [win('Loopback Pseudo-Interface 1'), 'virtual'],
  ])('%o is %s', (facts, kind) => {
    const r = classifyInterface(facts);
    expect(r.kind).toBe(kind);
    expect(r.reason.length).toBeGreaterThan(5);
  });
});
