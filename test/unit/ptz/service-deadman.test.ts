import { describe, expect, it } from 'vitest';
import { receivedHex, serviceRig } from './service-harness';

const DRIVE_UP = '81 01 06 01 0C 0A 03 01 FF';
const STOP = '81 01 06 01 0C 0A 03 03 FF';

describe('PTZ jog deadman (manual clock)', () => {
  it('keeps driving while heartbeats come, and sends stop once they stop', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyCAM');
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const drive = rig.service.drive(c.connId, { direction: 'up', deadman: true });
    await rig.clock.advance(0);
    await expect(drive).resolves.toMatchObject({ frames: [{ dir: 'tx', hex: DRIVE_UP }, { meaning: 'cam 1: ACK socket 1' }, { meaning: 'cam 1: Completion socket 1' }] });
    expect(rig.service.connections()[0]?.jogging).toBe(true);

    for (let i = 0; i < 5; i++) {
      await rig.clock.advance(400);
      expect(rig.service.heartbeat(c.connId)).toEqual({ jogging: true });
    }
    // Two seconds of heartbeats: nothing but the drive went out.
    expect(receivedHex(chain.camera.received)).toEqual([DRIVE_UP]);
    expect(chain.camera.position().tilt).toBeGreaterThan(0);

    await rig.clock.advance(499);
    expect(receivedHex(chain.camera.received)).toEqual([DRIVE_UP]);
    await rig.clock.advance(1);
    expect(receivedHex(chain.camera.received)).toEqual([DRIVE_UP, STOP]);
    expect(rig.of('ptz.error')).toEqual([{ connId: c.connId, code: 'deadman', message: 'no heartbeat for 500 ms: sent stop' }]);
    expect(rig.service.heartbeat(c.connId)).toEqual({ jogging: false });
    const tilt = chain.camera.position().tilt;
    await rig.clock.advance(1000);
    expect(chain.camera.position().tilt).toBe(tilt);
  });

  it('an explicit stop ends the jog: no second stop from the deadman', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyCAM');
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const d = rig.service.drive(c.connId, { direction: 'left', panSpeed: 5, tiltSpeed: 5, deadman: true });
    await rig.clock.advance(100);
    await d;
    const s = rig.service.stop(c.connId);
    await rig.clock.advance(0);
    await s;
    await rig.clock.advance(2000);
    expect(receivedHex(chain.camera.received)).toEqual(['81 01 06 01 05 05 01 03 FF', STOP]);
    expect(rig.of('ptz.error')).toEqual([]);
    expect(rig.of('ptz.state').map((s) => s.jogging)).toEqual([false, true, false]);
  });

  it('a drive without the deadman keeps going (the caller owns the stop)', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyCAM');
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const d = rig.service.drive(c.connId, { direction: 'right', deadman: false });
    await rig.clock.advance(3000);
    await d;
    expect(receivedHex(chain.camera.received)).toEqual(['81 01 06 01 0C 0A 02 03 FF']);
  });

  it('disconnecting mid-jog sends stop before closing', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyCAM');
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const d = rig.service.drive(c.connId, { direction: 'down', deadman: true });
    await rig.clock.advance(10);
    await d;
    const closing = rig.service.disconnect(c.connId);
    await rig.clock.advance(0);
    await expect(closing).resolves.toEqual({ closed: true });
    expect(receivedHex(chain.camera.received).at(-1)).toBe(STOP);
    expect(rig.service.connections()).toEqual([]);
  });
});
