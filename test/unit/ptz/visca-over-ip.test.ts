import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import { memoryLinkPair } from '../../../src/ptz/memory-link';
import { ViscaOverIpLink } from '../../../src/ptz/visca/over-ip-link';
import type { OverIpEvent } from '../../../src/ptz/visca/over-ip-link';
import {
  decodeControl,
  decodeOverIp,
  encodeOverIp,
  encodeReset,
  payloadTypeFor,
} from '../../../src/ptz/visca/over-ip';
import { ManualClock, settle } from '../../sim/visca/manual-clock';

// Datagram layouts from the Sony SRG-300H "VISCA over IP" chapter.
describe('VISCA over IP header', () => {
  it('encodes a command with length and big-endian sequence', () => {
    expect(toHex(encodeOverIp('command', 0x12345678, fromHex('81 01 04 07 02 FF')))).toBe(
      '01 00 00 06 12 34 56 78 81 01 04 07 02 FF',
    );
    expect(toHex(encodeOverIp('inquiry', 1, fromHex('81 09 04 47 FF')))).toBe('01 10 00 05 00 00 00 01 81 09 04 47 FF');
    expect(toHex(encodeReset())).toBe('02 00 00 01 00 00 00 00 01');
  });

  it('decodes every payload type', () => {
    const cases: Array<[string, string]> = [
      ['01 00', 'command'], ['01 10', 'inquiry'], ['01 11', 'reply'],
      ['01 20', 'deviceSetting'], ['02 00', 'control'], ['02 01', 'controlReply'],
    ];
    for (const [code, type] of cases) {
      const r = decodeOverIp(fromHex(`${code} 00 03 FF FF FF FF 90 41 FF`));
      expect(r).toMatchObject({ ok: true, message: { type, sequence: 0xffffffff } });
      if (r.ok) expect(toHex(r.message.payload)).toBe('90 41 FF');
    }
  });

  it('rejects broken datagrams with a reason', () => {
    expect(decodeOverIp(fromHex('01 11 00 03 00 00'))).toMatchObject({ ok: false, error: expect.stringContaining('shorter') });
    expect(decodeOverIp(fromHex('03 00 00 03 00 00 00 01 90 41 FF'))).toMatchObject({ ok: false, error: expect.stringContaining('payload type 0x0300') });
    expect(decodeOverIp(fromHex('01 11 00 04 00 00 00 01 90 41 FF'))).toMatchObject({ ok: false, error: expect.stringContaining('length field') });
    expect(() => encodeOverIp('command', -1, fromHex('81 FF'))).toThrow(RangeError);
    expect(() => encodeOverIp('command', 0, new Uint8Array(17))).toThrow(/1..16/);
  });

  it('control payloads: RESET, its ACK and the two errors', () => {
    expect(decodeControl('control', fromHex('01'))).toBe('reset');
    expect(decodeControl('controlReply', fromHex('01'))).toBe('resetAck');
    expect(decodeControl('controlReply', fromHex('0F 01'))).toBe('sequenceError');
    expect(decodeControl('controlReply', fromHex('0F 02'))).toBe('messageError');
    expect(decodeControl('controlReply', fromHex('0F 03'))).toBe('unknown');
  });

  it('picks the payload type from the VISCA packet', () => {
    expect(payloadTypeFor(fromHex('81 09 06 12 FF'))).toBe('inquiry');
    expect(payloadTypeFor(fromHex('81 01 00 01 FF'))).toBe('deviceSetting');
    expect(payloadTypeFor(fromHex('81 01 06 04 FF'))).toBe('command');
  });
});

describe('ViscaOverIpLink', () => {
  it('wraps writes with increasing sequence numbers and unwraps replies', async () => {
    const [app, cam] = memoryLinkPair();
    const sent: string[] = [];
    cam.onData((d) => sent.push(toHex(d)));
    const events: OverIpEvent[] = [];
    const link = new ViscaOverIpLink(app, { onEvent: (e) => events.push(e) });
    const got: string[] = [];
    link.onData((b) => got.push(toHex(b)));

    await link.write(fromHex('81 01 06 04 FF'));
    await link.write(fromHex('81 09 04 00 FF'));
    await settle();
    expect(sent).toEqual(['01 00 00 05 00 00 00 00 81 01 06 04 FF', '01 10 00 05 00 00 00 01 81 09 04 00 FF']);

    await cam.write(fromHex('01 11 00 03 00 00 00 00 90 41 FF'));
    await cam.write(fromHex('02 01 00 02 00 00 00 01 0F 01'));
    await cam.write(fromHex('01 11 00 09'));
    await settle();
    expect(got).toEqual(['90 41 FF']);
    expect(events).toEqual([
      { type: 'control', meaning: 'sequenceError', sequence: 1 },
      { type: 'invalid', error: expect.stringContaining('shorter'), datagram: expect.any(Uint8Array) },
    ]);

    await link.resendLast();
    await settle();
    expect(sent[2]).toBe(sent[1]);
  });

  it('RESET waits for the control reply, then numbers from 1', async () => {
    const [app, cam] = memoryLinkPair();
    cam.onData((d) => {
      if (toHex(d) === '02 00 00 01 00 00 00 00 01') void cam.write(fromHex('02 01 00 01 00 00 00 00 01'));
    });
    const link = new ViscaOverIpLink(app);
    await link.write(fromHex('81 01 06 04 FF'));
    await link.reset();
    expect(link.nextSequence).toBe(1);
  });

  it('RESET times out cleanly when the camera is silent', async () => {
    const clock = new ManualClock();
    const [app] = memoryLinkPair();
    const link = new ViscaOverIpLink(app, { clock, resetTimeoutMs: 500 });
    const p = link.reset();
    const failed = expect(p).rejects.toMatchObject({ code: 'timeout' });
    await clock.advance(500);
    await failed;
    expect(clock.pending).toBe(0);
  });
});
