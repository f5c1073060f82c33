import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import { memoryLinkPair } from '../../../src/ptz/memory-link';
import { assignAddresses, clearAll } from '../../../src/ptz/visca/chain';
import * as v from '../../../src/ptz/visca/codec';
import { SimCameraChain } from '../../sim/visca/chain';
import { settle } from '../../sim/visca/manual-clock';
import { lines, rig } from './harness';

describe('daisy chain on one serial line', () => {
  it('AddressSet numbers the cameras along the ring', async () => {
    const { clock, chain, line, log } = rig([{ address: null }, { address: null }, { address: null }]);
    const count = assignAddresses(line);
    await clock.advance(0);
    await expect(count).resolves.toBe(3);
    expect(chain.cameras.map((c) => c.address)).toEqual([1, 2, 3]);
    expect(lines(log)).toEqual([
      'tx broadcast: AddressSet (first camera takes 1)',
      'rx broadcast: AddressSet reply, next address 4 (3 camera(s))',
    ]);
  });

  it('serialises exchanges for several cameras and routes every reply by address', async () => {
    const { clock, chain, line, log, session } = rig([{ execMs: { home: 300 } }, { execMs: { home: 300 } }, {}]);
    const s = [session(1), session(2), session(3)];
    const work = Promise.all([
      s[0]!.command(v.panTiltHome(1)),
      s[1]!.command(v.panTiltHome(2)),
      s[2]!.inquire(v.versionInquiry(3)),
      s[0]!.inquire(v.powerInquiry(1)),
      s[1]!.command(v.zoom(2, 'tele')),
      s[2]!.command(v.panTiltHome(3)),
    ]);
    await clock.advance(1000);
    const [h1, h2, version, power, zoom2, h3] = await work;
    expect([h1.completed, h2.completed, zoom2.completed, h3.completed]).toEqual([true, true, true, true]);
    expect(version.maxSocket).toBe(2);
    expect(power).toBe('on');
    chain.cameras.forEach((cam, i) => {
      expect(cam.received.every((f) => f[0] === 0x81 + i)).toBe(true);
    });
    expect(chain.cameras.map((c) => c.received.length)).toEqual([2, 2, 2]);
    // One exchange at a time: a send is always followed by its answer before the next send.
    const dirs = log.map((e) => e.dir).join('');
    expect(dirs).not.toContain('txtx');
    expect(line.queued).toBe(0);
  });

  it('IF_Clear broadcast comes back and cancels what every camera was doing', async () => {
    const { clock, line, session, chain } = rig([{ execMs: { home: 10_000 } }, { execMs: { home: 10_000 } }]);
    const homes = [session(1).command(v.panTiltHome(1)), session(2).command(v.panTiltHome(2))];
    const cancelled = Promise.allSettled(homes);
    await clock.advance(10);
    const cleared = clearAll(line);
    await clock.advance(10);
    await expect(cleared).resolves.toBeUndefined();
    const results = await cancelled;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(chain.cameras.map((c) => c.busySockets)).toEqual([[], []]);
  });
});

describe('simulated camera on the raw wire', () => {
  async function raw(cameras = [{}, {}]) {
    const [app, wire] = memoryLinkPair();
    const chain = new SimCameraChain(wire, cameras);
    const got: string[] = [];
    app.onData((b) => got.push(toHex(b)));
    const send = async (hex: string): Promise<string[]> => {
      got.length = 0;
      await app.write(fromHex(hex));
      await settle();
      return [...got];
    };
    return { chain, send };
  }

  it('forwards AddressSet with n+1 and echoes IF_Clear broadcast', async () => {
    const { chain, send } = await raw([{ address: null }, { address: null }]);
    expect(await send('88 30 01 FF')).toEqual(['88 30 03 FF']);
    expect(chain.cameras.map((c) => c.address)).toEqual([1, 2]);
    expect(await send('88 01 00 01 FF')).toEqual(['88 01 00 01 FF']);
  });

  it('answers per the Sony tables, including errors', async () => {
    const { send } = await raw();
    expect(await send('82 01 06 04 FF')).toEqual(['A0 41 FF', 'A0 51 FF']);
    expect(await send('81 01 00 01 FF')).toEqual(['90 50 FF']);
    expect(await send('81 01 04 38 FF')).toEqual(['90 60 02 FF']); // missing parameter
    expect(await send('81 01 06 01 19 01 03 01 FF')).toEqual(['90 60 02 FF']); // VV above 0x18
    expect(await send('81 01 04 08 02 FF')).toEqual(['90 61 41 FF']); // focus far in auto mode
    expect(await send('81 09 04 00 FF')).toEqual(['90 50 02 FF']);
    expect(await send('81 22 FF')).toEqual(['90 62 05 FF']);
    // 17 bytes addressed to camera 1: message length error.
    expect(await send('81 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F FF')).toEqual(['90 60 01 FF']);
    // Nobody has address 5: the packet goes round the ring back to the controller.
    expect(await send('85 09 04 00 FF')).toEqual(['85 09 04 00 FF']);
  });

  it('faults: drop one reply, then garbage before every reply', async () => {
    const { chain, send } = await raw([{}]);
    chain.camera.faults.dropReplies = 1;
    expect(await send('81 01 06 04 FF')).toEqual(['90 51 FF']);
    chain.camera.faults.garbageBeforeReply = fromHex('13 37');
    expect(await send('81 09 04 00 FF')).toEqual(['13 37', '90 50 02 FF']);
  });
});
