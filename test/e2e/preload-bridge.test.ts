import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCore, type Core } from '../../src/hosts/core';
import { decodeMsg, type Msg, type Transport } from '../../src/rpc/messages';
import { nodePorts } from '../../src/platform/node';
import { launchChromium, REPO_ROOT, waitConnected } from './app';
import { ShellPage } from './pages/shell';
import { SystemPageObject } from './pages/system';

const INDEX = pathToFileURL(join(REPO_ROOT, 'renderer/dist/index.html')).href;

/**
 * What Electron does, minus Electron: the built renderer loaded from file://
 * (base './', CSP meta) talking to the core through `window.fieldkit = { send,
 * onMessage }`, here relayed by Playwright instead of contextBridge + IPC. It
 * runs on machines without the Electron binary; the `_electron` variants of
 * the other specs cover the real thing where it is installed.
 */
describe('renderer from file:// over a preload-style bridge (Electron stand-in)', () => {
  let dataDir: string;
  let core: Core;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-'));
    core = createCore({ host: 'electron', dataDir, ports: nodePorts() });
    // Chromium refuses module scripts from file:// unless told otherwise; Electron's file protocol allows them.
    browser = await launchChromium(['--allow-file-access-from-files']);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    const listeners = new Set<(m: Msg) => void>();
    const transport: Transport = {
      send: (m) => void page.evaluate((msg) => (window as unknown as { __fkDeliver(m: unknown): void }).__fkDeliver(msg), m).catch(() => undefined),
      onMessage(cb) {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
    };
    core.server.connect(transport);
    // Like the IPC adapter, treat what the page sends as untrusted text.
    await page.exposeFunction('__fkSend', (raw: string) => {
      const m = decodeMsg(raw);
      if (m) listeners.forEach((cb) => cb(m));
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __fkSend(raw: string): void; __fkDeliver(m: unknown): void; fieldkit: unknown };
      const callbacks = new Set<(m: unknown) => void>();
      w.__fkDeliver = (m) => callbacks.forEach((cb) => cb(m));
      w.fieldkit = Object.freeze({
        send: (m: unknown) => w.__fkSend(JSON.stringify(m)),
        onMessage: (cb: (m: unknown) => void) => {
          callbacks.add(cb);
          return () => callbacks.delete(cb);
        },
      });
    });
    await page.goto(INDEX);
    await waitConnected(page);
  });
  afterAll(async () => {
    await browser?.close();
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every asset from file:// and connects with no banner', async () => {
    expect(page.url()).toBe(`${INDEX}#/devices`);
    expect(await new ShellPage(page).banner().count()).toBe(0);
  });

  it('navigates with hash routes under file://', async () => {
    const shell = new ShellPage(page);
    await shell.clickNav('system');
    expect(page.url()).toBe(`${INDEX}#/system`);
    await shell.pressShortcut(4);
    await page.getByTestId('page-logs').waitFor();
  });

  it('shows the electron host and its data dir on the System page', async () => {
    const system = new SystemPageObject(page);
    await system.open();
    expect(await system.value('system-host')).toBe('Desktop app (Electron)');
    expect(await system.dataDir()).toBe(dataDir);
  });

  it('remembers the language in the database across a reload', async () => {
    const shell = new ShellPage(page);
    await shell.setLanguage('zh-CN');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitConnected(page);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect((await shell.navLabels())[0]).toBe('设备');
  });

  it('logged no errors and no CSP violations', () => {
    expect(errors).toEqual([]);
  });
});
