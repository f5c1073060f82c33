import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../src/platform/netconfig';
import { linuxNetConfig } from '../../src/platform/node/netconfig-linux';
import { runCommand } from '../../src/platform/node/run-command';
import { createLab, requireLabOrSkip, requireToolsOrSkip, type Lab } from '../lab';

const skip = requireLabOrSkip() || requireToolsOrSkip("arping", "ping");

describe.skipIf(skip)('linux NetConfig in the namespace lab', () => {
  let lab: Lab;
  let run: CommandRunner;
  beforeAll(async () => {
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
    await lab.addDevice({ name: 'a', cidr: '198.51.100.10/24', mac: '02:00:00:00:0a:01' });
    await lab.addDevice({ name: 'b', cidr: '198.51.100.10/24', mac: '02:00:00:00:0a:02' });
    await lab.addDevice({ name: 'c', cidr: '192.168.1.64/24', mac: '02:00:00:00:0a:03' });
    // Every command the adapter runs goes into the laptop namespace.
    run = (cmd, args, opts) => runCommand('ip', ['netns', 'exec', lab.tech, cmd, ...args], opts);
  });
  afterAll(async () => lab?.cleanup());

  const addrs = async () => (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'br0'])).stdout;
  const neigh = async () => (await lab.exec(lab.tech, 'ip', ['neigh', 'show', 'dev', 'br0'])).stdout;

  it('sees both MACs of a duplicated address', async () => {
    const replies = await linuxNetConfig({ run }).arpRequest('br0', '198.51.100.10');
    expect(replies.map((r) => r.mac).sort()).toEqual(['02:00:00:00:0a:01', '02:00:00:00:0a:02']);
  });

  it('probes: a free address is free, a used one is not', async () => {
    const n = linuxNetConfig({ run });
    expect(await n.probe('br0', '198.51.100.99')).toEqual({ free: true, macs: [] });
    expect((await n.probe('br0', '198.51.100.10')).free).toBe(false);
  });

  it('reaches an off-subnet camera through a temporary alias, then leaves nothing behind', async () => {
    const n = linuxNetConfig({ run });
    // ARP reaches it on the shared segment, but IP does not: the laptop has no route there.
    expect((await n.arpRequest('br0', '192.168.1.64')).map((r) => r.mac)).toEqual(['02:00:00:00:0a:03']);
    expect((await lab.exec(lab.tech, 'ping', ['-c', '1', '-W', '1', '192.168.1.64'], { reject: false })).code).not.toBe(0);
    await n.addAddress('br0', '192.168.1.200/24');
    expect(await addrs()).toContain('192.168.1.200/24');
    expect((await lab.exec(lab.tech, 'ping', ['-c', '1', '-W', '2', '192.168.1.64'], { reject: false })).code).toBe(0);
    await expect(n.addAddress('br0', '192.168.1.200/24')).rejects.toMatchObject({ code: 'conflict' });
    await n.removeAddress('br0', '192.168.1.200/24');
    expect(await addrs()).not.toContain('192.168.1.200');
    expect((await lab.exec(lab.tech, 'ip', ['-4', 'route', 'show'])).stdout).not.toContain('192.168.1.0/24');
  });

  it('pins one of two devices sharing an IP, then unpins it', async () => {
    const n = linuxNetConfig({ run });
    await n.pinNeighbour('br0', '198.51.100.10', '02:00:00:00:0a:02');
    expect(await neigh()).toMatch(/198\.51\.100\.10 lladdr 02:00:00:00:0a:02 PERMANENT/);
    // With the pin, traffic to the shared address reaches only device b: ping it and see b answer.
    const r = await lab.exec(lab.tech, 'ping', ['-c', '1', '-W', '2', '198.51.100.10'], { reject: false });
    expect(r.code).toBe(0);
    await n.unpinNeighbour('br0', '198.51.100.10');
    expect(await neigh()).not.toMatch(/PERMANENT/);
  });
});
