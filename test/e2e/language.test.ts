import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeHosts, type AppSession } from './app';
import { ShellPage } from './pages/shell';
import { SystemPageObject } from './pages/system';

const EN_NAV = ['Devices', 'Network', 'PTZ control', 'Logs', 'Alarms', 'Setup wizard', 'System'];
const ZH_NAV = ['设备', '网络', '云台控制', '日志', '报警', '安装向导', '系统'];

describeHosts('language', (host) => {
  let app: AppSession;
  let shell: ShellPage;

  beforeAll(async () => {
    app = await host.launch();
    shell = new ShellPage(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts in English', async () => {
    expect(await shell.navLabels()).toEqual(EN_NAV);
    expect(await shell.documentLanguage()).toBe('en');
  });

  it('switching to Chinese changes the UI text, the document language and the title', async () => {
    await shell.clickNav('system');
    await shell.setLanguage('zh-CN');
    expect(await shell.navLabels()).toEqual(ZH_NAV);
    expect(await shell.heading().innerText()).toBe('系统');
    expect(await app.page.title()).toBe('系统 · FieldKit');
    const system = new SystemPageObject(app.page);
    expect(await system.interfaceRow('lo').innerText()).toContain('回环');
    expect(await app.page.getByTestId('system-refresh').innerText()).toBe('刷新');
  });

  it('survives a reload', async () => {
    await app.reload();
    expect(await shell.navLabels()).toEqual(ZH_NAV);
    expect(await shell.languageSelect().inputValue()).toBe('zh-CN');
  });

  it('survives a fresh start with no browser storage (it is remembered in the database)', async () => {
    await app.reopen();
    shell = new ShellPage(app.page);
    await app.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await shell.navLabels()).toEqual(ZH_NAV);
    expect(await shell.languageSelect().inputValue()).toBe('zh-CN');
  });

  it('switches back to English', async () => {
    await shell.setLanguage('en');
    expect(await shell.navLabels()).toEqual(EN_NAV);
    await app.reload();
    expect(await shell.navLabels()).toEqual(EN_NAV);
  });
});
