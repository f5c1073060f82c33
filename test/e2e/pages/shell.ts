import type { Locator, Page } from 'playwright-core';

/** The pages of the shell, in sidebar order (also their Alt+N order). */
export const PAGE_IDS = ['devices', 'network', 'ptz', 'logs', 'alarms', 'setup', 'system'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** The frame around every page: sidebar, preferences, connection state. */
export class ShellPage {
  constructor(readonly page: Page) {}

  navLink(id: PageId): Locator {
    return this.page.getByTestId(`nav-${id}`);
  }

  /** The nav entry marked aria-current="page". */
  async currentNavId(): Promise<string | null> {
    const current = this.page.locator('nav a[aria-current="page"]');
    const testId = await current.getAttribute('data-testid');
    return testId?.replace(/^nav-/, '') ?? null;
  }

  /** Which page is on screen, read from the page's own container. */
  async visiblePageId(): Promise<string | null> {
    const id = await this.page.locator('main [data-testid^="page-"]').getAttribute('data-testid');
    return id?.replace(/^page-/, '') ?? null;
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }

  async clickNav(id: PageId): Promise<void> {
    await this.navLink(id).click();
    await this.page.getByTestId(`page-${id}`).waitFor();
  }

  /** The nav link that has keyboard focus, if any. */
  async focusedNavId(): Promise<string | null> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      const id = el instanceof HTMLAnchorElement ? el.dataset.testid : undefined;
      return id?.startsWith('nav-') ? id.slice(4) : null;
    });
  }

  /** The name of the element with focus (text of a button, test id of a link). */
  async focusedText(): Promise<string> {
    return this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
  }

  /** Whether the focused element shows a focus ring (a visible outline). */
  async focusRingVisible(): Promise<boolean> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const s = getComputedStyle(el);
      return el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    });
  }

  async pressShortcut(n: number): Promise<void> {
    await this.page.keyboard.press(`Alt+${n}`);
  }

  languageSelect(): Locator {
    return this.page.getByTestId('language-select');
  }

  themeSelect(): Locator {
    return this.page.getByTestId('theme-select');
  }

  async setLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.languageSelect().selectOption(lang);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  async setTheme(theme: 'light' | 'dark' | 'system'): Promise<void> {
    await this.themeSelect().selectOption(theme);
  }

  /** The language the document declares (`<html lang>`). */
  async documentLanguage(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  async bodyBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  async resolvedTheme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }

  banner(): Locator {
    return this.page.getByTestId('connection-banner');
  }

  connectionStatus(): Promise<string | null> {
    return this.page.getByTestId('connection-indicator').getAttribute('data-status');
  }

  /** ISO time of the last `system.heartbeat` event the page received, if any. */
  lastHeartbeat(): Promise<string | null> {
    return this.page.getByTestId('connection-indicator').getAttribute('data-heartbeat');
  }

  /** Resolves once a heartbeat newer than `after` has arrived (the core sends one every 5 s). */
  async waitForHeartbeatAfter(after: string | null): Promise<void> {
    await this.page.waitForFunction(
      (prev) => {
        const hb = document.querySelector('[data-testid="connection-indicator"]')?.getAttribute('data-heartbeat');
        return !!hb && hb !== prev;
      },
      after,
      { timeout: 20_000 },
    );
  }

  /** The visible text of the nav labels, in order. */
  async navLabels(): Promise<string[]> {
    return this.page.locator('nav .nav-label').allTextContents();
  }
}
