import { describe, expect, it } from 'vitest';
import { receivedHex, serviceRig } from './service-harness';

const STOP = '81 01 06 01 0C 0A 03 03 FF';

describe('PTZ port lost mid-move (manual clock)', () => {
  it('reports the loss, refuses work, reopens when the port returns and sends stop first', async () => {
    const rig = serviceRig({ reopenMs: 1000 });
    const chain = rig.visca('/dev/ttyUSB0');
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyUSB0', baud: 38400 });
    const d = rig.service.drive(c.connId, { direction: 'up-right', deadman: true });
    await rig.clock.advance(0);
    await d;

    rig.missing.add('/dev/ttyUSB0');
    await rig.unplug('/dev/ttyUSB0');
    await rig.clock.advance(0);
    expect(rig.of('ptz.error').map((e) => e.code)).toEqual(['port-lost']);
    expect(rig.service.connections()[0]).toMatchObject({ state: 'lost', jogging: false });
    await expect(rig.service.run(c.connId, (x) => x.home())).rejects.toMatchObject({ code: 'unavailable' });

    // No deadman stop fires into a dead port; the first reopen attempt fails.
    await rig.clock.advance(1000);
    expect(rig.of('ptz.error').map((e) => e.code)).toEqual(['port-lost', 'reopen-failed']);

    rig.missing.delete('/dev/ttyUSB0');
    const before = chain.camera.received.length;
    await rig.clock.advance(1000);
    expect(receivedHex(chain.camera.received.slice(before))).toEqual([STOP]);
    expect(rig.service.connections()[0]).toMatchObject({ state: 'open' });
    expect(rig.opens.map((o) => o.baud)).toEqual([38400, 38400, 38400]);

    // The camera drove on for the two seconds the port was gone: homing takes a while.
    expect(chain.camera.position().pan).toBeGreaterThan(2000);
    const h = rig.service.run(c.connId, (x) => x.home());
    await rig.clock.advance(3000);
    await expect(h).resolves.toMatchObject({ frames: [{ meaning: 'cam 1: Pan-tilt home' }, {}, {}] });
  });

  it('pending work fails as unavailable, with the frames sent, when the port closes early', async () => {
    const rig = serviceRig();
    const chain = rig.visca('/dev/ttyUSB0', [{ execMs: { absolute: 5000 } }]);
    const c = await rig.connect({ kind: 'visca-serial', path: '/dev/ttyUSB0' });
    const move = rig.service.run(c.connId, (x) => x.goto({ pan: 500, tilt: 0 }));
    await rig.clock.advance(10);
    expect(chain.camera.busySockets).toEqual([1]);
    const failed = move.catch((e: unknown) => e);
    await rig.unplug('/dev/ttyUSB0');
    await rig.clock.advance(0);
    const err = await failed;
    expect(err).toMatchObject({ code: 'unavailable', details: { frames: [{ dir: 'tx' }, { meaning: 'cam 1: ACK socket 1' }] } });
    expect((err as Error).message).toMatch(/closed/);
  });
});
