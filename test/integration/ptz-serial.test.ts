import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from '../../src/ptz/hex';
import { assignAddresses } from '../../src/ptz/visca/chain';
import * as v from '../../src/ptz/visca/codec';
import { ViscaLine } from '../../src/ptz/visca/line';
import type { FrameLogEntry } from '../../src/ptz/visca/line';
import { createPtyPair, requirePtyOrSkip } from '../lab/pty';
import type { PtyPair } from '../lab/pty';
import { SimCameraChain } from '../sim/visca/chain';
import { serialLink } from '../sim/visca/links';

function open(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

// A real serial path: socat joins two ptys (ttyCAM for the simulator, ttyAPP for FieldKit) and
// both sides open them with serialport at 9600 8N1, exactly as the app opens a USB adapter.
describe.skipIf(requirePtyOrSkip())('VISCA over a socat pty pair', () => {
  let pair: PtyPair;
  let camPort: SerialPort;
  let line: ViscaLine;
  let chain: SimCameraChain;
  const log: FrameLogEntry[] = [];

  beforeAll(async () => {
    pair = await createPtyPair();
    camPort = await open(pair.a);
    const appPort = await open(pair.b);
    chain = new SimCameraChain(serialLink(camPort), [
      { address: null, execMs: { absolute: 150 } },
      { address: null },
    ]);
    line = new ViscaLine(serialLink(appPort), { replyTimeoutMs: 1500, onFrame: (e) => log.push(e) });
  });

  afterAll(async () => {
    await line?.close();
    if (camPort?.isOpen) await new Promise<void>((resolve) => camPort.close(() => resolve()));
    await pair?.close(); // kills socat
  });

  it('addresses the chain and identifies the cameras', async () => {
    await expect(assignAddresses(line)).resolves.toBe(2);
    const cam1 = line.session(1);
    const cam2 = line.session(2);
    await expect(cam1.inquire(v.versionInquiry(1))).resolves.toMatchObject({ vendorName: 'Sony', maxSocket: 2 });
    await expect(cam2.inquire(v.powerInquiry(2))).resolves.toBe('on');
  });

  it('keeps to two sockets and still answers inquiries while they are busy', async () => {
    const cam = chain.cameras[0]!;
    const s = line.session(1, { completionTimeoutMs: 5000 });
    const moves = [100, 200, 300].map((pan) => s.command(v.panTiltAbsolute(1, { pan, tilt: 0, panSpeed: 0x18, tiltSpeed: 0x14 })));
    const power = await s.inquire(v.powerInquiry(1));
    expect(power).toBe('on');
    const results = await Promise.all(moves);
    expect(results.every((r) => r.completed)).toBe(true);
    expect(log.some((e) => e.meaning.includes('buffer full'))).toBe(false);
    await expect(s.inquire(v.panTiltPositionInquiry(1))).resolves.toMatchObject({ pan: 300, tilt: 0 });
    expect(cam.position()).toEqual({ pan: 300, tilt: 0 });
  });

  it('skips garbage on the wire and reports it in the frame log', async () => {
    const cam = chain.cameras[1]!;
    cam.faults.garbageBeforeReply = fromHex('00 55 7E');
    const s = line.session(2);
    await expect(s.command(v.zoomDirect(2, 0x0400))).resolves.toMatchObject({ completed: true });
    cam.faults.garbageBeforeReply = undefined;
    expect(log.filter((e) => e.discarded).map((e) => e.bytes).join(' ')).toContain('00 55 7E');
  });

  it('times out on a silent camera and recovers with IF_Clear', async () => {
    const cam = chain.cameras[1]!;
    const s = line.session(2);
    cam.faults.silent = true;
    await expect(s.command(v.panTiltHome(2))).rejects.toMatchObject({ code: 'timeout', phase: 'reply' });
    cam.faults.silent = false;
    await s.resync();
    await expect(s.command(v.panTiltHome(2))).resolves.toMatchObject({ completed: true });
  });
});
