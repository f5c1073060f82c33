import { describe, expect, it } from 'vitest';
import { ptzTargetSchema } from '../../../src/contract/ptz';
import { buildTarget, DEFAULT_DRAFT, draftFor, presetNumbers, targetPlace } from '../../../renderer/src/features/ptz/target-form';

describe('connection form to camera target', () => {
  it('builds a VISCA serial target from a typed pty path', () => {
    const r = buildTarget({ ...DEFAULT_DRAFT, path: ' /tmp/fk-pty-1/ttyB ', baud: 38400, address: '2' });
    expect(r).toEqual({ ok: true, target: { kind: 'visca-serial', path: '/tmp/fk-pty-1/ttyB', baud: 38400, address: 2 } });
  });

  it('builds Pelco targets with their own address ranges', () => {
    expect(buildTarget({ ...DEFAULT_DRAFT, path: 'COM3', serialProtocol: 'pelco-d', address: '255', baud: 2400 })).toMatchObject({ ok: true, target: { kind: 'pelco-d', address: 255 } });
    expect(buildTarget({ ...DEFAULT_DRAFT, path: 'COM3', serialProtocol: 'pelco-p', address: '256' })).toMatchObject({ ok: true, target: { kind: 'pelco-p', address: 256 } });
    expect(buildTarget({ ...DEFAULT_DRAFT, path: 'COM3', serialProtocol: 'pelco-d', address: '256' })).toEqual({ ok: false, errors: { address: { key: 'range', min: 1, max: 255 } } });
  });

  it('says which fields are missing or wrong', () => {
    expect(buildTarget({ ...DEFAULT_DRAFT, path: '  ', address: '8' })).toEqual({
      ok: false,
      errors: { path: { key: 'required' }, address: { key: 'range', min: 1, max: 7 } },
    });
    expect(buildTarget({ ...DEFAULT_DRAFT, path: '/dev/ttyUSB0', address: '1.5' })).toEqual({ ok: false, errors: { address: { key: 'integer' } } });
    expect(buildTarget({ ...DEFAULT_DRAFT, path: '/dev/ttyUSB0', address: '' })).toEqual({ ok: false, errors: { address: { key: 'required' } } });
  });

  it('builds network targets, with the protocol default port when none is typed', () => {
    const net = { ...DEFAULT_DRAFT, link: 'network' as const, host: '127.0.0.1' };
    expect(buildTarget(net)).toEqual({ ok: true, target: { kind: 'visca-udp', host: '127.0.0.1', port: 52381 } });
    expect(buildTarget({ ...net, networkProtocol: 'visca-tcp', port: '5679', address: '3' })).toEqual({
      ok: true,
      target: { kind: 'visca-tcp', host: '127.0.0.1', port: 5679, address: 3 },
    });
    expect(buildTarget({ ...net, networkProtocol: 'visca-udp-raw' })).toMatchObject({ ok: true, target: { port: 1259 } });
  });

  it('VISCA over IP ignores the address field: the camera is always 1', () => {
    expect(buildTarget({ ...DEFAULT_DRAFT, link: 'network', host: 'cam.local', address: 'junk' })).toMatchObject({ ok: true });
  });

  it('rejects hosts and ports the core would refuse', () => {
    const net = { ...DEFAULT_DRAFT, link: 'network' as const };
    expect(buildTarget({ ...net, host: '' })).toEqual({ ok: false, errors: { host: { key: 'required' } } });
    expect(buildTarget({ ...net, host: 'cam one; rm -rf' })).toEqual({ ok: false, errors: { host: { key: 'host' } } });
    expect(buildTarget({ ...net, host: '10.0.0.9', port: '70000' })).toEqual({ ok: false, errors: { port: { key: 'range', min: 1, max: 65535 } } });
  });

  it('everything it builds passes the contract schema', () => {
    for (const d of [
      { ...DEFAULT_DRAFT, path: '/dev/ttyUSB0' },
      { ...DEFAULT_DRAFT, path: '/dev/ttyUSB0', serialProtocol: 'pelco-p' as const, address: '1' },
      { ...DEFAULT_DRAFT, link: 'network' as const, host: '::1', networkProtocol: 'visca-udp-raw' as const },
    ]) {
      const r = buildTarget(d);
      expect(r.ok).toBe(true);
      if (r.ok) expect(ptzTargetSchema.safeParse(r.target).success).toBe(true);
    }
  });

  it('refills the form for another camera on the same line (daisy chain)', () => {
    const d = draftFor({ kind: 'visca-serial', path: '/dev/ttyUSB0', baud: 9600, address: 1 }, 3);
    expect(buildTarget(d)).toEqual({ ok: true, target: { kind: 'visca-serial', path: '/dev/ttyUSB0', baud: 9600, address: 3 } });
    expect(buildTarget(draftFor({ kind: 'visca-tcp', host: '10.1.1.5', port: 5678, address: 2 }))).toEqual({
      ok: true,
      target: { kind: 'visca-tcp', host: '10.1.1.5', port: 5678, address: 2 },
    });
  });

  it('names places and offers the presets each protocol has', () => {
    expect(targetPlace({ kind: 'visca-udp', host: '::1', port: 52381 })).toBe('[::1]:52381');
    expect(targetPlace({ kind: 'pelco-d', path: 'COM4', baud: 4800, address: 9 })).toBe('COM4');
    expect(presetNumbers({ kind: 'visca-serial', path: 'x', baud: 9600, address: 1 })).toEqual([...Array(16).keys()]);
    expect(presetNumbers({ kind: 'pelco-d', path: 'x', baud: 9600, address: 1 })[0]).toBe(1);
  });
});
