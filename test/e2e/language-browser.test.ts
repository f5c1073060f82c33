import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserApp, waitConnected, type BrowserApp } from './app';
import { ShellPage } from './pages/shell';

/** What only the browser host can show: several tabs on one core, and a host restarted on the same data dir. */
describe('language [browser host specifics]', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await launchBrowserApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a change in one tab reaches another tab live (settings.changed feeds the store)', async () => {
    const other = await app.context.newPage();
    await other.goto(app.serve.url);
    await waitConnected(other);
    const otherShell = new ShellPage(other);
    expect(await otherShell.documentLanguage()).toBe('en');

    await new ShellPage(app.page).setLanguage('zh-CN');
    await other.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect((await otherShell.navLabels())[0]).toBe('设备');
    await other.close();
  });

  it('is still Chinese after the host itself restarts on the same data dir, in a new browser context', async () => {
    const dataDir = app.dataDir;
    await app.browser.close();
    await app.serve.stop();
    const again = await launchBrowserApp({ dataDir });
    try {
      // A brand-new context: no cookie, no sessionStorage, no localStorage; only the database remembers.
      const shell = new ShellPage(again.page);
      await again.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      expect((await shell.navLabels())[0]).toBe('设备');
    } finally {
      await again.close();
    }
  });
});
