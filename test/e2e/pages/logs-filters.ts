import type { Locator, Page } from 'playwright-core';
import { LogsPageObject } from './logs';

/** One tail row as the technician reads it: the source cell (device name or address), host and message. */
export interface ShownLogRow {
  source: string;
  host: string;
  message: string;
}

/**
 * The Logs page's filter bar beyond text and severity: source, host, facility, transport, time
 * range and the per-device view. Every setter waits for the search it starts to answer.
 */
export class LogsFiltersPageObject extends LogsPageObject {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the "More filters" row when it is hidden. */
  async showMore(): Promise<void> {
    const button = this.page.getByTestId('logs-filter-more');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await this.page.getByTestId('logs-filter-source').waitFor();
  }

  /** Waits for a search the last action started to have answered (and not for the one before it). */
  private async settle(): Promise<void> {
    // A list change re-renders in the same task as the click; give React that task, then wait.
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    await this.waitSearched();
  }

  /** Types a typed filter field's value and submits the form with Enter (empty clears it). */
  private async typeAndSubmit(testId: string, value: string): Promise<void> {
    await this.showMore();
    const input = this.page.getByTestId(testId);
    await input.fill(value);
    await input.press('Enter');
    await this.settle();
  }

  /** Source: an address, `address:port` or a serial label. */
  setSource(value: string): Promise<void> {
    return this.typeAndSubmit('logs-filter-source', value);
  }

  setHost(value: string): Promise<void> {
    return this.typeAndSubmit('logs-filter-host', value);
  }

  /** Facility by code (0..23), or '' for any; a choice searches at once. */
  async setFacility(code: number | ''): Promise<void> {
    await this.showMore();
    await this.page.getByTestId('logs-filter-facility').selectOption(String(code));
    await this.settle();
  }

  async setTransport(transport: '' | 'udp' | 'tcp' | 'serial'): Promise<void> {
    await this.showMore();
    await this.page.getByTestId('logs-filter-transport').selectOption(transport);
    await this.settle();
  }

  /** A preset range (`all`, `15m`, `1h`, `24h`, `7d`) or `custom`. */
  async setRange(range: string): Promise<void> {
    await this.page.getByTestId('logs-filter-range').selectOption(range);
    await this.settle();
  }

  /**
   * A custom range from `datetime-local` values with seconds (`2024-05-01T10:00:05`); '' leaves
   * that end open. Submitted with the Search button.
   */
  async setCustomRange(since: string, until: string): Promise<void> {
    if ((await this.page.getByTestId('logs-filter-range').inputValue()) !== 'custom') await this.setRange('custom');
    await this.page.getByTestId('logs-filter-since').fill(since);
    await this.page.getByTestId('logs-filter-until').fill(until);
    await this.page.getByTestId('logs-filter-apply').click();
    await this.settle();
  }

  /** The per-device view by device id, or '' for all devices. */
  async setDevice(id: string): Promise<void> {
    await this.page.getByTestId('logs-filter-device').selectOption(id);
    await this.settle();
  }

  /** The device choices as shown: value (device id) and label (its name). */
  async deviceOptions(): Promise<Array<{ value: string; label: string }>> {
    return this.page
      .getByTestId('logs-filter-device')
      .locator('option')
      .evaluateAll((opts) => opts.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o as HTMLOptionElement).text })));
  }

  /** The label of the chosen option of a filter select. */
  async selectedLabel(testId: string): Promise<string> {
    return this.page.getByTestId(testId).evaluate((s) => {
      const sel = s as HTMLSelectElement;
      return sel.options[sel.selectedIndex]?.text ?? '';
    });
  }

  /** Values the source field suggests (its datalist). */
  async sourceSuggestions(): Promise<string[]> {
    const list = await this.page.getByTestId('logs-filter-source').getAttribute('list');
    return this.page.locator(`datalist[id="${list}"] option`).evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value));
  }

  deviceBanner(): Locator {
    return this.page.getByTestId('logs-device-view');
  }

  filterProblem(): Locator {
    return this.page.getByTestId('logs-filter-problem');
  }

  showingText(): Promise<string> {
    return this.page.getByTestId('logs-showing').innerText();
  }

  /** The rows on screen, top to bottom (the list is virtual; a few dozen rows all fit). */
  async shownRows(): Promise<ShownLogRow[]> {
    return this.rows().evaluateAll((rows) =>
      rows
        .map((r) => ({
          y: r.getBoundingClientRect().top,
          source: (r.querySelector('.logs-cell-source') as HTMLElement | null)?.innerText ?? '',
          host: (r.querySelector('.logs-cell-host') as HTMLElement | null)?.innerText ?? '',
          message: (r.querySelector('[data-testid="logs-row-message"]') as HTMLElement | null)?.innerText ?? '',
        }))
        .sort((a, b) => a.y - b.y)
        .map(({ source, host, message }) => ({ source, host, message })),
    );
  }
}
