import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** One device of the plan (review page) as the test reads it. */
export interface PlanDeviceView {
  mac: string;
  steps: string[];
  changes: Array<{ step: string; field: string; to: string }>;
}

/** The Setup page: start a run, its pages, apply, summary, records and the report. */
export class SetupPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  root(): Locator {
    return this.page.getByTestId('page-setup');
  }

  async open(): Promise<void> {
    await this.shell.clickNav('setup');
    await this.root().waitFor();
  }

  async start(opts: { site: string; technician: string; iface?: string }): Promise<void> {
    await this.page.getByTestId('setup-site').fill(opts.site);
    await this.page.getByTestId('setup-technician').fill(opts.technician);
    if (opts.iface) await this.page.getByTestId('setup-iface').selectOption(opts.iface);
    await this.page.getByTestId('setup-start').click();
    await this.page.getByTestId('setup-wizard').waitFor();
  }

  async currentStep(): Promise<string> {
    return (await this.page.getByTestId('setup-body').getAttribute('data-step')) ?? '';
  }

  async goTo(step: string): Promise<void> {
    await this.page.getByTestId(`setup-step-${step}`).click();
    await this.page.locator(`[data-testid="setup-body"][data-step="${step}"]`).waitFor();
  }

  async next(): Promise<void> {
    const before = await this.currentStep();
    await this.page.getByTestId('setup-next').click();
    await this.page.waitForFunction((b) => document.querySelector('[data-testid="setup-body"]')?.getAttribute('data-step') !== b, before);
  }

  async stepNames(): Promise<string[]> {
    return this.page.locator('[data-testid^="setup-step-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.replace('setup-step-', '')));
  }

  /** Loads a plan CSV through the file picker and waits for its devices. */
  async importPlan(csv: string, expectDevices: number): Promise<void> {
    await this.page.getByTestId('setup-plan-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid="setup-chosen-row"]').length === n, expectDevices);
  }

  async chosenMacs(): Promise<string[]> {
    return this.page.getByTestId('setup-chosen-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.mac ?? ''));
  }

  async saveLogin(username: string, password: string): Promise<void> {
    await this.page.getByTestId('setup-username').fill(username);
    await this.page.getByTestId('setup-password').fill(password);
    await this.page.getByTestId('setup-save-login').click();
    await this.page.locator('[data-testid="setup-login-state"][data-set="true"]').waitFor();
  }

  /** Types a candidate new password and waits for the meter to give this strength. */
  async expectStrength(pw: string, want: 'weak' | 'fair' | 'strong'): Promise<void> {
    await this.page.getByTestId('setup-new-password').fill(pw);
    await this.page.waitForFunction((w) => document.querySelector('[data-testid="setup-strength"]')?.getAttribute('data-strength') === w, want, { timeout: 10_000 });
  }

  async setNewPasswordForAll(pw: string): Promise<void> {
    await this.page.getByTestId('setup-new-confirm').fill(pw);
    await this.page.getByTestId('setup-set-new').click();
    await this.page.waitForFunction(() => (document.querySelector('[data-testid="setup-new-password"]') as HTMLInputElement | null)?.value === '');
  }

  async planDevices(): Promise<PlanDeviceView[]> {
    await this.page.getByTestId('setup-review').waitFor();
    return this.page.getByTestId('setup-plan-device').evaluateAll((els) =>
      els.map((el) => {
        const d = el as HTMLElement;
        return {
          mac: d.dataset.mac ?? '',
          steps: (d.dataset.steps ?? '').split(' ').filter(Boolean),
          changes: Array.from(d.querySelectorAll('[data-testid="setup-change"]')).map((c) => {
            const r = c as HTMLElement;
            return { step: r.dataset.step ?? '', field: r.dataset.field ?? '', to: r.dataset.to ?? '' };
          }),
        };
      }),
    );
  }

  /** Every planned change's codes and the texts its field, from and to cells show. */
  async planTexts(): Promise<Array<{ fieldCode: string; fromCode: string; toCode: string; field: string; from: string; to: string }>> {
    await this.page.getByTestId('setup-review').waitFor();
    return this.page.locator('[data-testid="setup-change"]').evaluateAll((rows) =>
      rows.map((row) => {
        const r = row as HTMLElement;
        const cell = (i: number) => r.children[i]?.textContent ?? '';
        // The "to" cell starts with the action badge.
        const to = cell(3).replace(r.querySelector('.badge')?.textContent ?? '', '').trim();
        return { fieldCode: r.dataset.fieldCode ?? '', fromCode: r.dataset.fromCode ?? '', toCode: r.dataset.toCode ?? '', field: cell(1), from: cell(2), to };
      }),
    );
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('setup-apply').click();
    await this.page.getByTestId('setup-apply-view').waitFor();
  }

  async waitSummary(timeoutMs = 200_000): Promise<void> {
    await this.page.getByTestId('setup-summary').waitFor({ timeout: timeoutMs });
  }

  async progressDevices(testId = 'setup-summary-devices'): Promise<Array<{ mac: string; state: string; steps: Array<{ step: string; state: string }> }>> {
    return this.page.locator(`[data-testid="${testId}"] [data-testid="setup-progress-device"]`).evaluateAll((els) =>
      els.map((el) => {
        const d = el as HTMLElement;
        return {
          mac: d.dataset.mac ?? '',
          state: d.dataset.state ?? '',
          steps: Array.from(d.querySelectorAll('[data-testid="setup-progress-step"]')).map((s) => ({ step: (s as HTMLElement).dataset.step ?? '', state: (s as HTMLElement).dataset.state ?? '' })),
        };
      }),
    );
  }

  async records(): Promise<Array<{ mac: string; ok: boolean; text: string }>> {
    return this.page.getByTestId('setup-record').evaluateAll((els) =>
      els.map((el) => ({ mac: (el as HTMLElement).dataset.mac ?? '', ok: (el as HTMLElement).dataset.ok === 'true', text: (el as HTMLElement).innerText })),
    );
  }

  async waitRecords(n: number, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForFunction((want) => document.querySelectorAll('[data-testid="setup-record"]').length === want, n, { timeout: timeoutMs });
  }

  /** Opens the printable report and returns the text of its document. */
  async openReport(): Promise<string> {
    await this.page.getByTestId('setup-records-report').click();
    await this.page.getByTestId('setup-report').waitFor();
    const frame = this.page.frameLocator('[data-testid="setup-report"] iframe');
    await frame.locator('h1').waitFor();
    return frame.locator('body').innerText();
  }

  async closeReport(): Promise<void> {
    await this.page.getByTestId('setup-report-close').click();
    await this.page.getByTestId('setup-report').waitFor({ state: 'detached' });
  }
}
