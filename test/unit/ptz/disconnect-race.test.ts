import { describe, expect, it } from 'vitest';
import { receivedHex, serviceRig } from './service-harness';

describe('a drive that lands while disconnect sends its stop', () => {
  it('leaves no camera moving once disconnect resolved', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyCAM');
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyCAM' });
    const d1 = rig.service.drive(c.connId, { direction: 'up', deadman: true });
    await rig.clock.advance(0);
    await d1;
    const closing = rig.service.disconnect(c.connId);
    // The renderer's next key-repeat drive arrives while disconnect awaits its stop.
    const d2 = rig.service.drive(c.connId, { direction: 'left', deadman: true }).catch((e: unknown) => e);
    await rig.clock.advance(0);
    await closing;
    // Refused: the connection was gone the moment disconnect began.
    expect(await d2).toMatchObject({ code: 'not_found' });
    await rig.clock.advance(2000);
    // The second drive must not go out after the stop onto a port about to close (whose deadman
    // stop would then fail with "has no VISCA line open"): the last packet is the stop.
    expect(receivedHex(chain.camera.received).at(-1)).toBe('81 01 06 01 0C 0A 03 03 FF');
    const at = chain.camera.position();
    await rig.clock.advance(2000);
    expect(chain.camera.position()).toEqual(at);
    expect(rig.of('ptz.error').filter((e) => e.code === 'stop-failed')).toEqual([]);
  });
});
