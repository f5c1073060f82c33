import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/ptz/hex';
import { describePelco } from '../../../src/ptz/pelco/describe';
import { memoryLinkPair } from '../../../src/ptz/memory-link';
import { PelcoDReceiver } from '../../sim/pelco/receiver';
import { serviceRig } from './service-harness';

function pelcoRig(address: number) {
  const rig = serviceRig();
  let receiver: PelcoDReceiver | undefined;
  rig.device('/dev/ttyRS485', { attach: (wire) => (receiver = new PelcoDReceiver(wire, address)) });
  return { rig, rx: () => receiver as PelcoDReceiver };
}

describe('Pelco-D through the PTZ service', () => {
  it('drives, stops, zooms and handles presets at address 255 with checksums the receiver accepts', async () => {
    const { rig, rx } = pelcoRig(255);
    const c = await rig.connect({ kind: 'pelco-d', path: '/dev/ttyRS485', address: 255 });
    expect(c.protocol).toBe('pelco');
    await rig.service.drive(c.connId, { direction: 'up-left', panSpeed: 0x3f, tiltSpeed: 0x10, deadman: false });
    await rig.service.stop(c.connId);
    await rig.service.run(c.connId, (d) => d.zoom('tele'));
    await rig.service.run(c.connId, (d) => d.focus('near'));
    await rig.service.run(c.connId, (d) => d.preset('set', 7));
    await rig.service.run(c.connId, (d) => d.preset('recall', 7));
    await rig.service.run(c.connId, (d) => d.preset('set', 9));
    const cleared = await rig.service.run(c.connId, (d) => d.preset('clear', 9));
    await rig.clock.advance(0);
    expect(rx().received.filter((r) => !r.ok)).toEqual([]);
    expect(rx().mine.map((r) => r.action)).toEqual([
      'move left+up pan=63 tilt=16',
      'stop',
      'move tele pan=0 tilt=0',
      'move near pan=0 tilt=0',
      'preset-set 7',
      'preset-go 7',
      'preset-set 9',
      'preset-clear 9',
    ]);
    expect([...rx().presets]).toEqual([7]);
    expect(cleared.frames).toEqual([expect.objectContaining({ dir: 'tx', hex: 'FF FF 00 05 00 09 0D', meaning: 'cam 255: Preset clear 9' })]);
  });

  it('the deadman stops a Pelco jog too', async () => {
    const { rig, rx } = pelcoRig(3);
    const c = await rig.connect({ kind: 'pelco-d', path: '/dev/ttyRS485', address: 3 });
    await rig.service.drive(c.connId, { direction: 'down', deadman: true });
    await rig.clock.advance(500);
    expect(rx().mine.map((r) => r.action)).toEqual(['move down pan=0 tilt=32', 'stop']);
  });

  it('refuses what Pelco cannot do, before sending anything', async () => {
    const { rig, rx } = pelcoRig(1);
    const c = await rig.connect({ kind: 'pelco-d', path: '/dev/ttyRS485', address: 1 });
    await expect(rig.service.position(c.connId)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(rig.service.run(c.connId, (d) => d.goto({ pan: 1, tilt: 1 }))).rejects.toMatchObject({ code: 'unavailable' });
    await expect(rig.service.run(c.connId, (d) => d.focus('auto'))).rejects.toMatchObject({ code: 'unavailable' });
    await expect(rig.service.run(c.connId, (d) => d.preset('set', 0))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(rig.service.drive(c.connId, { direction: 'up', tiltSpeed: 0x40, deadman: false })).rejects.toThrow(/tilt speed/);
    expect(rx().received).toEqual([]);
  });
});

describe('Pelco-D receiver simulator', () => {
  it('rejects a packet with a bad checksum and resynchronises on the next FF', async () => {
    const [a, b] = memoryLinkPair({ chunkSize: 3 });
    const rx = new PelcoDReceiver(b, 1);
    await a.write(fromHex('00 12 FF 01 00 04 20 00 26 FF 01 00 04 20 00 25'));
    await new Promise((r) => setImmediate(r));
    expect(rx.skipped).toEqual([0x00, 0x12]);
    expect(rx.received).toEqual([
      { ok: false, bytes: [0xff, 1, 0, 4, 0x20, 0, 0x26], reason: 'checksum', expected: 0x25, actual: 0x26 },
      { ok: true, address: 1, bytes: [0xff, 1, 0, 4, 0x20, 0, 0x25], action: 'move left pan=32 tilt=0' },
    ]);
  });

  it('frame log meanings of Pelco packets', () => {
    expect(describePelco('pelco-d', fromHex('FF 01 00 04 20 00 25'))).toBe('cam 1: Pan left 0x20');
    expect(describePelco('pelco-d', fromHex('FF 01 00 04 20 00 26'))).toMatch(/^invalid Pelco-D packet: checksum 26 should be 25/);
    expect(describePelco('pelco-p', fromHex('A0 00 00 00 00 00 AF 0F'))).toBe('cam 1: Stop');
  });
});
