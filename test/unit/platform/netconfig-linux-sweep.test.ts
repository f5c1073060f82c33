import { describe, expect, it } from 'vitest';
import { arpSweep } from '../../../src/net/sweep';
import type { CommandRunner } from '../../../src/platform/netconfig';
import type { RawArpOpener } from '../../../src/platform/node/arp-sweeper';
import { linuxNetConfig } from '../../../src/platform/node/netconfig-linux';

/** arping as the adapter runs it, answering for 10.1.1.2 only (captured output format, iputils 20221126). */
const arping: { calls: string[][]; run: CommandRunner } = {
  calls: [],
  run: async (cmd, args) => {
    arping.calls.push([cmd, ...args]);
    const ip = args.at(-1)!;
    if (ip !== '10.1.1.2') return { code: 1, stdout: `ARPING ${ip} from 10.1.1.250 eth0\nSent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n`, stderr: '' };
    return { code: 0, stdout: `ARPING ${ip} from 10.1.1.250 eth0\nUnicast reply from 10.1.1.2 [02:00:00:00:00:02]  0.051ms\nSent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n`, stderr: '' };
  },
};

describe('linux NetConfig arpSweep', () => {
  it('sweeps from the raw socket, with the sender chosen from the interface addresses', async () => {
    const sent: [number, number][] = [];
    let onReplies: Parameters<RawArpOpener>[1] | undefined;
    const open: RawArpOpener = (iface, cb) => {
      expect(iface).toBe('eth0');
      onReplies = cb;
      return {
        mac: '02:00:00:00:ff:01',
        send: (t, s) => {
          sent.push([t, s]);
          if (t === 0x0a010102) setTimeout(() => onReplies?.([{ ip: '10.1.1.2', mac: '02:00:00:00:00:02' }]), 1);
          return true;
        },
        close: () => {},
      };
    };
    const net = linuxNetConfig({ run: arping.run, rawArp: open, ifaceAddresses: () => [{ address: '10.1.1.250', netmask: '255.255.255.0' }] });
    const replies = await net.arpSweep!('eth0', { targets: ['10.1.1.1', '10.1.1.2'], timeoutMs: 20, tries: 2 });
    expect(replies).toEqual([{ ip: '10.1.1.2', mac: '02:00:00:00:00:02' }]);
    expect(sent[0]).toEqual([0x0a010101, 0x0a0101fa]);
    expect(arping.calls).toHaveLength(0);
  });

  it('answers null (sweep per address) when the socket does not open or raw ARP is off, and arpSweep then uses arping', async () => {
    const eperm: RawArpOpener = () => {
      throw Object.assign(new Error('socket(AF_PACKET) on eth0: Operation not permitted'), { code: 'EPERM' });
    };
    expect(await linuxNetConfig({ run: arping.run, rawArp: eperm }).arpSweep!('eth0', { targets: ['10.1.1.1'] })).toBeNull();
    expect(await linuxNetConfig({ run: arping.run, rawArp: false }).arpSweep!('eth0', { targets: ['10.1.1.1'] })).toBeNull();
    arping.calls.length = 0;
    const r = await arpSweep(linuxNetConfig({ run: arping.run, rawArp: eperm }), 'eth0', '10.1.1.0/29');
    expect(r.hosts).toEqual([{ ip: '10.1.1.2', macs: ['02:00:00:00:00:02'] }]);
    expect(arping.calls).toHaveLength(6);
    expect(arping.calls[0]).toEqual(['arping', '-b', '-c', '8', '-w', '1', '-I', 'eth0', '10.1.1.1']);
  });

  it('reports errors after the socket opened instead of hiding them behind arping', async () => {
    const open: RawArpOpener = () => ({
      mac: '02:00:00:00:ff:01',
      send: () => {
        throw new Error('sendto: Network is down');
      },
      close: () => {},
    });
    await expect(linuxNetConfig({ run: arping.run, rawArp: open }).arpSweep!('eth0', { targets: ['10.1.1.1'] })).rejects.toMatchObject({ code: 'failed' });
  });

  it('refuses a bad interface name before opening anything', async () => {
    let opened = false;
    const open: RawArpOpener = () => {
      opened = true;
      throw new Error('unreachable');
    };
    await expect(linuxNetConfig({ run: arping.run, rawArp: open }).arpSweep!('-eth0', { targets: ['10.1.1.1'] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(opened).toBe(false);
  });
});
