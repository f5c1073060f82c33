import type { Locator, Page } from 'playwright-core';
import { ShellPage } from './shell';

/** One row of the problems list as the test reads it. */
export interface ProblemRowView {
  ip: string;
  offSubnet: boolean;
  conflict: boolean;
  open: boolean;
  text: string;
}

/** One step of a fix as the page shows it. */
export interface FixStepView {
  name: string;
  ok: boolean;
}

/** The Network page: problems, the Fix flow, the ARP sweep, the IP plan and the laptop-change journal. */
export class NetworkPageObject {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  root(): Locator {
    return this.page.getByTestId('page-network');
  }

  async open(): Promise<void> {
    await this.shell.clickNav('network');
  }

  // ---- problems ----
  problemRow(ip: string): Locator {
    return this.page.locator(`[data-testid="problem-row"][data-ip="${ip}"]`);
  }

  async problems(): Promise<ProblemRowView[]> {
    return this.page.getByTestId('problem-row').evaluateAll((els) =>
      els.map((el) => {
        const r = el as HTMLElement;
        return { ip: r.dataset.ip ?? '', offSubnet: r.dataset.offSubnet === 'true', conflict: r.dataset.conflict === 'true', open: r.dataset.open === 'true', text: r.innerText };
      }),
    );
  }

  /** Waits until the problems list shows exactly these addresses (discovery events arrive live). */
  async waitProblems(ips: string[], timeoutMs = 15_000): Promise<void> {
    await this.page.waitForFunction(
      (want) => {
        const got = Array.from(document.querySelectorAll('[data-testid="problem-row"]')).map((r) => (r as HTMLElement).dataset.ip).sort();
        return JSON.stringify(got) === JSON.stringify([...want].sort());
      },
      ips,
      { timeout: timeoutMs },
    );
  }

  // ---- sweep ----
  async sweep(cidr: string, iface: string): Promise<void> {
    await this.page.getByTestId('sweep-cidr').fill(cidr);
    await this.page.getByTestId('sweep-iface').selectOption(iface);
    await this.page.getByTestId('sweep-start').click();
  }

  async waitSweepEnded(timeoutMs = 30_000): Promise<string> {
    await this.page.waitForFunction(
      () => ['done', 'error'].includes(document.querySelector('[data-testid="net-sweep"]')?.getAttribute('data-state') ?? ''),
      undefined,
      { timeout: timeoutMs },
    );
    return (await this.page.getByTestId('net-sweep').getAttribute('data-state')) ?? '';
  }

  async sweepHosts(): Promise<Array<{ ip: string; conflict: boolean; macs: string }>> {
    return this.page.getByTestId('sweep-host').evaluateAll((els) =>
      els.map((el) => {
        const r = el as HTMLElement;
        return { ip: r.dataset.ip ?? '', conflict: r.dataset.conflict === 'true', macs: r.querySelector('td')?.textContent ?? '' };
      }),
    );
  }

  // ---- fix ----
  panel(): Locator {
    return this.page.getByTestId('fix-panel');
  }

  async openFix(ip: string): Promise<Locator> {
    await this.problemRow(ip).getByTestId('problem-fix').click();
    await this.page.locator(`[data-testid="fix-panel"][data-ip="${ip}"]`).waitFor();
    return this.panel();
  }

  /** Waits until the address suggestion has settled and returns its state and the address field's value. */
  async waitSuggestion(timeoutMs = 20_000): Promise<{ status: string; newIp: string }> {
    await this.page.waitForFunction(
      () => {
        const s = document.querySelector('[data-testid="fix-suggest"]')?.getAttribute('data-status');
        return !!s && s !== 'probing' && s !== 'idle';
      },
      undefined,
      { timeout: timeoutMs },
    );
    return {
      status: (await this.page.getByTestId('fix-suggest').getAttribute('data-status')) ?? '',
      newIp: await this.page.getByTestId('fix-new-ip').inputValue(),
    };
  }

  async chooseMac(mac: string): Promise<void> {
    await this.page.getByTestId(`fix-mac-${mac}`).check();
  }

  async fillFix(v: { gateway?: string; password: string; newIp?: string }): Promise<void> {
    if (v.newIp !== undefined) await this.page.getByTestId('fix-new-ip').fill(v.newIp);
    if (v.gateway !== undefined) await this.page.getByTestId('fix-gateway').fill(v.gateway);
    await this.page.getByTestId('fix-password').fill(v.password);
  }

