import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** A running listener as the page shows it. */
export interface ShownListener {
  transport: string;
  address: string;
  port: number;
}

/** What the Logs page exported: the file name the browser was given and its text. */
export interface Downloaded {
  name: string;
  text: string;
}

/** The Logs page: capture controls, counters, filters, the live tail, entry detail and export. */
export class LogsPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  root(): Locator {
    return this.page.getByTestId('page-logs');
  }

  async open(): Promise<void> {
    await this.shell.clickNav('logs');
    await this.page.getByTestId('logs-counters').waitFor();
    await this.waitSearched();
  }

  /** Opens the capture section if it is folded. */
  async showCapture(): Promise<void> {
    if ((await this.page.getByTestId('logs-capture').getAttribute('open')) === null) {
      await this.page.getByTestId('logs-capture-toggle').click();
    }
  }

  async foldCapture(): Promise<void> {
    if ((await this.page.getByTestId('logs-capture').getAttribute('open')) !== null) {
      await this.page.getByTestId('logs-capture-toggle').click();
    }
  }

  /** Fills the listener form without starting. */
  async fillListener(o: { udpPort?: number; tcpPort?: number; bind: string }): Promise<void> {
    await this.showCapture();
    await this.page.getByTestId('logs-udp-enabled').setChecked(o.udpPort !== undefined);
    await this.page.getByTestId('logs-tcp-enabled').setChecked(o.tcpPort !== undefined);
    if (o.udpPort !== undefined) await this.page.getByTestId('logs-udp-port').fill(String(o.udpPort));
    if (o.tcpPort !== undefined) await this.page.getByTestId('logs-tcp-port').fill(String(o.tcpPort));
    await this.page.getByTestId('logs-bind').selectOption(o.bind);
  }

  /** Fills the listener form and starts; resolves when the page lists the new listeners. */
  async startListener(o: { udpPort?: number; tcpPort?: number; bind: string }): Promise<ShownListener[]> {
    const before = await this.page.getByTestId('logs-listener').count();
    await this.fillListener(o);
    await this.page.getByTestId('logs-start').click();
    const expected = before + (o.udpPort !== undefined ? 1 : 0) + (o.tcpPort !== undefined ? 1 : 0);
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid="logs-listener"]').length === n, expected);
    return this.listeners();
  }

  async listeners(): Promise<ShownListener[]> {
    return this.page.getByTestId('logs-listener').evaluateAll((els) =>
      els.map((e) => {
        const d = (e as HTMLElement).dataset;
        return { transport: d.transport ?? '', address: d.address ?? '', port: Number(d.port) };
      }),
    );
  }

  async stopAllListeners(): Promise<void> {
    await this.showCapture();
    const all = this.page.getByTestId('logs-stop-all');
    if (await all.count()) await all.click();
    else await this.page.getByTestId('logs-stop-one').first().click();
    await this.page.getByTestId('logs-no-listener').waitFor();
  }

  listenProblem(): Locator {
    return this.page.getByTestId('logs-listen-problem');
  }

  listenError(): Locator {
    return this.page.getByTestId('logs-listen-error');
  }

  /** A capture counter (received, stored, dropped, malformed, queued, total) as a number. */
  async count(name: string): Promise<number> {
    return Number(await this.page.getByTestId(`logs-count-${name}`).getAttribute('data-value'));
  }

  /** Waits until a counter reaches at least `n` (the page hears `logs.status` about once a second). */
  async waitCount(name: string, n: number): Promise<void> {
    await this.page.waitForFunction(
      ([k, v]) => Number(document.querySelector(`[data-testid="logs-count-${k}"]`)?.getAttribute('data-value')) >= (v as number),
      [name, n] as const,
      { timeout: 15_000 },
    );
  }

  rows(): Locator {
    return this.page.getByTestId('logs-row');
  }

  /** The row whose message contains `text`. */
  row(text: string): Locator {
    return this.rows().filter({ has: this.page.getByTestId('logs-row-message').filter({ hasText: text }) });
  }

  async waitForRow(text: string): Promise<void> {
    await this.row(text).first().waitFor({ timeout: 15_000 });
  }

  /** Messages of the rows on screen (the list is virtual: only those near the view exist). */
  async messages(): Promise<string[]> {
    return this.page.getByTestId('logs-row-message').allInnerTexts();
  }

  /** Rows the page holds in memory (not only those drawn). */
  async rowCount(): Promise<number> {
    return Number(await this.page.getByTestId('logs-list').getAttribute('data-count'));
  }

  async waitSearched(): Promise<void> {
    await this.page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="logs-list"]')?.getAttribute('data-search');
      return s === 'ready' || s === 'error';
    });
  }

  /** Types search text and submits it. */
  async search(text: string): Promise<void> {
    await this.page.getByTestId('logs-filter-text').fill(text);
    await this.page.getByTestId('logs-filter-text').press('Enter');
    await this.waitSearched();
  }

  /** Chooses "this severity or worse" by code (0..7), or '' for any. */
  async severity(code: number | ''): Promise<void> {
    await this.page.getByTestId('logs-filter-severity').selectOption(String(code));
    await this.waitSearched();
  }

  async resetFilters(): Promise<void> {
    await this.page.getByTestId('logs-filter-reset').click();
    await this.waitSearched();
  }

  /** Text inside `<mark>` highlights in the drawn rows. */
  async highlights(): Promise<string[]> {
    return this.page.locator('[data-testid="logs-row"] mark').allInnerTexts();
  }

  async severityLabels(): Promise<string[]> {
    return this.page.locator('[data-testid="logs-row"] .logs-sev').allInnerTexts();
  }

  async pause(): Promise<void> {
    await this.page.getByTestId('logs-pause').click();
  }

  resumeButton(): Locator {
    return this.page.getByTestId('logs-resume');
  }

  liveState(): Promise<string | null> {
    return this.page.getByTestId('logs-live-state').getAttribute('data-state');
  }

  async following(): Promise<boolean> {
    return (await this.page.getByTestId('logs-follow').getAttribute('aria-pressed')) === 'true';
  }

  async openDetail(text: string): Promise<Locator> {
    await this.row(text).first().click();
    const detail = this.page.getByTestId('logs-detail');
    await detail.waitFor();
    return detail;
  }

  detail(): Locator {
    return this.page.getByTestId('logs-detail');
  }

  detailField(name: string): Promise<string> {
    return this.detail().getByTestId(`logs-detail-${name}`).innerText();
  }

  /** Exports the current filter and returns the downloaded file. */
  async export(format: 'txt' | 'csv' | 'jsonl'): Promise<Downloaded> {
    await this.page.getByTestId('logs-export-format').selectOption(format);
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('logs-export-button').click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  exportStatus(): Promise<string> {
    return this.page.getByTestId('logs-export-status').innerText();
  }

  /** Opens a serial console from the form; resolves when it is listed. */
  async openSerial(path: string, baud: number, label: string): Promise<void> {
    await this.showCapture();
    await this.page.getByTestId('logs-serial-path').fill(path);
    await this.page.getByTestId('logs-serial-baud').fill(String(baud));
    await this.page.getByTestId('logs-serial-label').fill(label);
    await this.page.getByTestId('logs-serial-open').click();
    await this.page.locator(`[data-testid="logs-console"][data-path="${path}"]`).waitFor();
  }

  terminalScreen(): Locator {
    return this.page.getByTestId('logs-terminal-screen');
  }

  async sendSerialLine(text: string, ending: 'crlf' | 'lf' | 'cr' | 'none' = 'crlf'): Promise<void> {
    await this.page.getByTestId('logs-terminal-ending').selectOption(ending);
    await this.page.getByTestId('logs-terminal-input').fill(text);
    await this.page.getByTestId('logs-terminal-input').press('Enter');
    await this.page.waitForFunction(() => (document.querySelector('[data-testid="logs-terminal-input"]') as HTMLInputElement | null)?.value === '');
  }

  async closeSerial(): Promise<void> {
    await this.page.getByTestId('logs-serial-close').first().click();
    await this.page.getByTestId('logs-no-console').waitFor();
  }
}
