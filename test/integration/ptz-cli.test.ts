import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, requirePtyOrSkip } from '../lab/pty';
import type { PtyPair } from '../lab/pty';
import { PelcoDReceiver } from '../sim/pelco/receiver';
import { SimCameraChain } from '../sim/visca/chain';
import { serialLink } from '../sim/visca/links';
import { SimOverIpCamera } from '../sim/visca/over-ip-camera';
import { SimRawUdpCamera, SimTcpCamera } from '../sim/visca/stream-camera';
import { runCli } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-ptz-cli-');
afterAll(() => tmp.remove());

/** Runs `fieldkit --json ptz <target> <args>` and parses stdout. */
async function ptz(target: string[], ...args: string[]) {
  const r = await runCli(['--data-dir', tmp.dir, '--json', 'ptz', ...target, ...args]);
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { ...r, json };
}

function open(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');

describe.skipIf(requirePtyOrSkip())('fieldkit ptz --serial (VISCA chain on a socat pty)', () => {
  let pair: PtyPair;
  let camPort: SerialPort;
  let chain: SimCameraChain;
  let target: string[];

  beforeAll(async () => {
    pair = await createPtyPair();
    camPort = await open(pair.a);
    chain = new SimCameraChain(serialLink(camPort), [{ address: null, maxPreset: 5 }, { address: null }]);
    target = ['--serial', pair.b];
  });
  afterAll(async () => {
    if (camPort?.isOpen) await new Promise<void>((r) => camPort.close(() => r()));
    await pair?.close();
  });

  it('address-set numbers the chain, then each camera answers at its address', async () => {
    const set = await ptz(target, 'address-set');
    expect(set.code).toBe(0);
    expect(set.json).toMatchObject({ ok: true, command: 'address-set', cameras: 2, frames: [{ dir: 'tx', hex: '88 30 01 FF' }, { dir: 'rx', hex: '88 30 03 FF' }] });
    const v2 = await ptz([...target, '--addr', '2'], 'version');
    expect(v2.json).toMatchObject({ ok: true, vendorName: 'Sony', model: 0x0513, maxSocket: 2 });
    expect(chain.cameras[1]?.received.map(hex)).toEqual(['82 09 00 02 FF']);
  });

  it('goto, then position decodes pan/tilt/zoom/focus/focusMode', async () => {
    const g = await ptz(target, 'goto', '--pan', '-300', '--tilt', '120', '--speed', '0x18,0x14');
    expect(g.code).toBe(0);
    expect(g.json).toMatchObject({ ok: true, pan: -300, tilt: 120 });
    expect(typeof g.json?.latencyMs).toBe('number');
    const p = await ptz(target, 'position');
    expect(p.json).toMatchObject({ ok: true, pan: -300, tilt: 120, zoom: 0, focus: 0x1000, focusMode: 'auto' });
    expect((p.json?.frames as unknown[]).length).toBe(8);
  });

  it('move drives, keeps the jog alive with heartbeats, then stops', async () => {
    const cam = chain.cameras[0]!;
    const before = cam.received.length;
    const m = await ptz(target, 'move', 'down-left', '--speed', '2,3', '--ms', '700');
    expect(m.code).toBe(0);
    // 700 ms is beyond the 500 ms deadman: only heartbeats kept it going, so exactly one stop at the end.
    expect(cam.received.slice(before).map(hex)).toEqual(['81 01 06 01 02 03 01 02 FF', '81 01 06 01 0C 0A 03 03 FF']);
    expect(m.json).toMatchObject({ ok: true, direction: 'down-left', ms: 700 });
  });

  it('zoom, focus, presets and power', async () => {
    expect((await ptz(target, 'zoom', '--to', '0x0800')).json).toMatchObject({ ok: true, zoom: 0x800 });
    expect((await ptz(target, 'focus', 'manual')).code).toBe(0);
    expect((await ptz(target, 'focus', '--to', '6000')).code).toBe(0);
    expect((await ptz(target, 'preset', 'set', '3')).code).toBe(0);
    expect((await ptz(target, 'power', 'status')).json).toMatchObject({ ok: true, power: 'on' });
    const p = await ptz(target, 'position');
    expect(p.json).toMatchObject({ zoom: 0x800, focus: 6000, focusMode: 'manual' });
    expect(chain.cameras[0]?.state.presets.has(3)).toBe(true);
    expect((await ptz(target, 'preset', 'clear', '3')).code).toBe(0);
    expect(chain.cameras[0]?.state.presets.has(3)).toBe(false);
    expect((await ptz(target, 'focus', 'auto')).code).toBe(0);
  });

  it('camera errors exit 1 with {"ok":false,"error":...}', async () => {
    const notExec = await ptz(target, 'focus', 'far');
    expect(notExec.code).toBe(1);
    expect(notExec.json).toMatchObject({ ok: false, error: 'not-executable', frames: [{ hex: '81 01 04 08 02 FF' }, { hex: '90 61 41 FF' }] });
    expect(notExec.stderr).toMatch(/^fieldkit: camera 1: command not executable/);
    // The first camera takes presets 0..5 only: 9 is within the encoder's range but a syntax error to it.
    const syntax = await ptz(target, 'preset', 'recall', '9');
    expect(syntax.json).toMatchObject({ ok: false, error: 'syntax' });
    chain.cameras[1]!.faults.silent = true;
    const silent = await ptz([...target, '--addr', '2', '--timeout', '300'], 'power', 'status');
    chain.cameras[1]!.faults.silent = false;
    expect(silent.code).toBe(1);
    expect(silent.json).toMatchObject({ ok: false, error: 'timeout' });
  });

  it('detect-baud finds the rate with the version inquiry', async () => {
    const r = await ptz(target, 'detect-baud');
    expect(r.code).toBe(0);
    // Ptys ignore the rate, so the first one tried answers.
    expect(r.json).toMatchObject({ ok: true, baud: 9600, tried: [9600], version: { model: 0x0513 } });
  });

  it('usage errors exit 2 with one line', async () => {
    for (const args of [['move', 'up'], ['--serial', pair.b, 'move', 'sideways'], ['--serial', pair.b, '--addr', '9', 'stop'], ['--serial', pair.b, 'zoom']]) {
      const r = await runCli(['--data-dir', tmp.dir, 'ptz', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await runCli(['--data-dir', tmp.dir, 'ptz', '--serial', `${tmp.dir}/no-such-tty`, 'stop']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fieldkit: serial port .* does not exist/);
  });
});

describe('fieldkit ptz over the network (simulators on 127.0.0.1)', () => {
  it('--visca-udp speaks VISCA over IP with the header and sequence numbers', async () => {
    const cam = await SimOverIpCamera.start();
    try {
      const r = await ptz(['--visca-udp', `127.0.0.1:${cam.port}`], 'goto', '--pan', '400', '--tilt', '-100');
      expect(r.code).toBe(0);
      const p = await ptz(['--visca-udp', `127.0.0.1:${cam.port}`], 'position');
      expect(p.json).toMatchObject({ ok: true, pan: 400, tilt: -100 });
      // Each run: RESET, then sequence numbers from 1.
      expect(cam.datagrams.map((d) => d.slice(0, 16))).toEqual([
        '0200000100000000',
        '0100000f00000001',
        '0200000100000000',
        '0110000500000001',
        '0110000500000002',
        '0110000500000003',
        '0110000500000004',
      ]);
    } finally {
      await cam.close();
    }
  });

  it('--visca-udp --raw sends bare VISCA datagrams', async () => {
    const cam = await SimRawUdpCamera.start();
    try {
      const r = await ptz(['--visca-udp', `127.0.0.1:${cam.port}`, '--raw'], 'zoom', 'tele', '--speed', '7');
      expect(r.code).toBe(0);
      expect(cam.chain.camera.received.map(hex)).toEqual(['81 01 04 07 27 FF']);
      const v = await ptz(['--visca-udp', `127.0.0.1:${cam.port}`, '--raw'], 'zoom', 'stop');
      expect(v.json).toMatchObject({ ok: true, frames: [{ hex: '81 01 04 07 00 FF' }, { hex: '90 41 FF' }, { hex: '90 51 FF' }] });
    } finally {
      await cam.close();
    }
  });

  it('--visca-tcp talks to a camera on a TCP stream', async () => {
    const cam = await SimTcpCamera.start();
    try {
      expect((await ptz(['--visca-tcp', `127.0.0.1:${cam.port}`], 'home')).code).toBe(0);
      const p = await ptz(['--visca-tcp', `127.0.0.1:${cam.port}`], 'preset', 'set', '2');
      expect(p.json).toMatchObject({ ok: true, action: 'set', preset: 2 });
      expect(cam.chain.camera.state.presets.has(2)).toBe(true);
      expect(cam.connections).toBe(2);
    } finally {
      await cam.close();
    }
  });
});

describe.skipIf(requirePtyOrSkip())('fieldkit ptz --pelco-d (receiver on a socat pty)', () => {
  it('moves, stops and recalls presets with valid checksums', async () => {
    const pair = await createPtyPair();
    const port = await open(pair.a);
    try {
      const rx = new PelcoDReceiver(serialLink(port), 12);
      const target = ['--pelco-d', pair.b, '--addr', '12'];
      const m = await ptz(target, 'move', 'right', '--speed', '0x30', '--ms', '100');
      expect(m.code).toBe(0);
      expect((await ptz(target, 'preset', 'set', '7')).code).toBe(0);
      expect((await ptz(target, 'preset', 'recall', '7')).json).toMatchObject({ ok: true, frames: [{ dir: 'tx', hex: 'FF 0C 00 07 00 07 1A', meaning: 'cam 12: Preset recall 7' }] });
      const pos = await ptz(target, 'position');
      expect(pos.code).toBe(1);
      expect(pos.stderr).toMatch(/Pelco-D cannot report its position/);
      await new Promise((r) => setTimeout(r, 50));
      expect(rx.received.filter((r) => !r.ok)).toEqual([]);
      expect(rx.mine.map((r) => r.action)).toEqual(['move right pan=48 tilt=0', 'stop', 'preset-set 7', 'preset-go 7']);
    } finally {
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
      await pair.close();
    }
  });
});
