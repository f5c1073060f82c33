import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserApp, REPO_ROOT, type BrowserApp } from './app';
import { PtzPageObject } from './pages/ptz';
import { classify, PtyCamera, type PacketKind } from './ptz-camera';
import { SimOverIpCamera } from '../sim/visca/over-ip-camera';
import { SerialPort } from 'serialport';
import { createPtyPair, requirePtyOrSkip, type PtyPair } from '../lab/pty';
import { PelcoDReceiver } from '../sim/pelco/receiver';
import { serialLink } from '../sim/visca/links';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots');

const isDrive = (direction: string) => (p: PacketKind) => p.kind === 'drive' && p.direction === direction;
const isStop = (p: PacketKind) => p.kind === 'stop';

/** Resolves once `pred` holds, polling (the assertions are about order and arrival, not speed). */
async function until(pred: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The browser host (`fieldkit serve`, started by the fixture) opens one end of a socat pty pair,
// typed into the connection form like a USB adapter's path; the VISCA simulator sits on the other.
describe.skipIf(requirePtyOrSkip())('PTZ page against a VISCA camera on a pty [browser]', () => {
  let app: BrowserApp;
  let cam: PtyCamera;
  let ptz: PtzPageObject;
  let ipCam: SimOverIpCamera | undefined;

  beforeAll(async () => {
    cam = await PtyCamera.start();
    app = await launchBrowserApp();
    ptz = new PtzPageObject(app.page);
    await ptz.open();
  });
  afterAll(async () => {
    await app?.close();
    await cam?.close();
    await ipCam?.close();
  });

  it('connects to the typed pty path and reads the camera', async () => {
    await ptz.connectSerial(cam.path);
    // The page identifies the camera with the (non-moving) version inquiry and reads the position.
    await until(async () => (await app.page.getByTestId('ptz-camera-identity').innerText()).includes('Sony'), 'the camera identity');
    await until(async () => (await ptz.position('pan')).startsWith('0'), 'the position readout');
    expect(await ptz.position('focusMode')).toBe('Auto');
  });

  it('drives while the joystick is held and stops on release', async () => {
    const from = cam.packets().length;
    await ptz.holdDirection('left');
    const drive = await cam.waitFor(isDrive('left'), from);
    expect(await ptz.drivingDirection()).toBe('left');
    // Held well past the 500 ms deadman: heartbeats keep the jog alive, so no stop yet.
    await app.page.waitForTimeout(1200);
    expect(cam.packets().slice(drive).some(isStop), `packets: ${cam.receivedHex().slice(drive).join(' | ')}`).toBe(false);
    expect(cam.camera.state.pan.at(Date.now())).toBeLessThan(0);

    await ptz.releaseMouse();
    const stop = await cam.waitFor(isStop, drive);
    expect(stop).toBeGreaterThan(drive);
    expect(await ptz.drivingDirection()).toBe('');
    expect(await ptz.jogStatus()).toBe('Stopped');
  });

  it('follows a drag across the pad and stops on the centre cell', async () => {
    const from = cam.packets().length;
    await ptz.holdDirection('up');
    const up = await cam.waitFor(isDrive('up'), from);
    await ptz.dragTo('up-right');
    const diagonal = await cam.waitFor(isDrive('up-right'), up);
    await ptz.dragTo(null);
    const stop = await cam.waitFor(isStop, diagonal);
    await ptz.releaseMouse();
    expect([up, diagonal, stop]).toEqual([...[up, diagonal, stop]].sort((a, b) => a - b));
    // Letting go on the centre cell sends nothing more: the camera is already stopped.
    await app.page.waitForTimeout(300);
    expect(cam.packets().slice(stop + 1).filter((p) => p.kind === 'drive')).toEqual([]);
  });

  it('drives with the arrow keys, combines them into diagonals and ignores key repeat', async () => {
    await ptz.pad().focus();
    const from = cam.packets().length;
    await app.page.keyboard.down('ArrowDown');
    const down = await cam.waitFor(isDrive('down'), from);
    await app.page.keyboard.down('ArrowDown'); // auto-repeat: Playwright sends repeat=true
    await app.page.keyboard.down('ArrowDown');
    await app.page.keyboard.down('ArrowLeft');
    const diagonal = await cam.waitFor(isDrive('down-left'), down);
    await app.page.keyboard.up('ArrowLeft');
    const backToDown = await cam.waitFor(isDrive('down'), diagonal);
    await app.page.keyboard.up('ArrowDown');
    const stop = await cam.waitFor(isStop, backToDown);
    const drives = cam.packets().slice(from, stop).filter((p) => p.kind === 'drive');
    expect(drives).toEqual([
      { kind: 'drive', direction: 'down' },
      { kind: 'drive', direction: 'down-left' },
      { kind: 'drive', direction: 'down' },
    ]);
  });

  it('stops when the window loses focus mid-jog', async () => {
    const from = cam.packets().length;
    await ptz.holdDirection('right');
    const drive = await cam.waitFor(isDrive('right'), from);
    await app.page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await cam.waitFor(isStop, drive);
    await ptz.releaseMouse();
  });

  it('stops when the page is hidden mid-jog (minimised, another tab)', async () => {
    const from = cam.packets().length;
    await ptz.holdDirection('left');
    const drive = await cam.waitFor(isDrive('left'), from);
    await app.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await cam.waitFor(isStop, drive);
    await ptz.releaseMouse();
    await app.page.evaluate(() => {
      delete (document as unknown as Record<string, unknown>).visibilityState; // back to the prototype's getter
    });
  });

  it('stops on pointercancel (the browser took the touch away)', async () => {
    await app.page.evaluate(() => {
      const w = window as unknown as { __fkPointer: number };
      window.addEventListener('pointerdown', (e) => (w.__fkPointer = e.pointerId), { capture: true });
    });
    const from = cam.packets().length;
    await ptz.holdDirection('down');
    const drive = await cam.waitFor(isDrive('down'), from);
    await app.page.evaluate(() => {
      const pad = document.querySelector('[data-testid="ptz-pad"]');
      const pointerId = (window as unknown as { __fkPointer: number }).__fkPointer;
      pad?.dispatchEvent(new PointerEvent('pointercancel', { pointerId, bubbles: true }));
    });
    await cam.waitFor(isStop, drive);
    await ptz.releaseMouse();
  });

  it('saves a preset, moves away, and recalls it', async () => {
    // Somewhere definite first: hold up-left for a moment, then save there.
    const from = cam.packets().length;
    await ptz.holdDirection('up-left');
    await cam.waitFor(isDrive('up-left'), from);
    await app.page.waitForTimeout(300);
    await ptz.releaseMouse();
    await cam.waitFor(isStop, from);
    await until(() => cam.camera.busySockets.length === 0, 'the camera to settle');
    const saved = cam.camera.position();
    await ptz.savePreset(3);
    expect(cam.packets()).toContainEqual({ kind: 'preset', action: 'set', n: 3 });

    const away = cam.packets().length;
    await ptz.holdDirection('down-right');
    await cam.waitFor(isDrive('down-right'), away);
    await app.page.waitForTimeout(300);
    await ptz.releaseMouse();
    await cam.waitFor(isStop, away);
    expect(cam.camera.position()).not.toEqual(saved);

    await ptz.recallPreset(3);
    await until(() => cam.packets().some((p) => p.kind === 'preset' && p.action === 'recall' && p.n === 3), 'the recall');
    await until(() => JSON.stringify(cam.camera.position()) === JSON.stringify(saved), 'the camera back at the preset');
    // The readout follows (polled after the recall completes).
    await until(async () => (await ptz.position('pan')).startsWith(String(saved.pan)), 'the readout at the preset', 10_000);

    await ptz.clearPreset(3);
    expect(cam.packets()).toContainEqual({ kind: 'preset', action: 'reset', n: 3 });
  });

  it('shows the frames in the log, live, with direction, bytes, meaning and latency', async () => {
    await until(async () => (await ptz.logRows().count()) > 0, 'log rows');
    // The list follows the newest frames (position polls after the recall, at least).
    const all = (await ptz.logTexts()).join('\n');
    expect(all).toMatch(/TX\s*[\d:.]+\s*81 09 /); // an inquiry out
    expect(all).toMatch(/RX\s*[\d:.]+\s*90 50 /); // its reply in
    expect(all).toMatch(/cam 1: /); // decoded meaning
    expect(all).toMatch(/\d+ ms/); // latency of the replies
    expect(await app.page.locator('[data-testid="ptz-log-row"][data-dir="tx"]').count()).toBeGreaterThan(0);
    expect(await app.page.locator('[data-testid="ptz-log-row"][data-dir="rx"]').count()).toBeGreaterThan(0);

    // Pause holds new frames back; resume shows them.
    await app.page.getByTestId('ptz-log-pause').click();
    const before = await app.page.getByTestId('ptz-log-count').innerText();
    await app.page.getByTestId('ptz-position-refresh').click();
    await app.page.getByTestId('ptz-log-held').filter({ hasText: /^[1-9]/ }).waitFor();
    expect(await app.page.getByTestId('ptz-log-count').innerText()).toBe(before);
    await app.page.getByTestId('ptz-log-pause').click();
    await until(async () => (await app.page.getByTestId('ptz-log-count').innerText()) !== before, 'the held frames');
    expect((await ptz.logTexts()).join('\n')).toMatch(/81 09 06 12 FF/); // the position inquiry

    // Export hands over the core's log as a file.
    const download = app.page.waitForEvent('download');
    await app.page.getByTestId('ptz-log-export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^fieldkit-ptz-.+\.csv$/);
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toBe('time,dir,bytes,meaning,latency_ms,discarded');
    // Everything this connection exchanged, including the preset commands of the test before.
    expect(csv).toContain(',tx,81 01 04 3F 01 03 FF,');
    expect(csv).toContain(',tx,81 01 04 3F 00 03 FF,');
    expect(csv).toMatch(/,rx,90 4\d FF,.+,\d+,/);

    // Clear empties the view.
    await app.page.getByTestId('ptz-log-clear').click();
    await app.page.getByTestId('ptz-log-empty').waitFor();
  });

  it('drives a second camera over VISCA over IP (127.0.0.1) alongside the first, each from its own selection', async () => {
    const ip = await SimOverIpCamera.start();
    ipCam = ip;
    const first = (await ptz.connectionIds())[0] ?? '';
    await ptz.newConnection();
    const second = await ptz.connectNetwork('127.0.0.1', ip.port);
    expect(await ptz.connectionIds()).toEqual([first, second]);
    const before = ip.camera.received.length;
    const ptyBefore = cam.packets().length;
    await ptz.holdDirection('right');
    await until(() => ip.camera.received.slice(before).some((p) => classify(p).kind === 'drive'), 'the drive over IP');
    await ptz.releaseMouse();
    await until(() => ip.camera.received.slice(before).some((p) => classify(p).kind === 'stop'), 'the stop over IP');
    // The serial camera heard none of it.
    expect(cam.packets().slice(ptyBefore).filter((p) => p.kind === 'drive' || p.kind === 'stop')).toEqual([]);
    await ptz.select(first);
    expect(await ptz.position('focusMode')).toBe('Auto');
  });

  it('looks right with a camera connected (screenshots, both languages)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Some saved presets and traffic in the log for the picture.
    await ptz.savePreset(1);
    await ptz.savePreset(2);
    await app.page.getByTestId('ptz-position-refresh').click();
    await until(async () => (await ptz.logRows().count()) >= 8, 'frames for the screenshot');
    // Tall enough that the frame log is in the picture too (the page scrolls inside the shell).
    await app.page.setViewportSize({ width: 1280, height: 1400 });
    await app.page.mouse.move(1200, 60);
    await app.page.screenshot({ path: join(SHOTS, 'en-ptz-data.png'), fullPage: true });
    await ptz.shell.setLanguage('zh-CN');
    expect(await ptz.jogStatus()).toBe('已停止');
    await app.page.screenshot({ path: join(SHOTS, 'zh-CN-ptz-data.png'), fullPage: true });
    await ptz.shell.setTheme('dark');
    await app.page.screenshot({ path: join(SHOTS, 'zh-CN-ptz-data-dark.png'), fullPage: true });
    await ptz.shell.setTheme('light');
    await ptz.shell.setLanguage('en');
    await app.page.setViewportSize({ width: 1280, height: 800 });
    expect(app.errors).toEqual([]);

    // Disconnecting the IP camera leaves the serial one selected and working.
    await app.page.getByTestId('ptz-conn').filter({ hasText: '127.0.0.1' }).getByTestId('ptz-disconnect').click();
    await until(async () => (await ptz.connectionIds()).length === 1, 'the IP connection to close');
    await ptz.pad().waitFor();
  });

  it('the core stops the camera when the page hangs mid-jog (deadman), and the page says so afterwards', async () => {
    const from = cam.packets().length;
    await ptz.holdDirection('down');
    const drive = await cam.waitFor(isDrive('down'), from);
    // Freeze the page's JavaScript: no heartbeat, no release, no stop can leave the page now.
    const chunksBefore = cam.arrivals.length;
    const frozenUntil = await app.page.evaluate(() => {
      const end = performance.timeOrigin + performance.now() + 8000;
      setTimeout(() => {
        while (performance.timeOrigin + performance.now() < end) {
          // busy: the renderer's event loop is stuck
        }
      }, 0);
      return end;
    });
    const stop = await cam.waitFor(isStop, drive);
    // Nothing but the stop reaches the camera while the page is frozen: its bytes are the last to arrive.
    const stopAt = cam.arrivals.slice(chunksBefore).at(-1)?.at ?? Infinity;
    // The stop reached the camera while the page could not have sent anything: the deadman sent it.
    expect(stopAt).toBeLessThan(frozenUntil);
    expect(stop).toBeGreaterThan(drive);
    // Once the page runs again it learns the jog ended and says why.
    await ptz.notice().waitFor({ timeout: 20_000 });
    expect(['deadman', 'jogInterrupted']).toContain(await ptz.notice().getAttribute('data-key'));
    await ptz.releaseMouse();
    await app.page.getByTestId('ptz-notice-dismiss').click();
  });

  it('the camera receives stop when the page is closed mid-jog', async () => {
    const from = cam.packets().length;
    await ptz.holdDirection('right');
    const drive = await cam.waitFor(isDrive('right'), from);
    await app.context.close();
    const stop = await cam.waitFor(isStop, drive);
    expect(stop).toBeGreaterThan(drive);
  });
});

// Pelco-D is send-only: the receiver on the pty checks every checksum itself.
describe.skipIf(requirePtyOrSkip())('PTZ page against a Pelco-D receiver on a pty [browser]', () => {
  let app: BrowserApp;
  let pair: PtyPair;
  let port: SerialPort;
  let rx: PelcoDReceiver;
  let ptz: PtzPageObject;
  const actions = () => rx.mine.map((r) => r.action);

  beforeAll(async () => {
    pair = await createPtyPair();
    port = new SerialPort({ path: pair.a, baudRate: 4800, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    rx = new PelcoDReceiver(serialLink(port), 5);
    app = await launchBrowserApp();
    ptz = new PtzPageObject(app.page);
    await ptz.open();
  });
  afterAll(async () => {
    await app?.close();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await pair?.close();
  });

  it('connects as Pelco-D at address 5 and says the camera cannot report its position', async () => {
    await ptz.connectSerial(pair.b, { protocol: 'pelco-d', baud: 4800, address: 5 });
    await app.page.getByTestId('ptz-position-pelco').waitFor();
    expect(await app.page.getByTestId('ptz-card-chain').count()).toBe(0);
  });

  it('holds the joystick: move, then stop, with valid checksums', async () => {
    await ptz.holdDirection('up-left');
    await until(() => actions().some((a) => a.startsWith('move left+up')), 'the Pelco move');
    await ptz.releaseMouse();
    await until(() => actions().at(-1) === 'stop', 'the Pelco stop');
    expect(rx.received.filter((r) => !r.ok)).toEqual([]);
  });

  it('saves and recalls a preset', async () => {
    await ptz.savePreset(2);
    await ptz.recallPreset(2);
    await until(() => actions().includes('preset-go 2'), 'the recall');
    expect(actions()).toContain('preset-set 2');
    expect(rx.presets.has(2)).toBe(true);
  });
});
