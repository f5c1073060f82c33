import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import type { ByteLink } from '../../../src/ptz/link';
import { serviceRig } from './service-harness';

/**
 * A camera that plays a script: each packet it receives must be the next expected one, and it
 * answers with the scripted reply chunks (each chunk one write, so replies can overlap in one read).
 */
function scriptedCamera(steps: Array<{ expect: string; reply?: string[] }>) {
  let wire: ByteLink | undefined;
  let buf: number[] = [];
  const seen: string[] = [];
  const mismatches: string[] = [];
  let i = 0;
  return {
    seen,
    mismatches,
    attach(w: ByteLink) {
      wire = w;
      w.onData((bytes) => {
        for (const b of bytes) {
          buf.push(b);
          if (b !== 0xff) continue;
          const hex = toHex(buf);
          buf = [];
          seen.push(hex);
          const step = steps[i++];
          if (!step || step.expect !== hex) {
            mismatches.push(`packet ${i}: expected ${step?.expect ?? 'nothing'}, got ${hex}`);
            continue;
          }
          for (const chunk of step.reply ?? []) void w.write(fromHex(chunk));
        }
      });
    },
    /** Sends bytes unprompted (a late completion). */
    send(hex: string) {
      void wire?.write(fromHex(hex));
    },
    close() {
      void wire?.close();
    },
  };
}

