import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import { memoryLinkPair } from '../../../src/ptz/memory-link';
import { ViscaLine } from '../../../src/ptz/visca/line';
import type { FrameLogEntry } from '../../../src/ptz/visca/line';
import { encodeOverIp } from '../../../src/ptz/visca/over-ip';
import { ReliableOverIpLink } from '../../../src/ptz/visca/over-ip-retry';
import * as v from '../../../src/ptz/visca/codec';
import { ManualClock } from '../../sim/visca/manual-clock';

/** A camera end that hands every datagram to `respond` and sends back what it returns. */
function rig(respond: (d: { type: number; seq: number; payload: string }, n: number) => Array<[number, string]>) {
  const clock = new ManualClock();
  const [app, cam] = memoryLinkPair();
  const seen: Array<{ type: number; seq: number; payload: string }> = [];
  cam.onData((d) => {
    const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
    const msg = { type: view.getUint16(0), seq: view.getUint32(4), payload: toHex(d.subarray(8)) };
    seen.push(msg);
    for (const [type, payload] of respond(msg, seen.length)) void cam.write(encodeOverIp(type === 0x0111 ? 'reply' : 'controlReply', msg.seq, fromHex(payload)));
  });
  const log: FrameLogEntry[] = [];
  const link = new ReliableOverIpLink(app, { clock, resendAfterMs: 100, maxResends: 2, onLog: (e) => log.push(e) });
  const line = new ViscaLine(link, { clock, replyTimeoutMs: 1000, onFrame: (e) => log.push(e) });
  return { clock, link, line, seen, log };
}

describe('VISCA over IP: resend and sequence recovery', () => {
  it('resends a lost datagram with the same sequence number', async () => {
    // The first copy of the inquiry is lost on the way; the resend is answered.
    const r = rig((m, n) => (m.type === 0x0200 ? [[0x0201, '01']] : n === 2 ? [] : [[0x0111, '90 50 02 FF']]));
    const reset = r.link.reset();
    await r.clock.advance(0);
    await reset;
    const power = r.line.session(1).inquire(v.powerInquiry(1));
    await r.clock.advance(100);
    await expect(power).resolves.toBe('on');
    expect(r.seen.map((m) => `${m.type.toString(16)} ${m.seq} ${m.payload}`)).toEqual(['200 0 01', '110 1 81 09 04 00 FF', '110 1 81 09 04 00 FF']);
    expect(r.log.map((e) => e.meaning)).toContain('VISCA over IP: no reply, resend #1 with the same sequence number 1');
  });

  it('recovers from "abnormal sequence number" with RESET and one more send', async () => {
    // The reply to the first copy is lost; the camera already ran it and rejects the resend's number.
    let ran = 0;
    const r = rig((m) => {
      if (m.type === 0x0200) return [[0x0201, '01']];
      if (m.seq === 7 && ran++ > 0) return [[0x0201, '0F 01']];
      if (m.seq === 7) return [];
      return [[0x0111, '90 41 FF'], [0x0111, '90 51 FF']];
    });
    // Pretend six packets went before, so the first copy carries sequence 7.
    for (let i = 0; i < 7; i++) await r.link.inner.write(fromHex('81 09 00 02 FF')).catch(() => undefined);
    r.seen.length = 0;
    const home = r.line.session(1).command(v.panTiltHome(1));
    await r.clock.advance(100);
    await expect(home).resolves.toMatchObject({ completed: true });
    expect(r.seen.map((m) => `${m.type.toString(16)} ${m.seq}`)).toEqual(['100 7', '100 7', '200 0', '100 1']);
    expect(r.log.map((e) => e.meaning)).toEqual(
      expect.arrayContaining([
        'VISCA over IP: abnormal sequence number, sequence 7',
        'VISCA over IP: RESET sequence number',
        'VISCA over IP: RESET acknowledged (sequence restarts at 1), sequence 0',
        'VISCA over IP: send again after RESET with sequence 1',
      ]),
    );
  });

  it('gives up after the resends and lets the line report the timeout', async () => {
    const r = rig(() => []);
    const p = r.line.session(1).inquire(v.versionInquiry(1)).catch((e: unknown) => e);
    await r.clock.advance(1000);
    expect(await p).toMatchObject({ code: 'timeout' });
    expect(r.seen).toHaveLength(3);
    expect(new Set(r.seen.map((m) => m.seq)).size).toBe(1);
  });
});
