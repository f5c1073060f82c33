import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeHosts, type AppSession } from './app';
import { ShellPage } from './pages/shell';

const LIGHT_BG = 'rgb(244, 245, 247)';
const DARK_BG = 'rgb(15, 18, 22)';

/** WCAG contrast ratio between the computed colours of two elements' text and background. */
async function contrast(page: Page, textSelector: string, bgSelector: string): Promise<number> {
  return page.evaluate(
    ([t, b]) => {
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, bl] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
      };
      const fg = getComputedStyle(document.querySelector(t)!).color;
      const bg = getComputedStyle(document.querySelector(b)!).backgroundColor;
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    },
    [textSelector, bgSelector] as const,
  );
}

describeHosts('theme', (host) => {
  let app: AppSession;
  let shell: ShellPage;

  beforeAll(async () => {
    app = await host.launch({ colorScheme: 'light' });
    shell = new ShellPage(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('switching to dark changes the computed background colour', async () => {
    await shell.setTheme('light');
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expect(await shell.bodyBackground()).toBe(LIGHT_BG);
    await shell.setTheme('dark');
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await shell.bodyBackground()).toBe(DARK_BG);
  });

  it('keeps readable contrast in both themes', async () => {
    for (const theme of ['dark', 'light'] as const) {
      await shell.setTheme(theme);
      await app.page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      expect(await contrast(app.page, 'main h1', 'body')).toBeGreaterThanOrEqual(7);
      expect(await contrast(app.page, '.page-description', 'body')).toBeGreaterThanOrEqual(4.5);
      expect(await contrast(app.page, '.nav-item[aria-current="page"]', '.nav-item[aria-current="page"]')).toBeGreaterThanOrEqual(4.5);
    }
    await shell.setTheme('dark');
  });

  it('is remembered across a reload and a fresh start', async () => {
    await app.reload();
    expect(await shell.bodyBackground()).toBe(DARK_BG);
    expect(await shell.themeSelect().inputValue()).toBe('dark');
    await app.reopen();
    shell = new ShellPage(app.page);
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await shell.bodyBackground()).toBe(DARK_BG);
  });

  it('"system" follows prefers-color-scheme', async () => {
    await shell.setTheme('system');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await shell.bodyBackground()).toBe(DARK_BG);
    await app.page.emulateMedia({ colorScheme: 'light' });
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expect(await shell.bodyBackground()).toBe(LIGHT_BG);
  });
});