describe('PTZ service: scripted interactions', () => {
  it('sorts out an ACK and another command\'s completion arriving in one read', async () => {
    const cam = scriptedCamera([
      { expect: '81 01 06 02 18 14 00 00 06 04 00 00 00 00 FF', reply: ['90 41 FF'] },
      // ACK of the zoom (socket 2) and completion of the move (socket 1) glued together.
      { expect: '81 01 04 47 00 04 00 00 FF', reply: ['90 42 FF 90 51 FF'] },
    ]);
    const rig = serviceRig();
    rig.device('/dev/ttyS0', cam);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyS0' });
    const move = rig.service.run(c.connId, (d) => d.goto({ pan: 100, tilt: 0 }));
    const zoom = rig.service.run(c.connId, (d) => d.zoomTo(0x0400));
    await rig.clock.advance(5);
    const moved = await move;
    expect(moved.frames.map((f) => f.meaning)).toContain('cam 1: Completion socket 1');
    cam.send('90 52 FF');
    await rig.clock.advance(5);
    await expect(zoom).resolves.toMatchObject({ frames: expect.arrayContaining([expect.objectContaining({ hex: '90 52 FF', meaning: 'cam 1: Completion socket 2' })]) });
    expect(cam.mismatches).toEqual([]);
    expect(rig.service.frameLog(c.connId).map((f) => `${f.dir} ${f.hex}`)).toEqual([
      'tx 81 01 06 02 18 14 00 00 06 04 00 00 00 00 FF',
      'rx 90 41 FF',
      'tx 81 01 04 47 00 04 00 00 FF',
      'rx 90 42 FF',
      'rx 90 51 FF',
      'rx 90 52 FF',
    ]);
  });

  it.each([
    ['02', 'syntax'],
    ['03', 'buffer-full'],
    ['04', 'canceled'],
    ['05', 'no-socket'],
    ['41', 'not-executable'],
    ['01', 'syntax'],
  ])('camera error %s reaches the caller as "%s" with the frames', async (code, name) => {
    // Buffer full is retried three times (after a completion, or a timer when none comes) before it reaches the caller.
    const tries = code === '03' ? 4 : 1;
    const cam = scriptedCamera(Array.from({ length: tries }, () => ({ expect: '81 01 04 3F 01 05 FF', reply: [`90 60 ${code} FF`] })));
    const rig = serviceRig();
    rig.device('/dev/ttyS0', cam);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyS0' });
    const p = rig.service.run(c.connId, (d) => d.preset('set', 5)).catch((e: unknown) => e);
    await rig.clock.advance(5);
    if (name === 'buffer-full') {
      await rig.clock.advance(60_000);
      expect(cam.seen).toHaveLength(4);
    }
    const err = (await p) as { details: { camera: string; frames: Array<{ hex: string }> } };
    expect(err.details.camera).toBe(name);
    expect(err.details.frames.map((f) => f.hex)).toContain(`90 60 ${code} FF`);
  });

  it('a silent camera is a timeout; IF_Clear brings it back', async () => {
    const cam = scriptedCamera([
      { expect: '81 09 04 00 FF' },
      { expect: '81 01 00 01 FF', reply: ['90 50 FF'] },
      { expect: '81 09 04 00 FF', reply: ['90 50 02 FF'] },
    ]);
    const rig = serviceRig();
    rig.device('/dev/ttyS0', cam);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyS0' });
    const p = rig.service.powerStatus(c.connId).catch((e: unknown) => e);
    await rig.clock.advance(200);
    expect(await p).toMatchObject({ code: 'timeout', details: { camera: 'timeout' } });
    const clear = rig.service.run(c.connId, (d) => d.ifClear(false));
    await rig.clock.advance(1);
    await expect(clear).resolves.toMatchObject({ frames: [{ meaning: 'cam 1: IF_Clear' }, { meaning: 'cam 1: Completion (IF_Clear / socket 0)' }] });
    const again = rig.service.powerStatus(c.connId);
    await rig.clock.advance(1);
    await expect(again).resolves.toMatchObject({ power: 'on' });
    expect(cam.mismatches).toEqual([]);
  });

  it('garbage before a reply is logged as discarded and the reply still counts', async () => {
    const cam = scriptedCamera([{ expect: '81 09 00 02 FF', reply: ['00 13 37', '90 50 00 20 04 67 01 00 02 FF'] }]);
    const rig = serviceRig();
    rig.device('/dev/ttyS0', cam);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyS0' });
    const v = rig.service.version(c.connId);
    await rig.clock.advance(1);
    await expect(v).resolves.toMatchObject({ vendorName: 'Sony', model: 0x0467, maxSocket: 2 });
    expect(rig.service.frameLog(c.connId).filter((f) => f.discarded).map((f) => f.hex)).toEqual(['00 13 37']);
  });

  it('a port closed before the answer fails the call as unavailable and marks the connection lost', async () => {
    const cam = scriptedCamera([{ expect: '81 01 06 04 FF' }]);
    const rig = serviceRig();
    rig.device('/dev/ttyS0', cam);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyS0' });
    const p = rig.service.run(c.connId, (d) => d.home()).catch((e: unknown) => e);
    await rig.clock.advance(1);
    rig.missing.add('/dev/ttyS0');
    cam.close();
    await rig.clock.advance(1);
    expect(await p).toMatchObject({ code: 'unavailable', details: { frames: [{ hex: '81 01 06 04 FF' }] } });
    expect(rig.service.connections()[0]?.state).toBe('lost');
    await rig.service.close();
  });

  it('two cameras on one chain share the port, each with its own frame log', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyCHAIN', [{ address: null }, { address: null }]);
    const one = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCHAIN', address: 1 });
    const two = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCHAIN', address: 2 });
    await expect(rig.connect({ kind: 'visca-serial', path: '/dev/ttyCHAIN', address: 2 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(rig.connect({ kind: 'pelco-d', path: '/dev/ttyCHAIN', address: 3 })).rejects.toMatchObject({ code: 'conflict' });
    const set = rig.service.addressSet(one.connId);
    await rig.clock.advance(1);
    await expect(set).resolves.toMatchObject({ cameras: 2 });
    const p1 = rig.service.run(one.connId, (d) => d.zoomTo(0x100));
    const p2 = rig.service.run(two.connId, (d) => d.zoomTo(0x200));
    await rig.clock.advance(1000);
    await Promise.all([p1, p2]);
    expect(chain.cameras.map((cam) => cam.state.zoom.at(rig.clock.now()))).toEqual([0x100, 0x200]);
    expect(rig.opens).toHaveLength(1);
    expect(rig.service.frameLog(two.connId).filter((f) => !f.meaning.startsWith('broadcast')).every((f) => f.meaning.startsWith('cam 2'))).toBe(true);
    expect(rig.service.frameLog(one.connId).filter((f) => !f.meaning.startsWith('broadcast')).every((f) => f.meaning.startsWith('cam 1'))).toBe(true);
  });
});
