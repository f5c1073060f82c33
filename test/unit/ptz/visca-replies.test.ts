import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/ptz/hex';
import { decodeInquiry, decodeReply, describeFrame, inquiryKindOf, panTiltDrive } from '../../../src/ptz/visca/codec';

// Reply bytes from the Sony manuals' "Command/Acknowledge" and inquiry tables.
describe('decodeReply', () => {
  it('ACK, completion and the socket number', () => {
    expect(decodeReply(fromHex('90 41 FF'))).toEqual({ type: 'ack', address: 1, socket: 1 });
    expect(decodeReply(fromHex('90 52 FF'))).toEqual({ type: 'completion', address: 1, socket: 2 });
    expect(decodeReply(fromHex('A0 42 FF'))).toEqual({ type: 'ack', address: 2, socket: 2 });
    expect(decodeReply(fromHex('F0 51 FF'))).toMatchObject({ address: 7 });
  });

  it.each([
    ['90 60 01 FF', 0, 0x01, 'messageLength'],
    ['90 60 02 FF', 0, 0x02, 'syntax'],
    ['90 60 03 FF', 0, 0x03, 'bufferFull'],
    ['90 62 04 FF', 2, 0x04, 'cancelled'],
    ['90 62 05 FF', 2, 0x05, 'noSocket'],
    ['90 61 41 FF', 1, 0x41, 'notExecutable'],
    ['90 61 7A FF', 1, 0x7a, 'unknown'],
  ])('error %s', (bytes, socket, code, name) => {
    expect(decodeReply(fromHex(bytes))).toMatchObject({ type: 'error', address: 1, socket, code, name });
  });

  it('broadcast replies and network change', () => {
    expect(decodeReply(fromHex('88 30 03 FF'))).toEqual({ type: 'addressSet', next: 3 });
    expect(decodeReply(fromHex('88 01 00 01 FF'))).toEqual({ type: 'ifClearBroadcast' });
    expect(decodeReply(fromHex('90 50 FF'))).toEqual({ type: 'reply', address: 1, data: [] });
    expect(decodeReply(fromHex('90 38 FF'))).toEqual({ type: 'networkChange', address: 1 });
  });

  it.each(['90 FF', '81 01 FF', '90 41 00 FF', '90 41', '90 60 FF', '88 99 FF', '91 41 FF', '90 70 FF', '90 41 FF FF'])(
    'reports %s as invalid without throwing',
    (bytes) => {
      expect(decodeReply(fromHex(bytes)).type).toBe('invalid');
    },
  );
});

describe('decodeInquiry', () => {
  const data = (hex: string): number[] => Array.from(fromHex(hex));
  it('power, focus mode, zoom, focus', () => {
    expect(decodeInquiry('power', data('02'))).toEqual({ ok: true, value: 'on' });
    expect(decodeInquiry('power', data('03'))).toEqual({ ok: true, value: 'off' });
    expect(decodeInquiry('power', data('04'))).toEqual({ ok: true, value: 'error' });
    expect(decodeInquiry('focusMode', data('03'))).toEqual({ ok: true, value: 'manual' });
    expect(decodeInquiry('zoomPosition', data('04 00 00 00'))).toEqual({ ok: true, value: 0x4000 });
    expect(decodeInquiry('focusPosition', data('0C 00 00 00'))).toEqual({ ok: true, value: 0xc000 });
  });

  it('pan-tilt position with 4 and with 5 (BRC-300) pan nibbles', () => {
    expect(decodeInquiry('panTiltPosition', data('0F 06 07 00 00 05 01 00'))).toEqual({
      ok: true, value: { pan: -2448, tilt: 1296, panNibbles: 4 },
    });
    expect(decodeInquiry('panTiltPosition', data('0F 0F 0F 0F 0E 0F 0F 0F 0F'))).toEqual({
      ok: true, value: { pan: -2, tilt: -1, panNibbles: 5 },
    });
    expect(decodeInquiry('panTiltPosition', data('00 00 00 10 00 00 00 00'))).toMatchObject({ ok: false });
    expect(decodeInquiry('panTiltPosition', data('00 00 00'))).toMatchObject({ ok: false, error: expect.stringContaining('8 or 9') });
  });

  it('version (SRG-300H) and max speed', () => {
    expect(decodeInquiry('version', data('00 01 05 13 01 00 02'))).toEqual({
      ok: true, value: { vendor: 1, vendorName: 'Sony', model: 0x0513, rom: 0x0100, maxSocket: 2 },
    });
    expect(decodeInquiry('version', data('12 34 00 01 00 02 02'))).toEqual({
      ok: true, value: { vendor: 0x1234, model: 1, rom: 2, maxSocket: 2 },
    });
    expect(decodeInquiry('panTiltMaxSpeed', data('18 17'))).toEqual({ ok: true, value: { pan: 0x18, tilt: 0x17 } });
    expect(decodeInquiry('version', data('00 01'))).toMatchObject({ ok: false });
  });
});

