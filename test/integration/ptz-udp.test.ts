import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from '../../src/ptz/hex';
import * as v from '../../src/ptz/visca/codec';
import { ViscaLine } from '../../src/ptz/visca/line';
import { ViscaOverIpLink } from '../../src/ptz/visca/over-ip-link';
import type { OverIpEvent } from '../../src/ptz/visca/over-ip-link';
import { udpLink } from '../sim/visca/links';
import { SimOverIpCamera } from '../sim/visca/over-ip-camera';

/** Resolves once `pred` holds, polling the event loop (no time-based assertion). */
async function until(pred: () => boolean): Promise<void> {
  while (!pred()) await new Promise((r) => setTimeout(r, 5));
}

// VISCA over IP on loopback only: the simulated camera binds 127.0.0.1 and so does the client.
describe('VISCA over IP on 127.0.0.1', () => {
  let camera: SimOverIpCamera;
  let socket: Socket;
  let link: ViscaOverIpLink;
  let line: ViscaLine;
  const events: OverIpEvent[] = [];

  beforeAll(async () => {
    camera = await SimOverIpCamera.start();
    socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    link = new ViscaOverIpLink(udpLink(socket, camera.port), { onEvent: (e) => events.push(e) });
    line = new ViscaLine(link, { replyTimeoutMs: 1500 });
  });

  afterAll(async () => {
    await line?.close();
    await camera?.close();
  });

  it('resets the sequence number, then commands and inquiries round-trip', async () => {
    await link.reset();
    expect(link.nextSequence).toBe(1);
    const s = line.session(1);
    const move = await s.command(v.panTiltAbsolute(1, { pan: -500, tilt: 250, panSpeed: 0x18, tiltSpeed: 0x14 }));
    expect(move).toMatchObject({ socket: 1, completed: true });
    await expect(s.inquire(v.panTiltPositionInquiry(1))).resolves.toEqual({ pan: -500, tilt: 250, panNibbles: 4 });
    await expect(s.inquire(v.versionInquiry(1))).resolves.toMatchObject({ model: 0x0513 });
    // Header types and sequence numbers as the camera saw them: RESET, then 1, 2, 3.
    expect(camera.datagrams.map((d) => d.slice(0, 16))).toEqual([
      '0200000100000000',
      '0100000f00000001',
      '0110000500000002',
      '0110000500000003',
    ]);
  });

  it('a resend with the same sequence number earns "abnormal sequence number"', async () => {
    const before = events.length;
    await link.resendLast();
    await until(() => events.length > before);
    expect(events.at(-1)).toMatchObject({ type: 'control', meaning: 'sequenceError', sequence: 3 });
  });

  it('a broken datagram earns "abnormal message"', async () => {
    const raw = createSocket('udp4');
    await new Promise<void>((resolve) => raw.bind(0, '127.0.0.1', resolve));
    const reply = new Promise<Buffer>((resolve) => raw.once('message', resolve));
    raw.send(fromHex('01 00 00 09 00 00 00 07 81 01 FF'), camera.port, '127.0.0.1');
    expect((await reply).toString('hex')).toBe('0201000200000007' + '0f02');
    await new Promise<void>((resolve) => raw.close(resolve));
  });
});
