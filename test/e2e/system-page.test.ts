import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeHosts, type AppSession } from './app';
import { SystemPageObject } from './pages/system';

describeHosts('System page', (host) => {
  let app: AppSession;
  let system: SystemPageObject;

  beforeAll(async () => {
    app = await host.launch();
    system = new SystemPageObject(app.page);
    await system.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the data dir the fixture passed and the database inside it', async () => {
    expect(await system.dataDir()).toBe(app.dataDir);
    expect(await system.databasePath()).toMatch(new RegExp(`^${app.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`));
    expect(Number(await system.value('system-schema-version'))).toBeGreaterThanOrEqual(1);
  });

  it('shows version, host and platform', async () => {
    expect(await system.value('system-version')).toMatch(/^\d+\.\d+\.\d+/);
    expect(await system.value('system-host')).toBe(host.name === 'browser' ? 'Browser (fieldkit serve)' : 'Desktop app (Electron)');
    expect(await system.value('system-platform')).toContain(process.platform);
  });

  it('says whether it may change network settings, why, and how it would elevate', async () => {
    expect(['Yes', 'No']).toContain(await system.value('system-net-allowed'));
    expect((await system.value('system-net-reason')).length).toBeGreaterThan(10);
    expect((await system.value('system-net-elevation')).length).toBeGreaterThan(0);
  });

  it('lists at least the loopback interface, up, with 127.0.0.1 and its classification as a tooltip', async () => {
    expect(await system.interfaceNames()).toContain('lo');
    const lo = system.interfaceRow('lo');
    expect(await lo.getAttribute('data-kind')).toBe('loopback');
    expect(await lo.innerText()).toContain('127.0.0.1/8');
    expect(await lo.innerText()).toContain('Up');
    expect(await system.kindTooltip('lo')).toMatch(/^Why: .+/);
  });

  it('lists serial ports, or says none were found and how to use a pty', async () => {
    if (await system.serialNone().count()) {
      const text = await system.serialNone().innerText();
      expect(text).toContain('None found');
      expect(text).toContain('PTZ page');
    } else {
      expect(await system.serialTable().locator('tbody tr').count()).toBeGreaterThan(0);
    }
  });

  it('shows the discovery pre-flight check in the chosen language, worded from the core\'s codes', async () => {
    const en = await system.doctorChecks();
    expect(en.map((c) => c.id)).toEqual(expect.arrayContaining(['interfaces', 'firewall', 'listen-ports', 'privileges']));
    expect(en.every((c) => c.code !== '' && !c.raw && c.title !== '' && c.detail !== '' && !`${c.title}${c.detail}`.includes('{{'))).toBe(true);
    await system.shell.setLanguage('zh-CN');
    try {
      await system.page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('[data-testid="doctor-check"] strong')?.textContent ?? ''));
      const zh = await system.doctorChecks();
      expect(zh.map((c) => c.code)).toEqual(en.map((c) => c.code));
      for (const c of zh) {
        expect(c.raw, c.code).toBe(false);
        expect(c.title, c.code).toMatch(/[\u4e00-\u9fff]/);
        expect(c.detail, c.code).toMatch(/[\u4e00-\u9fff]/);
      }
    } finally {
      await system.shell.setLanguage('en');
    }
  });

  it('Refresh fetches again', async () => {
    const before = await system.refreshedAt();
    await app.page.waitForTimeout(1100); // let the one-second stamp move on
    await system.refresh();
    expect(await system.refreshedAt()).not.toBe(before);
    expect(await system.interfaceNames()).toContain('lo');
  });

  it('Refresh keeps keyboard focus on the button', async () => {
    const before = await system.refreshedAt();
    await app.page.getByTestId('system-refresh').focus();
    await app.page.waitForTimeout(1100); // let the one-second stamp move on
    await app.page.keyboard.press('Enter');
    await app.page.waitForFunction(
      (prev) => document.querySelector('[data-testid="system-refreshed-at"]')?.textContent !== prev,
      before,
    );
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('system-refresh');
  });
});