describe('describeFrame', () => {
  it.each([
    ['81 01 06 01 10 0E 03 01 FF', 'cam 1: Pan-tilt drive up, speed 0x10/0x0E'],
    ['82 01 06 01 01 01 03 03 FF', 'cam 2: Pan-tilt drive stop, speed 0x01/0x01'],
    ['81 01 06 02 18 14 0F 06 07 00 00 05 01 00 FF', 'cam 1: Pan-tilt absolute pan -2448 tilt 1296, speed 0x18/0x14'],
    ['81 01 04 07 27 FF', 'cam 1: Zoom tele, variable speed 7'],
    ['81 01 04 08 03 FF', 'cam 1: Focus near'],
    ['81 01 04 47 04 00 00 00 FF', 'cam 1: Zoom direct 0x4000'],
    ['81 01 04 3F 02 05 FF', 'cam 1: Preset recall 5'],
    ['81 01 04 38 10 FF', 'cam 1: Focus auto/manual toggle'],
    ['81 09 06 12 FF', 'cam 1: Pan-tilt position inquiry'],
    ['81 21 FF', 'cam 1: Cancel socket 1'],
    ['81 01 7E 01 FF', 'cam 1: unknown command 01 7E 01'],
    ['88 30 01 FF', 'broadcast: AddressSet (first camera takes 1)'],
    ['88 30 04 FF', 'broadcast: AddressSet reply, next address 4 (3 camera(s))'],
    ['88 01 00 01 FF', 'broadcast: IF_Clear'],
    ['90 41 FF', 'cam 1: ACK socket 1'],
    ['90 60 03 FF', 'cam 1: Error socket 0: command buffer full (two commands already executing)'],
    ['90 50 FF', 'cam 1: Completion (IF_Clear / socket 0)'],
    ['90 50 02 FF', 'cam 1: Inquiry reply 02'],
    ['90 41', 'incomplete packet 90 41'],
  ])('%s', (bytes, meaning) => {
    expect(describeFrame(fromHex(bytes))).toBe(meaning);
  });

  it('decodes a reply value when told which inquiry it answers', () => {
    expect(describeFrame(fromHex('90 50 02 FF'), { inquiry: 'power' })).toBe('cam 1: power = "on"');
    expect(describeFrame(fromHex('88 30 01 FF'), { dir: 'rx' })).toBe('broadcast: AddressSet reply, next address 1 (0 camera(s))');
    expect(describeFrame(fromHex('88 01 00 01 FF'), { dir: 'rx' })).toBe('broadcast: IF_Clear came back');
    expect(inquiryKindOf(fromHex('81 09 04 47 FF'))).toBe('zoomPosition');
    expect(inquiryKindOf(panTiltDrive(1, 'up', 1, 1).bytes)).toBeUndefined();
  });
});
