/**
 * `npm run bench -- ptz-ui`: in the browser host, the time from pointer-down on the PTZ joystick to
 * the first byte of the drive command arriving at a simulated VISCA camera on a socat pty.
 *
 * The whole path is real: Chromium → WebSocket → `fieldkit serve` → PTZ service → serialport →
 * pty → simulator. Pointer-down is the event's own timestamp in the page (performance.timeOrigin +
 * event.timeStamp); arrival is stamped by the simulator when the pty hands it the bytes
 * (performance.timeOrigin + performance.now() in this process). The two clocks are both wall-clock
 * anchored; their offset is measured with round trips before the run and taken out.
 *
 * Options (env): PTZ_UI_BENCH_N (presses, default 200), PTZ_UI_BENCH_FOLLOW=1 to leave position
 * polling on (its inquiries then sometimes hold the drive behind an exchange on the line).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, startServe, waitConnected } from '../../test/e2e/app';
import { PtzPageObject, type PadDirection } from '../../test/e2e/pages/ptz';
import { PtyCamera, type Arrival } from '../../test/e2e/ptz-camera';

const N = Number(process.env.PTZ_UI_BENCH_N ?? 200);
const WARMUP = 10;
const FOLLOW = process.env.PTZ_UI_BENCH_FOLLOW === '1';
const DIRECTIONS: PadDirection[] = ['left', 'right', 'up', 'down', 'up-left', 'down-right'];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Time of the first byte of the first pan-tilt drive (not stop) among the chunks from `from` on. */
function firstDriveByte(arrivals: Arrival[], from: number): number | null {
  const bytes: { b: number; at: number }[] = [];
  for (const a of arrivals.slice(from)) for (const b of a.bytes) bytes.push({ b, at: a.at });
  for (let i = 0; i + 8 < bytes.length; i++) {
    const p = bytes.slice(i, i + 9).map((x) => x.b);
    if (p[0] === 0x81 && p[1] === 0x01 && p[2] === 0x06 && p[3] === 0x01 && p[8] === 0xff && !(p[6] === 3 && p[7] === 3)) return bytes[i]?.at ?? null;
  }
  return null;
}

async function until<T>(fn: () => T | null, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(1);
  }
}

async function main(): Promise<void> {
  const cam = await PtyCamera.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-bench-ptz-ui-'));
  const serve = await startServe(dataDir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Splits the figure in two: when the drive call leaves the page on the WebSocket.
    await context.addInitScript(() => {
      const w = window as unknown as { __fkSend: number[] };
      w.__fkSend = [];
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
        if (typeof data === 'string' && data.includes('"ptz.drive"')) w.__fkSend.push(performance.timeOrigin + performance.now());
        return send.call(this, data);
      };
    });
    const page = await context.newPage();
    await page.goto(serve.url);
    await waitConnected(page);
    const ptz = new PtzPageObject(page);
    await ptz.open();
    await ptz.connectSerial(cam.path);
    await page.getByTestId('ptz-camera-identity').filter({ hasText: 'Sony' }).waitFor();
    if (!FOLLOW) await page.getByTestId('ptz-follow-position').uncheck();

    // Clock offset page − here, from the round trip with the smallest delay.
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 30; i++) {
      const t0 = performance.timeOrigin + performance.now();
      const tp = await page.evaluate(() => performance.timeOrigin + performance.now());
      const t1 = performance.timeOrigin + performance.now();
      if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: tp - (t0 + t1) / 2 };
    }

    await page.evaluate(() => {
      const w = window as unknown as { __fkDown: number[] };
      w.__fkDown = [];
      window.addEventListener('pointerdown', (e) => w.__fkDown.push(performance.timeOrigin + e.timeStamp), { capture: true });
    });

    const samples: number[] = [];
    const inPage: number[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const direction = DIRECTIONS[i % DIRECTIONS.length] as PadDirection;
      const c = await ptz.cellCentre(direction);
      await page.mouse.move(c.x, c.y);
      const from = cam.arrivals.length;
      const stopsBefore = cam.packets().filter((p) => p.kind === 'stop').length;
      await page.mouse.down();
      const arrivedAt = await until(() => firstDriveByte(cam.arrivals, from), 'the drive at the camera');
      const [downAt, sentAt] = await page.evaluate(() => {
        const w = window as unknown as { __fkDown: number[]; __fkSend: number[] };
        return [w.__fkDown.at(-1) ?? NaN, w.__fkSend.at(-1) ?? NaN];
      });
      await page.mouse.up();
      await until(() => (cam.packets().filter((p) => p.kind === 'stop').length > stopsBefore ? true : null), 'the stop at the camera');
      await until(() => (cam.camera.busySockets.length === 0 ? true : null), 'the camera to settle');
      if (i >= WARMUP) {
        samples.push(arrivedAt - (downAt - best.offset));
        inPage.push(sentAt - downAt);
      }
      await sleep(20);
    }

    samples.sort((a, b) => a - b);
    inPage.sort((a, b) => a - b);
    const fmt = (v: number) => v.toFixed(2);
    console.log(`ptz-ui: pointer-down → first byte at the camera (pty, 9600 baud setting), browser host, ${N} presses after ${WARMUP} warm-up`);
    console.log(`  position polling while moving: ${FOLLOW ? 'on' : 'off'}`);
    console.log(`  clock offset page−bench ${fmt(best.offset)} ms (±${fmt(best.rtt / 2)} ms)`);
    console.log(`  median ${fmt(quantile(samples, 0.5))} ms   p95 ${fmt(quantile(samples, 0.95))} ms   p99 ${fmt(quantile(samples, 0.99))} ms`);
    console.log(`  min ${fmt(samples[0] ?? NaN)} ms   max ${fmt(samples.at(-1) ?? NaN)} ms   (target ≤ 20 ms)`);
    console.log(`  of which in the page (pointer-down → WebSocket send): median ${fmt(quantile(inPage, 0.5))} ms   p95 ${fmt(quantile(inPage, 0.95))} ms`);
    console.log(`  machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    await context.close();
  } finally {
    await browser.close().catch(() => undefined);
    await serve.stop();
    await cam.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