  /** The plan lines' keys (alias, pin, login, …) in order. */
  async planKeys(): Promise<string[]> {
    return this.page.getByTestId('fix-plan').locator('li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.step ?? ''));
  }

  async runFix(): Promise<void> {
    await this.page.getByTestId('fix-run').click();
  }

  /** Resolves once a step is on screen while the fix still runs: progress arrives live. */
  async waitLiveStep(timeoutMs = 20_000): Promise<string> {
    const handle = await this.page.waitForFunction(
      () => {
        const panel = document.querySelector('[data-testid="fix-panel"]');
        const step = panel?.querySelector('[data-testid="fix-step"]') as HTMLElement | null;
        return panel?.getAttribute('data-status') === 'running' && step ? step.dataset.name ?? '' : false;
      },
      undefined,
      { timeout: timeoutMs, polling: 'raf' },
    );
    return (await handle.jsonValue()) as string;
  }

  async waitFixEnded(timeoutMs = 60_000): Promise<string> {
    await this.page.waitForFunction(
      () => ['done', 'failed'].includes(document.querySelector('[data-testid="fix-panel"]')?.getAttribute('data-status') ?? ''),
      undefined,
      { timeout: timeoutMs },
    );
    return (await this.panel().getAttribute('data-status')) ?? '';
  }

  async fixSteps(): Promise<FixStepView[]> {
    return this.page.getByTestId('fix-steps').getByTestId('fix-step').evaluateAll((els) =>
      els.map((e) => ({ name: (e as HTMLElement).dataset.name ?? '', ok: (e as HTMLElement).dataset.ok === 'true' })),
    );
  }

  async beforeAfter(field: string): Promise<{ before: string; after: string }> {
    return { before: await this.page.getByTestId(`before-${field}`).innerText(), after: await this.page.getByTestId(`after-${field}`).innerText() };
  }

  async closeFix(): Promise<void> {
    await this.page.getByTestId('fix-close').click();
    await this.panel().waitFor({ state: 'detached' });
  }

  // ---- IP plan ----
  async planSelect(ips: string[], macs: string[] = []): Promise<void> {
    for (const box of await this.page.getByTestId('plan-device').all()) {
      const ip = (await box.getAttribute('data-ip')) ?? '';
      const mac = (await box.getAttribute('data-mac')) ?? '';
      await box.setChecked(ips.includes(ip) && (macs.length === 0 || macs.includes(mac)));
    }
  }

  async planPreview(v: { pool: string; password: string; gateway?: string }): Promise<void> {
    await this.page.getByTestId('plan-pool').fill(v.pool);
    if (v.gateway !== undefined) await this.page.getByTestId('plan-gateway').fill(v.gateway);
    await this.page.getByTestId('plan-password').fill(v.password);
    await this.page.getByTestId('plan-preview').click();
    await this.page.getByTestId('plan-preview-result').waitFor({ timeout: 30_000 });
  }

  async planRows(): Promise<Array<{ from: string; to: string }>> {
    return this.page.getByTestId('plan-row').evaluateAll((els) => els.map((e) => ({ from: (e as HTMLElement).dataset.from ?? '', to: (e as HTMLElement).dataset.to ?? '' })));
  }

  async planSkipped(): Promise<Array<{ ip: string; reason: string }>> {
    return this.page.getByTestId('plan-skipped').locator('li').evaluateAll((els) => els.map((e) => ({ ip: (e as HTMLElement).dataset.ip ?? '', reason: (e as HTMLElement).dataset.reason ?? '' })));
  }

  async planApplyAndWait(timeoutMs = 90_000): Promise<Array<{ from: string; status: string }>> {
    await this.page.getByTestId('plan-apply').click();
    await this.page.waitForFunction(
      () => ['done', 'stopped'].includes(document.querySelector('[data-testid="plan-apply-result"]')?.getAttribute('data-status') ?? ''),
      undefined,
      { timeout: timeoutMs },
    );
    return this.page.getByTestId('plan-apply-row').evaluateAll((els) => els.map((e) => ({ from: (e as HTMLElement).dataset.from ?? '', status: (e as HTMLElement).dataset.status ?? '' })));
  }

  // ---- journal ----
  async journal(): Promise<{ outstanding: number; rows: Array<{ kind: string; state: string; text: string }> }> {
    const outstanding = Number(await this.page.getByTestId('net-journal').getAttribute('data-outstanding'));
    const rows = await this.page.getByTestId('journal-row').evaluateAll((els) =>
      els.map((e) => ({ kind: (e as HTMLElement).dataset.kind ?? '', state: (e as HTMLElement).dataset.state ?? '', text: (e as HTMLElement).innerText })),
    );
    return { outstanding, rows };
  }
}
