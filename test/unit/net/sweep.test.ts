import { describe, expect, it } from 'vitest';
import { arpSweep, hostsOf } from '../../../src/net/sweep';
import type { NetConfig } from '../../../src/platform/netconfig';

describe('hostsOf', () => {
  it('lists host addresses without network and broadcast', () => {
    const h = hostsOf('192.168.1.77/24');
    expect(h).toHaveLength(254);
    expect(h[0]).toBe('192.168.1.1');
    expect(h.at(-1)).toBe('192.168.1.254');
    expect(hostsOf('10.0.0.8/30')).toEqual(['10.0.0.9', '10.0.0.10']);
    expect(hostsOf('10.0.0.8/31')).toEqual(['10.0.0.8', '10.0.0.9']);
    expect(hostsOf('10.0.0.8/32')).toEqual(['10.0.0.8']);
  });
  it('refuses sweeps larger than a /20', () => {
    expect(() => hostsOf('10.0.0.0/16')).toThrow(/at most 4094/);
  });
});

describe('arpSweep', () => {
  it('collects every MAC per address and reports conflicts, ignoring replies for other addresses', async () => {
    const answers: Record<string, string[]> = { '10.1.1.2': ['02:00:00:00:00:02'], '10.1.1.5': ['02:00:00:00:00:05', '02:00:00:00:00:55'] };
    const net = {
      arpRequest: async (_i: string, ip: string) => [
        ...(answers[ip] ?? []).map((mac) => ({ ip, mac })),
        { ip: '10.9.9.9', mac: '02:00:00:00:99:99' },
      ],
    } as unknown as NetConfig;
    const progress: number[] = [];
    const r = await arpSweep(net, 'br0', '10.1.1.0/29', { concurrency: 3, onProgress: (d) => progress.push(d) });
    expect(r.hosts).toEqual([
      { ip: '10.1.1.2', macs: ['02:00:00:00:00:02'] },
      { ip: '10.1.1.5', macs: ['02:00:00:00:00:05', '02:00:00:00:00:55'] },
    ]);
    expect(r.conflicts.map((c) => c.ip)).toEqual(['10.1.1.5']);
    expect(progress.at(-1)).toBe(6);
  });
  it('uses the batch sweep when the platform has one: every MAC per address, foreign replies dropped, progress to the end', async () => {
    let asked: readonly string[] = [];
    const net = {
      arpRequest: async () => {
        throw new Error('not per address');
      },
      arpSweep: async (_i: string, req: { targets: readonly string[]; onReply?: (r: { ip: string; mac: string }) => void; onProgress?: (d: number, t: number) => void }) => {
        asked = req.targets;
        req.onReply?.({ ip: '10.1.1.5', mac: '02:00:00:00:00:05' });
        req.onProgress?.(1, req.targets.length);
        return [
          { ip: '10.1.1.5', mac: '02:00:00:00:00:05' },
          { ip: '10.1.1.5', mac: '02:00:00:00:00:55' },
          { ip: '10.1.1.2', mac: '02:00:00:00:00:02' },
          { ip: '10.9.9.9', mac: '02:00:00:00:99:99' },
        ];
      },
    } as unknown as NetConfig;
    const progress: [number, number, number][] = [];
    const r = await arpSweep(net, 'br0', '10.1.1.0/29', { onProgress: (d, t, f) => progress.push([d, t, f]) });
    expect(asked).toEqual(['10.1.1.1', '10.1.1.2', '10.1.1.3', '10.1.1.4', '10.1.1.5', '10.1.1.6']);
    expect(r.hosts).toEqual([
      { ip: '10.1.1.2', macs: ['02:00:00:00:00:02'] },
      { ip: '10.1.1.5', macs: ['02:00:00:00:00:05', '02:00:00:00:00:55'] },
    ]);
    expect(r.conflicts).toEqual([{ ip: '10.1.1.5', macs: ['02:00:00:00:00:05', '02:00:00:00:00:55'] }]);
    expect(progress).toEqual([
      [1, 6, 1],
      [6, 6, 2],
    ]);
  });
  it('falls back to one request per address when the batch sweep answers null', async () => {
    const net = {
      arpSweep: async () => null,
      arpRequest: async (_i: string, ip: string) => (ip === '10.1.1.3' ? [{ ip, mac: '02:00:00:00:00:03' }] : []),
    } as unknown as NetConfig;
    const r = await arpSweep(net, 'br0', '10.1.1.0/29');
    expect(r.hosts).toEqual([{ ip: '10.1.1.3', macs: ['02:00:00:00:00:03'] }]);
  });
  it('can be cancelled', async () => {
    const ctrl = new AbortController();
    const net = { arpRequest: async () => (ctrl.abort(), []) } as unknown as NetConfig;
    await expect(arpSweep(net, 'br0', '10.1.1.0/24', { concurrency: 1, signal: ctrl.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
