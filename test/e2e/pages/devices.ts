import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** One row of the device table as the test reads it. */
export interface DeviceRowView {
  id: string;
  ip: string;
  online: boolean;
  inSubnet: boolean;
  /** Protocol badges in display order. */
  protocols: string[];
  /** The off-subnet flag's reason (tooltip), or null when the row is in subnet. */
  offSubnetReason: string | null;
  conflict: boolean;
  text: string;
}

/** The Devices page: scan form, watch switch, filters, table, LAN map and detail panel. */
export class DevicesPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  root(): Locator {
    return this.page.getByTestId('page-devices');
  }

  async open(): Promise<void> {
    await this.shell.clickNav('devices');
  }

  /** Ticks exactly these interfaces in the scan form. */
  async chooseInterfaces(names: string[]): Promise<void> {
    // The choices arrive with the page's first interface read: wait for them, or nothing gets ticked
    // and the scan probes the default interfaces instead (none in the lab: its NICs are bridges).
    for (const n of names) await this.page.getByTestId(`scan-iface-${n}`).waitFor();
    const boxes = this.page.locator('[data-testid^="scan-iface-"]');
    for (const box of await boxes.all()) {
      const name = ((await box.getAttribute('data-testid')) ?? '').replace(/^scan-iface-/, '');
      await box.setChecked(names.includes(name));
    }
  }

  async interfaceChoices(): Promise<string[]> {
    const ids = await this.page.locator('[data-testid^="scan-iface-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid ?? ''));
    return ids.map((id) => id.replace(/^scan-iface-/, ''));
  }

  async setTimeoutSeconds(sec: number): Promise<void> {
    await this.page.getByTestId('scan-timeout').fill(String(sec));
  }

  async startScan(): Promise<void> {
    await this.page.getByTestId('scan-start').click();
  }

  /** 'idle' | 'running' | 'done' | 'cancelled' | 'error'. */
  scanState(): Promise<string | null> {
    return this.page.getByTestId('scan-controls').getAttribute('data-scan-state');
  }

  async waitScanEnded(timeoutMs = 30_000): Promise<string> {
    await this.page.waitForFunction(
      () => ['done', 'cancelled', 'error'].includes(document.querySelector('[data-testid="scan-controls"]')?.getAttribute('data-scan-state') ?? ''),
      undefined,
      { timeout: timeoutMs },
    );
    return (await this.scanState()) ?? '';
  }

  /**
   * Waits until the table has at least `n` rows and reports, from the same instant in the page,
   * whether the scan was still running then: rows that arrive live, not only at the end.
   */
  async waitRowsDuringScan(n: number, timeoutMs = 20_000): Promise<{ rows: number; state: string; progressVisible: boolean }> {
    const handle = await this.page.waitForFunction(
      (min) => {
        const rows = document.querySelectorAll('[data-testid="device-row"]').length;
        if (rows < min) return false;
        const state = document.querySelector('[data-testid="scan-controls"]')?.getAttribute('data-scan-state') ?? '';
        return { rows, state, progressVisible: !!document.querySelector('[data-testid="scan-progress"] [role="progressbar"]') };
      },
      n,
      { timeout: timeoutMs, polling: 'raf' },
    );
    return (await handle.jsonValue()) as { rows: number; state: string; progressVisible: boolean };
  }

  rowLocators(): Locator {
    return this.page.getByTestId('device-row');
  }

  async rows(): Promise<DeviceRowView[]> {
    return this.rowLocators().evaluateAll((els) =>
      els.map((el) => {
        const r = el as HTMLElement;
        const off = r.querySelector('[data-testid="off-subnet"]');
        return {
          id: r.dataset.id ?? '',
          ip: r.dataset.ip ?? '',
          online: r.dataset.online === 'true',
          inSubnet: r.dataset.inSubnet === 'true',
          protocols: Array.from(r.querySelectorAll('[data-protocol]')).map((b) => b.textContent ?? ''),
          offSubnetReason: off ? off.getAttribute('title') : null,
          conflict: !!r.querySelector('[data-testid="conflict-flag"]'),
          text: r.innerText,
        };
      }),
    );
  }

  row(ip: string): Locator {
    return this.page.locator(`[data-testid="device-row"][data-ip="${ip}"]`);
  }

  /** Opens the detail of the `nth` row at `ip` (several devices may share an address). */
  async openDetail(ip: string, nth = 0): Promise<Locator> {
    await this.row(ip).nth(nth).click();
    const detail = this.page.getByTestId('device-detail');
    await detail.waitFor();
    return detail;
  }

  detailValue(field: string): Promise<string> {
    return this.page.getByTestId(`detail-${field}`).innerText();
  }

  async closeDetail(): Promise<void> {
    await this.page.getByTestId('detail-close').click();
    await this.page.getByTestId('device-detail').waitFor({ state: 'detached' });
  }

  async toggleProtocolFilter(p: string): Promise<void> {
    await this.page.getByTestId(`filter-proto-${p}`).click();
  }

  async setSubnetFilter(v: 'all' | 'in' | 'off' | 'conflict'): Promise<void> {
    await this.page.getByTestId('filter-subnet').selectOption(v);
  }

  async clearFilters(): Promise<void> {
    const clear = this.page.getByTestId('filter-clear');
    if (await clear.count()) await clear.click();
  }

  /** The map's groups: kind, CIDR and the device ids in each. */
  async mapGroups(): Promise<Array<{ kind: string; cidr: string; ids: string[]; offSubnet: string[]; conflict: string[] }>> {
    return this.page.getByTestId('map-group').evaluateAll((els) =>
      els.map((g) => {
        const chips = Array.from(g.querySelectorAll<HTMLElement>('[data-testid="map-device"]'));
        return {
          kind: (g as HTMLElement).dataset.kind ?? '',
          cidr: (g as HTMLElement).dataset.cidr ?? '',
          ids: chips.map((c) => c.dataset.id ?? ''),
          offSubnet: chips.filter((c) => c.dataset.offSubnet === 'true').map((c) => c.dataset.id ?? ''),
          conflict: chips.filter((c) => c.dataset.conflict === 'true').map((c) => c.dataset.id ?? ''),
        };
      }),
    );
  }

  mapConflicts(): Locator {
    return this.page.getByTestId('map-conflicts');
  }

  async setWatch(on: boolean): Promise<void> {
    const toggle = this.page.getByTestId('watch-toggle');
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    await this.page.waitForFunction(
      (want) => document.querySelector('[data-testid="watch-toggle"]')?.getAttribute('aria-checked') === String(want),
      on,
    );
  }

  /** Picks the watch's re-probe period (seconds) before it starts. */
  async setReprobe(sec: number): Promise<void> {
    await this.page.getByTestId('watch-reprobe').selectOption(String(sec));
  }

  reprobeSelect(): Locator {
    return this.page.getByTestId('watch-reprobe');
  }

  presenceLog(): Locator {
    return this.page.getByTestId('presence-log');
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async export(kind: 'csv' | 'json'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${kind}`).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
