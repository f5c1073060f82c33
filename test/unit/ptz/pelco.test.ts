import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import { decodePelcoD, decodePelcoP, encodePelcoD, encodePelcoP } from '../../../src/ptz/pelco';
import type { PelcoCommand } from '../../../src/ptz/pelco';

// Packets from Pelco-D/P command tables in PTZ camera manuals (Avonic, AV-2020, Active Silicon).
describe('Pelco-D', () => {
  it.each<[string, PelcoCommand, string]>([
    ['stop', { type: 'stop' }, 'FF 01 00 00 00 00 01'],
    ['left 0x20', { type: 'move', pan: 'left', panSpeed: 0x20 }, 'FF 01 00 04 20 00 25'],
    ['right turbo', { type: 'move', pan: 'right', panSpeed: 'turbo' }, 'FF 01 00 02 FF 00 02'],
    ['up 0x3F', { type: 'move', tilt: 'up', tiltSpeed: 0x3f }, 'FF 01 00 08 00 3F 48'],
    ['down-left', { type: 'move', pan: 'left', tilt: 'down', panSpeed: 0x10, tiltSpeed: 0x10 }, 'FF 01 00 14 10 10 35'],
    ['zoom tele', { type: 'move', zoom: 'tele' }, 'FF 01 00 20 00 00 21'],
    ['zoom wide', { type: 'move', zoom: 'wide' }, 'FF 01 00 40 00 00 41'],
    ['focus far', { type: 'move', focus: 'far' }, 'FF 01 00 80 00 00 81'],
    ['focus near', { type: 'move', focus: 'near' }, 'FF 01 01 00 00 00 02'],
    ['set preset 1', { type: 'preset', action: 'set', preset: 1 }, 'FF 01 00 03 00 01 05'],
    ['clear preset 2', { type: 'preset', action: 'clear', preset: 2 }, 'FF 01 00 05 00 02 08'],
    ['go preset 3', { type: 'preset', action: 'go', preset: 3 }, 'FF 01 00 07 00 03 0B'],
  ])('%s', (_name, cmd, bytes) => {
    expect(toHex(encodePelcoD(1, cmd))).toBe(bytes);
    expect(decodePelcoD(fromHex(bytes))).toEqual({ ok: true, address: 1, command: cmd });
  });

  it('checksum wraps modulo 256 at high addresses', () => {
    expect(toHex(encodePelcoD(0xff, { type: 'move', pan: 'right', panSpeed: 0x3f }))).toBe('FF FF 00 02 3F 00 40');
  });

  it('reports checksum, length and sync errors', () => {
    expect(decodePelcoD(fromHex('FF 01 00 04 20 00 26'))).toMatchObject({ ok: false, error: 'checksum', expected: 0x25, actual: 0x26 });
    expect(decodePelcoD(fromHex('FF 01 00 04 20 00'))).toMatchObject({ ok: false, error: 'length' });
    expect(decodePelcoD(fromHex('FE 01 00 04 20 00 25'))).toMatchObject({ ok: false, error: 'sync' });
  });

  it('keeps commands it does not model as raw bytes', () => {
    // Query pan position (0x51) and iris open (cmd1 bit 1)
    expect(decodePelcoD(fromHex('FF 01 00 51 00 00 52'))).toEqual({ ok: true, address: 1, command: { type: 'other', bytes: [0, 0x51, 0, 0] } });
    expect(decodePelcoD(fromHex('FF 01 02 00 00 00 03'))).toMatchObject({ ok: true, command: { type: 'other' } });
  });

  it('validates arguments', () => {
    expect(() => encodePelcoD(0, { type: 'stop' })).toThrow(/address must be 1..255/);
    expect(() => encodePelcoD(1, { type: 'move', pan: 'left', panSpeed: 0x40 })).toThrow(/pan speed/);
    expect(() => encodePelcoD(1, { type: 'preset', action: 'go', preset: 0 })).toThrow(/preset/);
  });
});

describe('Pelco-P', () => {
  it.each<[string, PelcoCommand, string]>([
    ['stop', { type: 'stop' }, 'A0 00 00 00 00 00 AF 0F'],
    ['left 0x20', { type: 'move', pan: 'left', panSpeed: 0x20 }, 'A0 00 00 04 20 00 AF 2B'],
    ['up 0x20', { type: 'move', tilt: 'up', tiltSpeed: 0x20 }, 'A0 00 00 08 00 20 AF 27'],
    ['right turbo', { type: 'move', pan: 'right', panSpeed: 'turbo' }, 'A0 00 00 02 40 00 AF 4D'],
    ['zoom tele', { type: 'move', zoom: 'tele' }, 'A0 00 00 20 00 00 AF 2F'],
    ['focus far', { type: 'move', focus: 'far' }, 'A0 00 01 00 00 00 AF 0E'],
    ['focus near', { type: 'move', focus: 'near' }, 'A0 00 02 00 00 00 AF 0D'],
    ['go preset 5', { type: 'preset', action: 'go', preset: 5 }, 'A0 00 00 07 00 05 AF 0D'],
  ])('%s (address 1 travels as 00)', (_name, cmd, bytes) => {
    expect(toHex(encodePelcoP(1, cmd))).toBe(bytes);
    expect(decodePelcoP(fromHex(bytes))).toEqual({ ok: true, address: 1, command: cmd });
  });

  it('Pelco-D style focus bits as an option', () => {
    const far = encodePelcoP(2, { type: 'move', focus: 'far' }, { focusBits: 'd-style' });
    expect(toHex(far)).toBe('A0 01 00 80 00 00 AF 8E');
    expect(decodePelcoP(far, { focusBits: 'd-style' })).toEqual({ ok: true, address: 2, command: { type: 'move', focus: 'far' } });
    expect(toHex(encodePelcoP(2, { type: 'move', focus: 'near' }, { focusBits: 'd-style' }))).toBe('A0 01 01 00 00 00 AF 0F');
  });

  it('reports framing and checksum errors', () => {
    expect(decodePelcoP(fromHex('A0 00 00 04 20 00 AF 2C'))).toMatchObject({ ok: false, error: 'checksum', expected: 0x2b });
    expect(decodePelcoP(fromHex('A0 00 00 04 20 00 AE 2B'))).toMatchObject({ ok: false, error: 'sync' });
    expect(decodePelcoP(fromHex('A0 00 00'))).toMatchObject({ ok: false, error: 'length' });
    expect(() => encodePelcoP(257, { type: 'stop' })).toThrow(/address/);
    expect(toHex(encodePelcoP(256, { type: 'stop' })).slice(0, 5)).toBe('A0 FF');
  });
});
