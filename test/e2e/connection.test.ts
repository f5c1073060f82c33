import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createCore, type Core } from '../../src/hosts/core';
import { startWebHost, type WebHost } from '../../src/hosts/web/server';
import { nodePorts } from '../../src/platform/node';
import { launchBrowserApp, launchChromium, REPO_ROOT, waitConnected, type BrowserApp } from './app';
import { ShellPage } from './pages/shell';

describe('connection banner when the serve process dies', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await launchBrowserApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows no banner while connected', async () => {
    expect(await new ShellPage(app.page).banner().count()).toBe(0);
  });

  it('shows the disconnected banner when the process is killed', async () => {
    const shell = new ShellPage(app.page);
    app.serve.child.kill('SIGKILL');
    await shell.banner().waitFor({ timeout: 15_000 });
    expect(await shell.banner().innerText()).toContain('Lost the connection to the FieldKit core');
    expect(await shell.banner().getAttribute('role')).toBe('alert');
    expect(await shell.connectionStatus()).not.toBe('open');
    // It keeps trying on its own.
    await app.page.waitForFunction(() => /attempt [2-9]/.test(document.querySelector('[data-testid="connection-banner"]')?.textContent ?? ''));
  });
});

/**
 * Reconnection needs a host that comes back at the same address with the same
 * token, which `fieldkit serve` never does (fresh port and token per launch),
 * so this runs the same web host in-process with a fixed port and token.
 */
describe('reconnecting after the host restarts', () => {
  const token = 'e2e-fixed-token-for-reconnect-tests-0123456789';
  let dataDir: string;
  let browser: Browser;
  let core: Core | null = null;
  let host: WebHost | null = null;
  let port = 0;

  const startHost = async (withToken = token) => {
    core = createCore({ host: 'browser', dataDir, ports: nodePorts() });
    host = await startWebHost({ rpc: core.server, staticDir: join(REPO_ROOT, 'renderer/dist'), logger: core.logger, port, token: withToken });
    port = host.port;
  };
  const stopHost = async () => {
    await host?.close();
    await core?.close();
    host = null;
    core = null;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-'));
    await startHost();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stopHost();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reconnects by itself, re-subscribes to events and reloads state', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(host!.url);
    await waitConnected(page);
    const shell = new ShellPage(page);

    await stopHost();
    await shell.banner().waitFor();

    await startHost();
    await shell.banner().waitFor({ state: 'detached', timeout: 15_000 });
    await waitConnected(page);

    // Events only reach subscribed connections: a heartbeat from the new core proves the page re-subscribed.
    await shell.waitForHeartbeatAfter(await shell.lastHeartbeat());
    expect(await shell.documentLanguage()).toBe('en');
    // A change made elsewhere now reaches the page through settings.changed.
    await core!.server.invoke('settings.update', [{ language: 'zh-CN' }]);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect((await shell.navLabels())[0]).toBe('设备');
  });

  it('says the token was refused when the host comes back with a different one', async () => {
    await core!.server.invoke('settings.update', [{ language: 'en' }]);
    const page = await (await browser.newContext()).newPage();
    await page.goto(host!.url);
    await waitConnected(page);
    const shell = new ShellPage(page);

    await stopHost();
    await startHost('a-different-token-after-restart-0123456789abcdef');
    const banner = page.locator('[data-testid="connection-banner"][data-status="unauthorized"]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toContain('open the new address');
    expect(await shell.connectionStatus()).toBe('unauthorized');
  });
});
