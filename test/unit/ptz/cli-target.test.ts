import { describe, expect, it } from 'vitest';
import { ptzTargetSchema } from '../../../src/contract/ptz';
import { parseHostPort, parseSpeeds, targetFromFlags } from '../../../src/hosts/cli/commands/ptz-target';
import { UsageError } from '../../../src/hosts/cli/output';

describe('fieldkit ptz target flags', () => {
  it.each([
    [{ serial: '/dev/ttyUSB0' }, { kind: 'visca-serial', path: '/dev/ttyUSB0', baud: 9600, address: 1 }],
    [{ serial: '/dev/ttyUSB0', baud: '115200', addr: '3' }, { kind: 'visca-serial', path: '/dev/ttyUSB0', baud: 115200, address: 3 }],
    [{ viscaUdp: '192.168.0.90' }, { kind: 'visca-udp', host: '192.168.0.90', port: 52381 }],
    [{ viscaUdp: '10.0.0.5:52380' }, { kind: 'visca-udp', host: '10.0.0.5', port: 52380 }],
    [{ viscaUdp: '10.0.0.5', raw: true }, { kind: 'visca-udp-raw', host: '10.0.0.5', port: 1259, address: 1 }],
    [{ viscaTcp: '[fe80::1]:5678' }, { kind: 'visca-tcp', host: 'fe80::1', port: 5678, address: 1 }],
    [{ pelcoD: '/dev/ttyUSB1', addr: '0x10' }, { kind: 'pelco-d', path: '/dev/ttyUSB1', baud: 9600, address: 16 }],
    [{ pelcoP: '/dev/ttyUSB1', addr: '256', baud: '4800' }, { kind: 'pelco-p', path: '/dev/ttyUSB1', baud: 4800, address: 256 }],
  ])('%j', (flags, target) => {
    expect(ptzTargetSchema.parse(targetFromFlags(flags))).toEqual(target);
  });

  it.each([
    [{}, /name the camera/],
    [{ serial: '/a', viscaTcp: 'h:1' }, /only one/],
    [{ pelcoD: '/dev/ttyUSB1' }, /--addr/],
    [{ viscaTcp: 'host' }, /needs a port/],
    [{ viscaUdp: 'h', baud: '9600' }, /serial targets only/],
    [{ viscaUdp: 'h', addr: '2' }, /address 1/],
    [{ serial: '/a', raw: true }, /--raw/],
    [{ serial: '/a', addr: 'two' }, /integer/],
  ])('rejects %j', (flags, message) => {
    expect(() => targetFromFlags(flags)).toThrow(UsageError);
    expect(() => targetFromFlags(flags)).toThrow(message);
  });

  it('leaves range checks to the contract', () => {
    expect(ptzTargetSchema.safeParse(targetFromFlags({ serial: '/a', addr: '8' })).success).toBe(false);
    expect(ptzTargetSchema.safeParse(targetFromFlags({ serial: '/a', baud: '1234' })).success).toBe(false);
    expect(ptzTargetSchema.safeParse(targetFromFlags({ pelcoD: '/a', addr: '256' })).success).toBe(false);
  });

  it('parses speeds and host:port', () => {
    expect(parseSpeeds('8')).toEqual({ panSpeed: 8, tiltSpeed: 8 });
    expect(parseSpeeds('0x18,0x14')).toEqual({ panSpeed: 0x18, tiltSpeed: 0x14 });
    expect(() => parseSpeeds('1,2,3')).toThrow(UsageError);
    expect(parseHostPort('--x', 'cam.local:1259', false)).toEqual({ host: 'cam.local', port: 1259 });
  });
});
