import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeHosts, type AppSession } from './app';
import { FeaturePageObject } from './pages/feature';
import { PAGE_IDS, ShellPage } from './pages/shell';
import { SystemPageObject } from './pages/system';

describeHosts('navigation', (host) => {
  let app: AppSession;
  let shell: ShellPage;

  beforeAll(async () => {
    app = await host.launch();
    shell = new ShellPage(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens every page with the mouse, marks it current and puts it in the hash', async () => {
    for (const id of PAGE_IDS) {
      await shell.clickNav(id);
      expect(await shell.visiblePageId()).toBe(id);
      expect(await shell.currentNavId()).toBe(id);
      expect(await app.page.locator('nav a[aria-current="page"]').count()).toBe(1);
      expect(app.page.url()).toMatch(new RegExp(`#/${id}$`));
    }
  });

  it('Back returns to the previous page', async () => {
    await shell.clickNav('logs');
    await shell.clickNav('alarms');
    await app.page.goBack();
    await app.page.getByTestId('page-logs').waitFor();
    expect(await shell.currentNavId()).toBe('logs');
  });

  it('works with the keyboard only: skip link, Tab into the nav, arrows, Home/End, Enter', async () => {
    await shell.pressShortcut(1);
    await app.reload(); // focus starts at the top of the document
    await app.page.keyboard.press('Tab');
    expect(await shell.focusedText()).toBe('Skip to content');
    expect(await shell.focusRingVisible()).toBe(true);

    await app.page.keyboard.press('Tab');
    expect(await shell.focusedNavId()).toBe('devices');
    expect(await shell.focusRingVisible()).toBe(true);

    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    expect(await shell.focusedNavId()).toBe('ptz');
    await app.page.keyboard.press('ArrowUp');
    expect(await shell.focusedNavId()).toBe('network');
    await app.page.keyboard.press('End');
    expect(await shell.focusedNavId()).toBe('system');
    await app.page.keyboard.press('ArrowDown'); // wraps around
    expect(await shell.focusedNavId()).toBe('devices');
    await app.page.keyboard.press('ArrowUp'); // and back
    expect(await shell.focusedNavId()).toBe('system');
    expect(await shell.visiblePageId()).toBe('devices'); // moving focus does not navigate

    await app.page.keyboard.press('Enter');
    await app.page.getByTestId('page-system').waitFor();
    expect(await shell.currentNavId()).toBe('system');
    expect(await shell.focusedNavId()).toBe('system'); // focus stays in the nav for the next choice
    await app.page.keyboard.press('Home');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    await app.page.getByTestId('page-network').waitFor();
  });

  it('the skip link moves focus to the page content, so the next Tab lands in the page', async () => {
    await shell.clickNav('system');
    await app.reload();
    await new SystemPageObject(app.page).waitLoaded();
    await app.page.keyboard.press('Tab');
    await app.page.keyboard.press('Enter');
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('main');
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('system-refresh');
  });

  it('Alt+1..7 open the pages in sidebar order, and the tooltips say so', async () => {
    for (const [i, id] of PAGE_IDS.entries()) {
      await shell.pressShortcut(i + 1);
      await app.page.getByTestId(`page-${id}`).waitFor();
      expect(await shell.currentNavId()).toBe(id);
      expect(await shell.navLink(id).getAttribute('title')).toContain(`Alt+${i + 1}`);
      expect(await shell.navLink(id).getAttribute('aria-keyshortcuts')).toBe(`Alt+${i + 1}`);
    }
    // Also from inside a form control.
    await shell.languageSelect().focus();
    await shell.pressShortcut(3);
    await app.page.getByTestId('page-ptz').waitFor();
  });

  it('every page has a title that matches its navigation label and says what it is for', async () => {
    for (const id of PAGE_IDS.filter((p) => p !== 'system')) {
      await shell.clickNav(id);
      const feature = new FeaturePageObject(app.page, id);
      expect(await feature.title()).toBe(await shell.navLink(id).locator('.nav-label').innerText());
      expect((await feature.description()).length).toBeGreaterThan(40);
    }
  });

  it('an unknown hash falls back to the Devices page', async () => {
    await app.page.evaluate(() => {
      location.hash = '#/nowhere';
    });
    await app.page.waitForFunction(() => location.hash === '#/devices');
    expect(await shell.visiblePageId()).toBe('devices');
  });

  it('logged no page errors and no CSP violations', () => {
    expect(app.errors).toEqual([]);
  });
});
