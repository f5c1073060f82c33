import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** The Alarms page: filters, the virtual list, the detail drawer, acknowledge, import, export, charts, sync. */
export class AlarmsPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  root(): Locator {
    return this.page.getByTestId('page-alarms');
  }

  async open(): Promise<void> {
    await this.shell.clickNav('alarms');
    await this.tab('list').click();
    await this.waitSettled();
  }

  tab(view: 'list' | 'charts' | 'sync'): Locator {
    return this.page.getByTestId(`alarm-tab-${view}`);
  }

  /** Waits until the list has answered for the current filter (rows shown, or the empty state). */
  async waitSettled(): Promise<void> {
    await this.page.waitForFunction(() => {
      const grid = document.querySelector('[data-testid="alarm-grid"]');
      if (document.querySelector('[data-testid="page-alarms"] [data-testid="empty-state"]')) return true;
      if (!grid || grid.getAttribute('aria-busy') === 'true') return false;
      return grid.querySelector('[data-testid="alarm-row"], [data-testid="alarm-group"]') !== null;
    });
  }

  /** Waits for the list to show `n` matching rows (the toolbar count, read from the grid). */
  async waitTotal(n: number): Promise<void> {
    await this.page.waitForFunction(
      (want) => {
        if (want === 0) return document.querySelector('[data-testid="page-alarms"] [data-testid="empty-state"]') !== null;
        const grid = document.querySelector('[data-testid="alarm-grid"]');
        return grid?.getAttribute('data-total') === String(want) && grid.getAttribute('aria-busy') === 'false' && grid.getAttribute('data-counting') === 'false';
      },
      n,
      { timeout: 15_000 },
    );
  }

  async total(): Promise<number> {
    if (await this.root().getByTestId('empty-state').count()) return 0;
    return Number(await this.page.getByTestId('alarm-grid').getAttribute('data-total'));
  }

  totalText(): Promise<string> {
    return this.page.getByTestId('alarm-total').innerText();
  }

  rows(): Locator {
    return this.page.getByTestId('alarm-row');
  }

  row(id: number): Locator {
    return this.page.locator(`[data-testid="alarm-row"][data-id="${id}"]`);
  }

  /** Ids of the rows on screen, top to bottom. */
  async visibleIds(): Promise<number[]> {
    return this.rows().evaluateAll((rows) =>
      rows
        .map((r) => ({ id: Number((r as HTMLElement).dataset.id), y: r.getBoundingClientRect().top }))
        .sort((a, b) => a.y - b.y)
        .map((r) => r.id),
    );
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByTestId('alarm-filter-text');
    await box.fill(text);
    await box.press('Enter');
  }

  async addDevice(name: string): Promise<void> {
    const input = this.page.getByTestId('alarm-filter-devices').locator('input');
    await input.fill(name);
    await input.press('Enter');
  }

  async setState(state: 'all' | 'active' | 'acked' | 'cleared' | 'event'): Promise<void> {
    await this.page.getByTestId('alarm-filter-state').selectOption(state);
  }

  async toggleSeverity(severity: string): Promise<void> {
    await this.page.locator(`[data-testid="alarm-filter-severity"] [data-severity="${severity}"]`).click();
  }

  async setRange(since: string, until: string): Promise<void> {
    await this.page.getByTestId('alarm-filter-since').fill(since);
    await this.page.getByTestId('alarm-filter-until').fill(until);
  }

  async resetFilters(): Promise<void> {
    const reset = this.page.getByTestId('alarm-filter-reset');
    if (await reset.count()) await reset.click();
  }

  drawer(): Locator {
    return this.page.getByTestId('alarm-drawer');
  }

  async openAlarm(id: number): Promise<void> {
    await this.row(id).locator('[role="gridcell"]').nth(4).click();
    await this.drawer().locator(`[data-testid="alarm-timeline"]`).waitFor();
    await this.page.waitForFunction((want) => document.querySelector('[data-testid="alarm-drawer"]')?.getAttribute('data-id') === String(want), id);
  }

  /** The timeline as [step, "… later" text] pairs. */
  async timeline(): Promise<{ step: string; after: string | null }[]> {
    return this.drawer()
      .locator('[data-testid="alarm-timeline"] li')
      .evaluateAll((items) =>
        items.map((li) => ({
          step: (li as HTMLElement).dataset.step ?? '',
          after: li.querySelector('[data-testid="timeline-after"]')?.textContent ?? null,
        })),
      );
  }

  async closeDrawer(): Promise<void> {
    await this.page.getByTestId('alarm-drawer-close').click();
    await this.drawer().waitFor({ state: 'detached' });
  }

  /** Fills and submits the acknowledge dialog (already open); returns the result sentence. */
  async acknowledge(by: string, note: string): Promise<string> {
    const dialog = this.page.getByTestId('ack-dialog');
    await dialog.getByTestId('ack-by').fill(by);
    await dialog.getByTestId('ack-note').fill(note);
    await dialog.getByTestId('ack-submit').click();
    const result = await dialog.getByTestId('ack-result').innerText();
    await dialog.getByTestId('ack-done').click();
    await this.page.waitForFunction(() => !(document.querySelector('[data-testid="ack-dialog"]') as HTMLDialogElement | null)?.open);
    return result;
  }

  async selectRow(id: number): Promise<void> {
    await this.row(id).getByTestId('alarm-row-select').click();
  }

  /** Imports a file through the browser's file picker and returns the dialog once the report is there. */
  async importFile(path: string): Promise<Locator> {
    await this.page.getByTestId('alarm-import').click();
    const dialog = this.page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles(path);
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('import-report').waitFor({ timeout: 30_000 });
    return dialog;
  }

  async closeImport(): Promise<void> {
    await this.page.getByTestId('import-close').click();
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async export(format: 'csv' | 'html'): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`alarm-export-${format}`).click();
    const d = await download;
    const path = await d.path();
    return { name: d.suggestedFilename(), text: await readFile(path, 'utf8') };
  }
}
