import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** The System page: host facts, interfaces and serial ports. */
export class SystemPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  async open(): Promise<void> {
    await this.shell.clickNav('system');
    await this.waitLoaded();
  }

  async waitLoaded(): Promise<void> {
    await this.page.getByTestId('system-data-dir').waitFor();
  }

  value(testId: string): Promise<string> {
    return this.page.getByTestId(testId).innerText();
  }

  dataDir(): Promise<string> {
    return this.value('system-data-dir');
  }

  databasePath(): Promise<string> {
    return this.value('system-db-path');
  }

  interfaceRow(name: string): Locator {
    return this.page.locator(`[data-testid="iface-row"][data-name="${name}"]`);
  }

  async interfaceNames(): Promise<string[]> {
    return this.page.locator('[data-testid="iface-row"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name ?? ''));
  }

  /** The tooltip on an interface's kind badge (its classification reason). */
  kindTooltip(name: string): Promise<string | null> {
    return this.interfaceRow(name).locator('.badge-kind').getAttribute('title');
  }

  /** The discovery doctor's checks as shown: id, code, title and detail, and whether any is the core's raw English. */
  async doctorChecks(): Promise<Array<{ id: string; code: string; title: string; detail: string; raw: boolean }>> {
    const doctor = this.page.getByTestId('discovery-doctor');
    await doctor.getByTestId('doctor-check').first().waitFor();
    return doctor.getByTestId('doctor-check').evaluateAll((els) =>
      els.map((el) => {
        const e = el as HTMLElement;
        return {
          id: e.dataset.id ?? '',
          code: e.dataset.code ?? '',
          title: e.querySelector('strong')?.textContent ?? '',
          detail: e.querySelector('.doctor-detail')?.textContent ?? '',
          raw: e.querySelector('[lang="en"]') !== null,
        };
      }),
    );
  }

  serialNone(): Locator {
    return this.page.getByTestId('serial-none');
  }

  serialTable(): Locator {
    return this.page.getByTestId('serial-table');
  }

  refreshedAt(): Promise<string> {
    return this.page.getByTestId('system-refreshed-at').innerText();
  }

  /** Clicks Refresh and waits for the new data (the "Updated" stamp changes; it has one-second resolution). */
  async refresh(): Promise<void> {
    const before = await this.refreshedAt();
    await this.page.getByTestId('system-refresh').click();
    await this.page.waitForFunction(
      (prev) => {
        const stamp = document.querySelector('[data-testid="system-refreshed-at"]')?.textContent;
        const button = document.querySelector('[data-testid="system-refresh"]');
        return stamp !== prev && button?.getAttribute('aria-disabled') === 'false';
      },
      before,
    );
  }
}
