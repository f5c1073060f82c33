import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import * as v from '../../../src/ptz/visca/codec';

// Expected bytes are copied from the Sony command tables (FCB-EV7500, SRG-300H, BRC-300) and
// /work/shared/docs/protocols.md, not computed by the code under test.
const hex = (b: Uint8Array): string => toHex(b);

describe('VISCA encoders: interface and system', () => {
  it('AddressSet and IF_Clear', () => {
    expect(hex(v.addressSet())).toBe('88 30 01 FF');
    expect(hex(v.ifClearBroadcast())).toBe('88 01 00 01 FF');
    expect(hex(v.ifClear(1))).toBe('81 01 00 01 FF');
    expect(hex(v.ifClear(7))).toBe('87 01 00 01 FF');
  });

  it('power, version, cancel', () => {
    expect(hex(v.power(1, true).bytes)).toBe('81 01 04 00 02 FF');
    expect(hex(v.power(2, false).bytes)).toBe('82 01 04 00 03 FF');
    expect(hex(v.powerInquiry(1).bytes)).toBe('81 09 04 00 FF');
    expect(hex(v.versionInquiry(1).bytes)).toBe('81 09 00 02 FF');
    expect(hex(v.cancel(1, 2))).toBe('81 22 FF');
  });

  it('presets with a per-model maximum', () => {
    expect(hex(v.preset(1, 'reset', 3).bytes)).toBe('81 01 04 3F 00 03 FF');
    expect(hex(v.preset(1, 'set', 0x0f).bytes)).toBe('81 01 04 3F 01 0F FF');
    expect(hex(v.preset(1, 'recall', 0).bytes)).toBe('81 01 04 3F 02 00 FF');
    expect(() => v.preset(1, 'recall', 0x10)).toThrow(/preset number must be 0..15/);
    expect(hex(v.preset(1, 'recall', 0x80, 0xfe).bytes)).toBe('81 01 04 3F 02 80 FF');
    expect(() => v.preset(1, 'set', 0xff, 0xff)).toThrow(/terminator/);
  });

  it('rejects addresses outside 1..7 with a typed error', () => {
    expect(() => v.power(0, true)).toThrow(v.ViscaEncodeError);
    expect(() => v.power(8, true)).toThrow(/camera address must be 1..7/);
  });
});

describe('VISCA encoders: pan-tilt', () => {
  it('drive in every direction (SRG-300H table)', () => {
    const expected: Record<v.PanTiltDirection, string> = {
      up: '03 01', down: '03 02', left: '01 03', right: '02 03', 'up-left': '01 01',
      'up-right': '02 01', 'down-left': '01 02', 'down-right': '02 02', stop: '03 03',
    };
    for (const [dir, pt] of Object.entries(expected)) {
      expect(hex(v.panTiltDrive(1, dir as v.PanTiltDirection, 0x10, 0x0e).bytes)).toBe(`81 01 06 01 10 0E ${pt} FF`);
    }
  });

  it('validates speeds against the model limits', () => {
    expect(() => v.panTiltDrive(1, 'up', 0, 1)).toThrow(/pan speed/);
    expect(() => v.panTiltDrive(1, 'up', 0x19, 1)).toThrow(/pan speed must be 1..24/);
    expect(() => v.panTiltDrive(1, 'up', 1, 0x15)).toThrow(/tilt speed must be 1..20/);
    const srgX400 = { maxPanSpeed: 0x18, maxTiltSpeed: 0x17 };
    expect(hex(v.panTiltDrive(1, 'up', 0x18, 0x17, srgX400).bytes)).toBe('81 01 06 01 18 17 03 01 FF');
    expect(() => v.panTiltDrive(1, 'sideways' as v.PanTiltDirection, 1, 1)).toThrow(/direction/);
  });

  it('absolute and relative positions as signed 16-bit nibbles', () => {
    // pan -1 = FFFF, tilt 0x0123
    expect(hex(v.panTiltAbsolute(1, { pan: -1, tilt: 0x123, panSpeed: 0x18, tiltSpeed: 0x14 }).bytes)).toBe(
      '81 01 06 02 18 14 0F 0F 0F 0F 00 01 02 03 FF',
    );
    // pan -2448 (F670 on the SRG-300H) and tilt 1296 (0510)
    expect(hex(v.panTiltRelative(1, { pan: -2448, tilt: 1296, panSpeed: 1, tiltSpeed: 1 }).bytes)).toBe(
      '81 01 06 03 01 01 0F 06 07 00 00 05 01 00 FF',
    );
    expect(() => v.panTiltAbsolute(1, { pan: 40000, tilt: 0, panSpeed: 1, tiltSpeed: 1 })).toThrow(/pan position/);
  });

  it('BRC-300 style 5 pan nibbles', () => {
    const brc = { maxPanSpeed: 0x18, maxTiltSpeed: 0x14, panNibbles: 5 as const };
    expect(hex(v.panTiltAbsolute(1, { pan: -1, tilt: 0, panSpeed: 1, tiltSpeed: 1 }, brc).bytes)).toBe(
      '81 01 06 02 01 01 0F 0F 0F 0F 0F 00 00 00 00 FF',
    );
  });

  it('home, reset and inquiries', () => {
    expect(hex(v.panTiltHome(1).bytes)).toBe('81 01 06 04 FF');
    expect(hex(v.panTiltReset(1).bytes)).toBe('81 01 06 05 FF');
    expect(hex(v.panTiltPositionInquiry(1).bytes)).toBe('81 09 06 12 FF');
    expect(hex(v.panTiltMaxSpeedInquiry(1).bytes)).toBe('81 09 06 11 FF');
  });
});

