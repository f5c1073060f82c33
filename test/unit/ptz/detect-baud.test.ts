import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/ptz/hex';
import type { ByteLink } from '../../../src/ptz/link';
import { SimCameraChain } from '../../sim/visca/chain';
import { serviceRig } from './service-harness';

describe('detect-baud', () => {
  it('tries the rates in order until the version inquiry is answered', async () => {
    const rig = serviceRig();
    let chain: SimCameraChain | undefined;
    rig.device('/dev/ttyUSB0', {
      attach(wire: ByteLink, baud?: number) {
        if (baud === 38400) chain = new SimCameraChain(wire, [{ clock: rig.clock }]);
        // At a wrong rate a real UART turns the reply into noise: answer garbage at 19200, nothing at 9600.
        else if (baud === 19200) wire.onData(() => void wire.write(fromHex('E3 1C FE 00')));
      },
    });
    const p = rig.service.detectBaud({ path: '/dev/ttyUSB0', address: 1, timeoutMs: 300 });
    await rig.clock.advance(600);
    const r = await p;
    expect(r).toMatchObject({ baud: 38400, tried: [9600, 19200, 38400], version: { vendorName: 'Sony', model: 0x0513 } });
    expect(rig.opens.map((o) => o.baud)).toEqual([9600, 19200, 38400]);
    expect(chain?.camera.received).toHaveLength(1);
    expect(r.frames.filter((f) => f.dir === 'tx').map((f) => f.hex)).toEqual(['81 09 00 02 FF', '81 09 00 02 FF', '81 09 00 02 FF']);
  });

  it('reports a timeout after trying every rate', async () => {
    const rig = serviceRig();
    rig.device('/dev/ttyUSB0', { attach: () => undefined });
    const p = rig.service.detectBaud({ path: '/dev/ttyUSB0', address: 2, timeoutMs: 100 }).catch((e: unknown) => e);
    await rig.clock.advance(400);
    expect(await p).toMatchObject({ code: 'timeout', details: { camera: 'timeout' } });
    expect(rig.opens.map((o) => o.baud)).toEqual([9600, 19200, 38400, 115200]);
  });

  it('refuses a port a connection holds open', async () => {
    const rig = serviceRig();
    rig.visca('/dev/ttyUSB0');
    await rig.connect({ kind: 'visca-serial', path: '/dev/ttyUSB0' });
    await expect(rig.service.detectBaud({ path: '/dev/ttyUSB0', address: 1, timeoutMs: 100 })).rejects.toMatchObject({ code: 'conflict' });
  });
});
