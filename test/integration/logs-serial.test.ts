// Serial console capture over a real pty pair (socat): the "camera" writes its console output in
// awkward pieces through serialport; FieldKit captures the other end at 115200.
import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, openSerialEnd, requirePtyOrSkip, writeDrained, type PtyPair } from '../lab/pty';
import { captureOnTempDb, until } from './logs-support';

const write = writeDrained;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(requirePtyOrSkip())('serial console capture over a pty', () => {
  let pair: PtyPair;
  let camera: SerialPort;
  const t = captureOnTempDb();

  beforeAll(async () => {
    pair = await createPtyPair();
    camera = await openSerialEnd(pair.a);
  });
  afterAll(async () => {
    if (camera?.isOpen) await new Promise<void>((r) => camera.close(() => r()));
    await t.close();
    await pair?.close();
  });

  it('splits lines across reads with LF, CRLF and CR endings, timestamps each line, flushes a prompt when idle', async () => {
    const info = await t.capture.openSerial({ path: pair.b, baudRate: 115200, name: 'cam-uart' });
    expect(info).toEqual({ path: pair.b, name: 'cam-uart', baudRate: 115200, lines: 0 });
    await expect(t.capture.openSerial({ path: pair.b, baudRate: 115200 })).rejects.toThrow(/already being captured/);
    await write(camera, 'U-Boot 2016.01 (Mar 01 2026)\r');
    await pause(50);
    await write(camera, '\nBooting Lin');
    await pause(50);
    await write(camera, 'ux on physical CPU 0x0\nsd 0:0:0:0: [sda] I/O error\rno newline yet: 摄像');
    await pause(50);
    await write(camera, Buffer.from('头\r\n', 'utf8'));
    await write(camera, 'login: ');
    await until(() => t.capture.status().counts.received >= 5, 'five console lines (the prompt after ~1 s idle)');
    await t.capture.flush();
    const entries = t.capture.store.search({ source: 'cam-uart' }, { limit: 10, offset: 0, order: 'oldest' }).entries;
    expect(entries.map((e) => e.message)).toEqual([
      'U-Boot 2016.01 (Mar 01 2026)', 'Booting Linux on physical CPU 0x0', 'sd 0:0:0:0: [sda] I/O error', 'no newline yet: 摄像头', 'login: ',
    ]);
    for (const e of entries) expect(e).toMatchObject({ transport: 'serial', format: 'console', source: 'cam-uart', malformed: false });
    const times = entries.map((e) => Date.parse(e.receivedAt));
    expect(times[1]!).toBeGreaterThan(times[0]!); // written 50 ms apart
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(t.records.map((r) => [r.device, r.type])).toEqual([['cam-uart', 'reboot'], ['cam-uart', 'storage-error']]);
    expect(t.capture.status().serial).toEqual([{ path: pair.b, name: 'cam-uart', baudRate: 115200, lines: 5 }]);
  });

  it('sends a line to the console', async () => {
    const got = new Promise<string>((resolve) => {
      let buf = '';
      camera.on('data', (d: Buffer) => {
        buf += d.toString();
        if (buf.endsWith('\r\n')) resolve(buf);
      });
    });
    expect(await t.capture.sendSerial(pair.b, 'root', 'crlf')).toBe(6);
    expect(await got).toBe('root\r\n');
    expect(await t.capture.closeSerial(pair.b)).toBe(true);
    await expect(t.capture.sendSerial(pair.b, 'x', 'lf')).rejects.toThrow(/not open/);
    expect(t.capture.status().serial).toEqual([]);
  });

  it('explains a port that cannot be opened', async () => {
    await expect(t.capture.openSerial({ path: '/dev/fieldkit-no-such-tty', baudRate: 9600 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
