import { describe, expect, it } from 'vitest';
import { cidrArg, ifaceArg, macArg, prefixToMask } from '../../../src/platform/net-args';
import type { CommandRunner } from '../../../src/platform/netconfig';
import { parseArpingReplies } from '../../../src/platform/node/arping-output';
import { linuxNetConfig } from '../../../src/platform/node/netconfig-linux';
import { parseArpTable, win32NetConfig } from '../../../src/platform/node/netconfig-win32';

function recorder(result = { code: 0, stdout: '', stderr: '' }) {
  const calls: string[][] = [];
  const run: CommandRunner = async (cmd, args) => {
    calls.push([cmd, ...args]);
    return result;
  };
  return { calls, run };
}

// Captured from iputils arping 20221126 in the lab (two devices sharing 198.51.100.10).
const ARPING_DUP = `ARPING 198.51.100.10 from 198.51.100.1 br0
Unicast reply from 198.51.100.10 [02:00:00:00:00:01]  0.046ms
Unicast reply from 198.51.100.10 [02:00:00:00:00:02]  0.061ms
Sent 1 probes (1 broadcast(s))
Received 2 response(s)
`;

describe('argument validation', () => {
  it.each([
    ['192.168.1.200/24', true],
    ['192.168.1.200', false],
    ['192.168.1.256/24', false],
    ['192.168.1.2/33', false],
    ['1.2.3.4/24; reboot', false],
    ['-1.2.3.4/8', false],
  ])('cidr %s → %s', (v, ok) => {
    if (ok) expect(cidrArg(v).cidr).toBe(v);
    else expect(() => cidrArg(v)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('interface names: Linux strict, Windows allows spaces and parentheses, never quotes or options', () => {
    expect(ifaceArg('enp3s0', 'linux')).toBe('enp3s0');
    expect(() => ifaceArg('-f', 'linux')).toThrow();
    expect(() => ifaceArg('eth0 x', 'linux')).toThrow();
    expect(() => ifaceArg('a'.repeat(16), 'linux')).toThrow();
    expect(ifaceArg('vEthernet (WSL)', 'win32')).toBe('vEthernet (WSL)');
    expect(() => ifaceArg(`Ethernet' ; calc`, 'win32')).toThrow();
    expect(() => ifaceArg('Ethernet"', 'win32')).toThrow();
  });

  it('MACs are normalised, multicast refused', () => {
    expect(macArg('44-19-B6-12-34-56')).toBe('44:19:b6:12:34:56');
    expect(() => macArg('01:00:5e:00:00:01')).toThrow();
    expect(() => macArg('zz:19:b6:12:34:56')).toThrow();
  });

  it('prefix lengths become masks', () => {
    expect([8, 16, 23, 24, 30, 32].map(prefixToMask)).toEqual(['255.0.0.0', '255.255.0.0', '255.255.254.0', '255.255.255.0', '255.255.255.252', '255.255.255.255']);
  });
});

describe('linux adapter', () => {
  it('builds iproute2 and arping argument vectors', async () => {
    const { calls, run } = recorder();
    const n = linuxNetConfig({ run });
    await n.addAddress('br0', '192.168.1.200/24');
    await n.pinNeighbour('br0', '192.168.1.64', '44-19-B6-12-34-56');
    await n.unpinNeighbour('br0', '192.168.1.64');
    await n.removeAddress('br0', '192.168.1.200/24');
    await n.arpRequest('br0', '192.168.1.64');
    expect(calls).toEqual([
      ['ip', 'addr', 'add', '192.168.1.200/24', 'dev', 'br0'],
      ['ip', 'neigh', 'replace', '192.168.1.64', 'lladdr', '44:19:b6:12:34:56', 'nud', 'permanent', 'dev', 'br0'],
      ['ip', 'neigh', 'del', '192.168.1.64', 'dev', 'br0'],
      ['ip', 'addr', 'del', '192.168.1.200/24', 'dev', 'br0'],
      ['arping', '-b', '-c', '8', '-w', '1', '-I', 'br0', '192.168.1.64'],
    ]);
  });

  it('goes through pkexec when asked to elevate', async () => {
    const { calls, run } = recorder();
    await linuxNetConfig({ run, elevate: true }).addAddress('eth0', '10.0.0.9/8');
    expect(calls[0]).toEqual(['pkexec', 'ip', 'addr', 'add', '10.0.0.9/8', 'dev', 'eth0']);
  });

  it('types OS refusals', async () => {
    const eperm = recorder({ code: 2, stdout: '', stderr: 'RTNETLINK answers: Operation not permitted' });
    await expect(linuxNetConfig({ run: eperm.run }).addAddress('eth0', '10.0.0.9/8')).rejects.toMatchObject({ code: 'permission_denied' });
    const exists = recorder({ code: 2, stdout: '', stderr: 'RTNETLINK answers: File exists' });
    await expect(linuxNetConfig({ run: exists.run }).addAddress('eth0', '10.0.0.9/8')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists every MAC that answered, and reads DAD results', async () => {
    expect(parseArpingReplies(ARPING_DUP)).toEqual([
      { ip: '198.51.100.10', mac: '02:00:00:00:00:01' },
      { ip: '198.51.100.10', mac: '02:00:00:00:00:02' },
    ]);
    const taken = recorder({ code: 1, stdout: ARPING_DUP, stderr: '' });
    expect(await linuxNetConfig({ run: taken.run }).probe('br0', '198.51.100.10')).toEqual({ free: false, macs: ['02:00:00:00:00:01', '02:00:00:00:00:02'] });
    const free = recorder({ code: 0, stdout: 'Sent 1 probes\nReceived 0 response(s)\n', stderr: '' });
    expect(await linuxNetConfig({ run: free.run }).probe('br0', '198.51.100.99')).toEqual({ free: true, macs: [] });
  });
});

describe('windows adapter', () => {
  it('uses netsh with store=active and validated names', async () => {
    const { calls, run } = recorder();
    const n = win32NetConfig({ run });
    await n.addAddress('Ethernet 2', '192.168.1.200/24');
    await n.pinNeighbour('Ethernet 2', '192.168.1.64', '44:19:b6:12:34:56');
    expect(calls).toEqual([
      ['netsh.exe', 'interface', 'ipv4', 'add', 'address', 'name=Ethernet 2', 'address=192.168.1.200', 'mask=255.255.255.0', 'store=active'],
      ['netsh.exe', 'interface', 'ipv4', 'add', 'neighbors', 'interface=Ethernet 2', 'address=192.168.1.64', 'neighbor=44-19-b6-12-34-56', 'store=active'],
    ]);
  });

  it('reads the ARP cache', () => {
    const out = '\r\nInterface: 192.168.1.10 --- 0x7\r\n  Internet Address      Physical Address      Type\r\n  192.168.1.64          44-19-b6-12-34-56     dynamic   \r\n  192.168.1.255         ff-ff-ff-ff-ff-ff     static\r\n';
    expect(parseArpTable(out, '192.168.1.64')).toEqual([{ ip: '192.168.1.64', mac: '44:19:b6:12:34:56' }]);
    expect(parseArpTable(out, '192.168.1.255')).toEqual([]);
  });
});