describe('VISCA encoders: zoom and focus', () => {
  it('zoom stop/tele/wide/variable/direct/inquiry', () => {
    expect(hex(v.zoom(1, 'stop').bytes)).toBe('81 01 04 07 00 FF');
    expect(hex(v.zoom(1, 'tele').bytes)).toBe('81 01 04 07 02 FF');
    expect(hex(v.zoom(1, 'wide').bytes)).toBe('81 01 04 07 03 FF');
    expect(hex(v.zoom(1, 'tele', 7).bytes)).toBe('81 01 04 07 27 FF');
    expect(hex(v.zoom(1, 'wide', 0).bytes)).toBe('81 01 04 07 30 FF');
    expect(() => v.zoom(1, 'tele', 8)).toThrow(/zoom speed must be 0..7/);
    expect(hex(v.zoomDirect(1, 0x4000).bytes)).toBe('81 01 04 47 04 00 00 00 FF');
    expect(hex(v.zoomPositionInquiry(1).bytes)).toBe('81 09 04 47 FF');
  });

  it('focus stop/far/near/variable/direct/modes/inquiries', () => {
    expect(hex(v.focus(1, 'stop').bytes)).toBe('81 01 04 08 00 FF');
    expect(hex(v.focus(1, 'far').bytes)).toBe('81 01 04 08 02 FF');
    expect(hex(v.focus(1, 'near').bytes)).toBe('81 01 04 08 03 FF');
    expect(hex(v.focus(1, 'near', 5).bytes)).toBe('81 01 04 08 35 FF');
    expect(hex(v.focusDirect(1, 0xc000).bytes)).toBe('81 01 04 48 0C 00 00 00 FF');
    expect(hex(v.focusMode(1, 'auto').bytes)).toBe('81 01 04 38 02 FF');
    expect(hex(v.focusMode(1, 'manual').bytes)).toBe('81 01 04 38 03 FF');
    expect(hex(v.focusMode(1, 'toggle').bytes)).toBe('81 01 04 38 10 FF');
    expect(hex(v.focusOnePush(1).bytes)).toBe('81 01 04 18 01 FF');
    expect(hex(v.focusModeInquiry(1).bytes)).toBe('81 09 04 38 FF');
    expect(hex(v.focusPositionInquiry(1).bytes)).toBe('81 09 04 48 FF');
  });

  it('marks commands and inquiries for the session', () => {
    expect(v.zoom(3, 'tele')).toMatchObject({ type: 'command', address: 3 });
    expect(v.focusModeInquiry(3)).toMatchObject({ type: 'inquiry', kind: 'focusMode', address: 3 });
  });
});

describe('hex helper', () => {
  it('parses manual notation and rejects typos', () => {
    expect(Array.from(fromHex('81 01 06 01 ff'))).toEqual([0x81, 1, 6, 1, 0xff]);
    expect(() => fromHex('81 0')).toThrow(/odd/);
    expect(() => fromHex('8G')).toThrow(/not hex/);
  });
});
