/**
 * The Setup page commissions a batch of (simulated) cameras in the namespace lab, through the
 * browser host: three ONVIF cameras at the same factory address, a plan CSV loaded through the
 * file picker, the login and a new password, the review of the pure plan, apply with live
 * progress, the summary, and the records with their printable report in English and Chinese.
 * As in network-lab.test.ts, `fieldkit serve` and Chromium run inside the laptop namespace.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, type Lab } from '../lab';
import { REPO_ROOT } from './app';
import { startLabBrowser, type LabBrowser } from './lab-browser';
import { SetupPageObject } from './pages/setup';
import { ShellPage } from './pages/shell';

const ONVIF_SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results/screenshots');
const LOGIN = 'Passw0rd!';
const NEW_PASSWORD = 'Kx7-tower-North!';
const YEAR = 365 * 24 * 3600 * 1000;
const MACS = ['02:00:00:00:1d:01', '02:00:00:00:1d:02', '02:00:00:00:1d:03'] as const;

const skip = requireLabOrSkip() || requireToolsOrSkip('arping');

/** A simulated camera: its namespace and the last state it printed. */
interface Cam {
  ns: string;
  mac: string;
  child: ChildProcess;
  state: Record<string, unknown> | null;
}

describe.skipIf(skip)('Setup page in the lab: commission a batch from a plan file, review, apply, records', () => {
  let lab: Lab;
  let app: LabBrowser | undefined;
  let page: Page;
  let setup: SetupPageObject;
  let shell: ShellPage;
  let tmp: string;
  const cams: Cam[] = [];

  async function camera(name: string, mac: string, state: Record<string, unknown>): Promise<Cam> {
    const dev = await lab.addDevice({ name, cidr: '192.168.1.64/24', mac });
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', ONVIF_SIM, JSON.stringify({ logCalls: true, state: { mac, address: '192.168.1.64', prefix: 24, ...state } })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const cam: Cam = { ns: dev.ns, mac, child, state: null };
    let buf = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.includes('ready')) resolve();
          if (line.startsWith('state ')) cam.state = JSON.parse(line.slice(6)) as Record<string, unknown>;
        }
      });
      child.once('exit', (c) => reject(new Error(`camera ${name} exited ${c}`)));
    });
    cams.push(cam);
    return cam;
  }
  const addrOf = async (ns: string) => (await lab.exec(ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-setup-'));
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'] });
    await camera('a', MACS[0], { clockOffsetMs: -3 * YEAR });
    await camera('b', MACS[1], { clockOffsetMs: YEAR });
    await camera('c', MACS[2], {});
    app = await startLabBrowser(lab, tmp);
    page = app.page;
    setup = new SetupPageObject(page);
    shell = new ShellPage(page);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await lab?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('starts a run whose pages come from the core, and loads the plan CSV through the file picker', async () => {
    await setup.open();
    await page.getByTestId('setup-records-empty').waitFor();
    await setup.start({ site: 'Harbour <HQ>', technician: 'Li Wei', iface: 'br0' });
    expect(await setup.stepNames()).toEqual(['devices', 'credentials', 'network', 'time', 'identity', 'ptz', 'review', 'apply', 'summary']);
    expect(await setup.currentStep()).toBe('devices');
    const csv = [
      'mac,ip,gateway,hostname,ntp,name,location',
      `${MACS[0]},198.51.100.21/24,198.51.100.1,cam-21,,Gate,Lobby`,
      `02-00-00-00-1D-02,198.51.100.22/24,198.51.100.1,cam-22,,Yard 东门,Car park`,
      `${MACS[2]},198.51.100.23/24,198.51.100.1,cam-23,198.51.100.1,"Dock, north",`,
      'not-a-mac,198.51.100.24/24,,cam-24,,,',
    ].join('\n');
    await setup.importPlan(csv, 3);
    expect(await setup.chosenMacs()).toEqual([...MACS]);
    // The bad line is reported with its number; the good ones are kept.
    expect(await page.getByTestId('setup-import-errors').innerText()).toContain('Line 5');
  });

  it('takes the login into the vault and a new password with the strength meter; no password stays in the page', async () => {
    await setup.next();
    expect(await setup.currentStep()).toBe('credentials');
    await page.locator('[data-code="no-login"]').waitFor();
    await setup.saveLogin('admin', LOGIN);
    expect(await page.locator('[data-code="no-login"]').count()).toBe(0);
    await setup.expectStrength('12345678', 'weak');
    expect(await page.getByTestId('setup-set-new').isDisabled()).toBe(true);
    await setup.expectStrength(NEW_PASSWORD, 'strong');
    await setup.setNewPasswordForAll(NEW_PASSWORD);
    expect(await page.getByTestId('setup-new-state').innerText()).toContain('3 of 3');
    const values = await page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values).not.toContain(LOGIN);
    expect(values).not.toContain(NEW_PASSWORD);
  });

  it('the network, time and identity pages show the plan file; keyboard moves between pages', async () => {
    await setup.next();
    expect(await setup.currentStep()).toBe('network');
    const rows = await page.getByTestId('setup-net-row').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.mac, (e as HTMLElement).dataset.cidr]));
    expect(rows).toEqual([
      [MACS[0], '198.51.100.21/24'],
      [MACS[1], '198.51.100.22/24'],
      [MACS[2], '198.51.100.23/24'],
    ]);
    // The focus lands on the page title; Tab reaches the controls, Enter on Next moves on.
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('su-step-title');
    await page.getByTestId('setup-next').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="setup-body"][data-step="time"]').waitFor();
    expect(await page.getByTestId('setup-time-state').innerText()).toMatch(/different clock settings/);
    await setup.next();
    expect(await setup.currentStep()).toBe('identity');
    expect(await page.getByTestId('setup-hostname').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['cam-21', 'cam-22', 'cam-23']);
  });

  it('reviews the pure plan device by device, every change listed', async () => {
    await setup.goTo('review');
    const plan = await setup.planDevices();
    expect(plan.map((d) => d.mac)).toEqual([...MACS]);
    for (const d of plan) expect(d.steps.slice(0, 5)).toEqual(['password', 'network', 'time', 'hostname', 'scopes']);
    expect(plan[0]!.changes).toEqual(
      expect.arrayContaining([
        { step: 'network', field: 'address', to: '198.51.100.21/24' },
        { step: 'network', field: 'gateway', to: '198.51.100.1' },
        { step: 'time', field: 'clock', to: 'laptop time' },
        { step: 'hostname', field: 'hostname', to: 'cam-21' },
        { step: 'scopes', field: 'name', to: 'Gate' },
        { step: 'scopes', field: 'location', to: 'Lobby' },
      ]),
    );
    expect(plan[2]!.changes).toContainEqual({ step: 'time', field: 'ntp', to: 'NTP 198.51.100.1' });
    expect(await page.getByTestId('setup-review').innerText()).toContain('a new strong password');
    expect(await page.getByTestId('setup-apply').isDisabled()).toBe(false);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'en-setup-review.png'), fullPage: true });
    // In Chinese the plan reads in Chinese: by the core's codes, literal values (addresses, names) as they are.
    await shell.setLanguage('zh-CN');
    try {
      await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('[data-testid="setup-change"] td:nth-child(2)')?.textContent ?? ''));
      const rows = await setup.planTexts();
      expect(rows.length).toBeGreaterThan(10);
      const han = /[\u4e00-\u9fff]/;
      for (const r of rows) {
        expect(r.field, r.fieldCode).toMatch(han);
        if (r.toCode !== 'value') expect(r.to, r.toCode).toMatch(han);
        if (r.fromCode !== 'value' && r.fromCode !== 'address') expect(r.from, r.fromCode || 'read at apply').toMatch(han);
      }
      expect(rows.map((r) => r.to)).toContain('新的强密码');
      await page.screenshot({ path: join(SHOTS, 'zh-CN-setup-review.png'), fullPage: true });
    } finally {
      await shell.setLanguage('en');
    }
  });

  it('applies with live progress per device and step, and ends on the summary with every camera done', async () => {
    await setup.apply();
    // Live: a step reports running (or finished) before the whole apply returns.
    await page.locator('[data-testid="setup-progress"] [data-testid="setup-progress-step"]').first().waitFor({ timeout: 60_000 });
    await setup.waitSummary();
    const done = await setup.progressDevices();
    expect(done.map((d) => [d.mac, d.state])).toEqual(MACS.map((m) => [m, 'done']));
    for (const d of done) {
      expect(d.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['login', 'password', 'network', 'time', 'hostname', 'scopes']));
      expect(d.steps.filter((s) => s.state === 'failed')).toEqual([]);
    }
    expect(await page.getByTestId('setup-summary-line').innerText()).toContain('3 of 3');
    for (const [i, cam] of cams.entries()) {
      const ip = `198.51.100.${21 + i}`;
      expect(await addrOf(cam.ns)).toContain(`${ip}/24`);
      expect(cam.state).toMatchObject({ address: ip, hostname: `cam-${21 + i}`, users: { admin: NEW_PASSWORD } });
    }
    expect(cams[2]!.state).toMatchObject({ dateTimeType: 'NTP', ntpServers: ['198.51.100.1'] });
    expect(Math.abs(cams[0]!.state!.clockOffsetMs as number)).toBeLessThan(3000);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(NEW_PASSWORD);
    await page.screenshot({ path: join(SHOTS, 'en-setup-summary.png'), fullPage: true });
  }, 240_000);

  it('lists a record for each camera and renders the printable report in English and Chinese', async () => {
    await setup.waitRecords(3);
    const recs = await setup.records();
    expect(recs.map((r) => r.mac).sort()).toEqual([...MACS].sort());
    expect(recs.every((r) => r.ok)).toBe(true);
    expect(recs.find((r) => r.mac === MACS[0])?.text).toContain('198.51.100.21/24');
    await page.getByTestId('setup-finish').click();
    await page.getByTestId('setup-new').waitFor();

    const en = await setup.openReport();
    expect(en).toContain('Harbour <HQ>');
    expect(en).toContain('198.51.100.22/24');
    expect(en).toContain('Yard 东门');
    await page.screenshot({ path: join(SHOTS, 'en-setup-report.png') });
    await setup.closeReport();

    await shell.setLanguage('zh-CN');
    expect(await page.getByTestId('setup-records').innerText()).toContain('调试记录');
    const zh = await setup.openReport();
    expect(zh).toContain('摄像机调试报告');
    expect(zh).toContain('Harbour <HQ>');
    await page.screenshot({ path: join(SHOTS, 'zh-CN-setup-report.png') });
    await setup.closeReport();
    const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 900);
    await page.setViewportSize({ width: 1280, height: Math.max(900, height) });
    await page.screenshot({ path: join(SHOTS, 'zh-CN-setup-records.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await shell.setLanguage('en');
    for (const f of ['en-setup-review.png', 'en-setup-summary.png', 'en-setup-report.png', 'zh-CN-setup-report.png']) expect(statSync(join(SHOTS, f)).size).toBeGreaterThan(20_000);
  });

  it('logged no page errors', () => {
    expect(app?.errors).toEqual([]);
  });
});
