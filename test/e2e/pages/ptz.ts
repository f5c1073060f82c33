import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** Pad cells in reading order, as the page lays them out (3×3, centre = stop). */
const CELLS = ['up-left', 'up', 'up-right', 'left', null, 'right', 'down-left', 'down', 'down-right'] as const;
export type PadDirection = Exclude<(typeof CELLS)[number], null>;

/** The PTZ page: connection form, joystick pad, lens, presets, frame log. */
export class PtzPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  root(): Locator {
    return this.page.getByTestId('page-ptz');
  }

  async open(): Promise<void> {
    await this.shell.clickNav('ptz');
  }

  /** Opens the connection form (the "New connection" entry). */
  async newConnection(): Promise<void> {
    await this.page.getByTestId('ptz-new-connection').click();
    await this.page.getByTestId('ptz-connect-form').waitFor();
  }

  /** Types a serial path (a pty) into the form, picks protocol and baud, and connects; waits until it is open. */
  async connectSerial(path: string, opts: { protocol?: 'visca-serial' | 'pelco-d' | 'pelco-p'; baud?: number; address?: number } = {}): Promise<string> {
    await this.page.getByTestId('ptz-link-serial').check();
    await this.page.getByTestId('ptz-path').fill(path);
    await this.page.getByTestId('ptz-serial-protocol').selectOption(opts.protocol ?? 'visca-serial');
    await this.page.getByTestId('ptz-baud').selectOption(String(opts.baud ?? 9600));
    await this.page.getByTestId('ptz-address').fill(String(opts.address ?? 1));
    await this.page.getByTestId('ptz-connect').click();
    const current = this.page.locator('[data-testid="ptz-conn"][data-state="open"]').filter({ hasText: path });
    await current.first().waitFor({ timeout: 15_000 });
    await this.pad().waitFor();
    return (await current.first().getAttribute('data-conn-id')) ?? '';
  }

  /** Connects by host and port (VISCA over IP by default); waits until it is open. */
  async connectNetwork(host: string, port: number, protocol: 'visca-udp' | 'visca-udp-raw' | 'visca-tcp' = 'visca-udp'): Promise<string> {
    await this.page.getByTestId('ptz-link-network').check();
    await this.page.getByTestId('ptz-network-protocol').selectOption(protocol);
    await this.page.getByTestId('ptz-host').fill(host);
    await this.page.getByTestId('ptz-port').fill(String(port));
    await this.page.getByTestId('ptz-connect').click();
    const place = `${host}:${port}`;
    const current = this.page.locator('[data-testid="ptz-conn"][data-state="open"]').filter({ hasText: place });
    await current.first().waitFor({ timeout: 15_000 });
    await this.pad().waitFor();
    return (await current.first().getAttribute('data-conn-id')) ?? '';
  }

  /** Switches the controls to another open connection. */
  async select(connId: string): Promise<void> {
    await this.page.locator(`[data-testid="ptz-conn"][data-conn-id="${connId}"] [data-testid="ptz-conn-select"]`).click();
    await this.page.locator(`[data-testid="ptz-conn"][data-conn-id="${connId}"] [aria-current="true"]`).waitFor();
  }

  /** The connection ids in the selector, in order. */
  async connectionIds(): Promise<string[]> {
    return this.page.getByTestId('ptz-conn').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.connId ?? ''));
  }

  pad(): Locator {
    return this.page.getByTestId('ptz-pad');
  }

  /** Page coordinates of the centre of a pad cell. */
  async cellCentre(direction: PadDirection | null): Promise<{ x: number; y: number }> {
    const box = await this.pad().boundingBox();
    if (!box) throw new Error('the joystick pad is not visible');
    const i = CELLS.indexOf(direction as (typeof CELLS)[number]);
    return { x: box.x + ((i % 3) + 0.5) * (box.width / 3), y: box.y + (Math.floor(i / 3) + 0.5) * (box.height / 3) };
  }

  /** Presses the mouse on a pad cell and keeps it down. */
  async holdDirection(direction: PadDirection): Promise<void> {
    const c = await this.cellCentre(direction);
    await this.page.mouse.move(c.x, c.y);
    await this.page.mouse.down();
  }

  /** Drags the held mouse to another cell. */
  async dragTo(direction: PadDirection | null): Promise<void> {
    const c = await this.cellCentre(direction);
    await this.page.mouse.move(c.x, c.y, { steps: 4 });
  }

  async releaseMouse(): Promise<void> {
    await this.page.mouse.up();
  }

  /** The direction the page says it is driving ('' when stopped). */
  async drivingDirection(): Promise<string> {
    return (await this.pad().getAttribute('data-direction')) ?? '';
  }

  jogStatus(): Promise<string> {
    return this.page.getByTestId('ptz-jog-status').innerText();
  }

  async savePreset(n: number): Promise<void> {
    await this.page.getByTestId(`ptz-preset-save-${n}`).click();
    await this.page.locator(`[data-testid="ptz-preset"][data-preset="${n}"][data-saved="true"]`).waitFor();
  }

  async recallPreset(n: number): Promise<void> {
    const button = this.page.getByTestId(`ptz-preset-recall-${n}`);
    await button.click();
    await this.page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('aria-busy') !== 'true', `ptz-preset-recall-${n}`);
  }

  async clearPreset(n: number): Promise<void> {
    await this.page.getByTestId(`ptz-preset-clear-${n}`).click();
    await this.page.locator(`[data-testid="ptz-preset"][data-preset="${n}"][data-saved="false"]`).waitFor();
  }

  position(field: 'pan' | 'tilt' | 'zoom' | 'focus' | 'focusMode'): Promise<string> {
    return this.page.getByTestId(`ptz-position-${field}`).innerText();
  }

  /** The frame log rows currently rendered (the list is virtual: the newest ones, while it follows). */
  logRows(): Locator {
    return this.page.getByTestId('ptz-log-row');
  }

  async logTexts(): Promise<string[]> {
    return this.logRows().allInnerTexts();
  }

  notice(): Locator {
    return this.page.getByTestId('ptz-notice');
  }
}
