import { describe, expect, it } from 'vitest';
import { receivedHex, serviceRig } from './service-harness';

const DRIVE_UP = '81 01 06 01 0C 0A 03 01 FF';
const STOP = '81 01 06 01 0C 0A 03 03 FF';

/**
 * The camera executes the drive but its ACK and completion are lost (line noise). A stop asked for
 * while the drive still waits for its ACK (the technician lets go, or the deadman fires) must still
 * reach the camera, not be dropped as "not sent: camera 1 did not answer an earlier packet".
 */
describe('stop is never dropped behind an unanswered drive', () => {
  it('deadman stop reaches a camera whose drive ACK was lost', async () => {
    const rig = serviceRig({ replyTimeoutMs: 1000 });
    const chain = rig.visca('/dev/ttyCAM', [{ faults: { dropReplies: 2 } }]);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const drive = rig.service.drive(c.connId, { direction: 'up', deadman: true }).catch((e: unknown) => e);
    await rig.clock.advance(2000);
    await drive;
    expect(chain.camera.received.length).toBeGreaterThan(0);
    expect(receivedHex(chain.camera.received)).toEqual([DRIVE_UP, STOP]);
    const tilt = chain.camera.position().tilt;
    await rig.clock.advance(5000);
    expect(chain.camera.position().tilt).toBe(tilt);
  });

  it('an explicit stop during the unanswered drive reaches the camera', async () => {
    const rig = serviceRig({ replyTimeoutMs: 1000 });
    const chain = rig.visca('/dev/ttyCAM', [{ faults: { dropReplies: 2 } }]);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const drive = rig.service.drive(c.connId, { direction: 'up', deadman: true }).catch((e: unknown) => e);
    await rig.clock.advance(300);
    const stop = rig.service.stop(c.connId).catch((e: unknown) => e);
    await rig.clock.advance(2000);
    await drive;
    const stopped = await stop;
    expect(stopped).not.toBeInstanceOf(Error);
    expect(receivedHex(chain.camera.received)).toEqual([DRIVE_UP, STOP]);
  });
});
