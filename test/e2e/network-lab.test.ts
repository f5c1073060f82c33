/**
 * The Network page fixes real (simulated) cameras in the namespace lab, through the browser host.
 *
 * Each camera is a lab namespace running two simulators: the discovery one (WS-Discovery + SADP,
 * so discovery lists it with its MAC) and the ONVIF device service on port 80, which requires
 * WS-UsernameToken and really moves its namespace's address on SetNetworkInterfaces. As in
 * devices-lab.test.ts, `fieldkit serve` and Chromium both run inside the technician's namespace
 * (Chromium through a two-line `ip netns exec` wrapper), so nothing leaves the lab.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, requireToolsOrSkip, type Lab, type LabDevice } from '../lab';
import { REPO_ROOT } from './app';
import { startLabBrowser, type LabBrowser } from './lab-browser';
import { DevicesPageObject } from './pages/devices';
import { NetworkPageObject } from './pages/network';
import { ShellPage } from './pages/shell';

const DISCOVERY_SIM = fileURLToPath(new URL('../sim/discovery/camera-sim.ts', import.meta.url));
const ONVIF_SIM = fileURLToPath(new URL('../sim/onvif/sim-cli.ts', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results/screenshots');

const LAPTOP = '198.51.100.1/24';
const OFF_IP = '192.168.1.64';
const DUP_IP = '198.51.100.64';
const MAC = { off: '02:00:00:00:0c:01', dupA: '02:00:00:00:0c:02', dupB: '02:00:00:00:0c:03' };
const PASSWORD = 'Passw0rd!';

const skip = requireLabOrSkip() || requireToolsOrSkip('arping');

describe.skipIf(skip)('Network page in the lab: fix an off-subnet camera and a shared address from the UI', () => {
  let lab: Lab;
  let app: LabBrowser | undefined;
  let page: Page;
  let net: NetworkPageObject;
  let shell: ShellPage;
  let tmp: string;
  const cams: Record<'off' | 'dupA' | 'dupB', LabDevice> = {} as never;
  let offNewIp = '';
  let dupNewIp = '';

  /** Starts a simulator in a namespace and waits until it prints its ready line. */
  const start = (ns: string, args: string[], ready: string) =>
    new Promise<void>((resolve, reject) => {
      const child = lab.spawn(ns, process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout?.on('data', (d: Buffer) => (d.toString().includes(ready) ? resolve() : undefined));
      child.once('exit', (code) => reject(new Error(`${args[0]} in ${ns} exited with ${code}: ${err}`)));
    });

  async function camera(key: keyof typeof MAC, cidr: string, discovery: Record<string, unknown>) {
    const dev = await lab.addDevice({ name: key.toLowerCase(), cidr, mac: MAC[key] });
    cams[key] = dev;
    const [address, prefix] = cidr.split('/');
    await start(dev.ns, [ONVIF_SIM, JSON.stringify({ state: { mac: dev.mac, address, prefix: Number(prefix), serial: `FK-E2E-${key}` } })], 'ready');
    const config = { mask: '255.255.255.0', ...discovery, ip: dev.ip, mac: dev.mac, multicast: true, interface: 'eth0' };
    await start(dev.ns, [DISCOVERY_SIM, '--config', JSON.stringify(config)], '"ready":true');
    return dev;
  }

  const addrOf = async (dev: LabDevice) => (await lab.exec(dev.ns, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout;
  const laptopState = async () => ({
    addrs: (await lab.exec(lab.tech, 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'br0'])).stdout,
    neigh: (await lab.exec(lab.tech, 'ip', ['neigh', 'show', 'nud', 'permanent'])).stdout,
    routes: (await lab.exec(lab.tech, 'ip', ['-4', 'route', 'show'])).stdout,
  });
  const expectLaptopClean = async () => {
    const s = await laptopState();
    expect(s.addrs.match(/inet /g), s.addrs).toHaveLength(1);
    expect(s.addrs).toContain(LAPTOP);
    expect(s.neigh.trim()).toBe('');
    expect(s.routes).not.toMatch(/192\.168\./);
  };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-network-'));
    lab = await createLab({ laptopCidrs: [LAPTOP] });
    // A camera set up for another site (factory default 192.168.1.64), and two new cameras that
    // both took 198.51.100.64. The off-subnet one answers discovery through an on-link default route.
    const off = await camera('off', `${OFF_IP}/24`, { protocols: ['wsd', 'sadp'], name: 'Store room', model: 'DS-2CD2T47G2-L', uuid: '54575be6-1dd2-11b2-8a2b-0000000e2e01' });
    await lab.exec(off.ns, 'ip', ['route', 'add', 'default', 'dev', 'eth0']);
    await camera('dupA', `${DUP_IP}/24`, { protocols: ['wsd', 'sadp'], name: 'Lobby', uuid: '54575be6-1dd2-11b2-8a2b-0000000e2e02' });
    await camera('dupB', `${DUP_IP}/24`, { protocols: ['wsd', 'sadp'], name: 'Car park', uuid: '54575be6-1dd2-11b2-8a2b-0000000e2e03' });

    app = await startLabBrowser(lab, tmp);
    page = app.page;
    net = new NetworkPageObject(page);
    shell = new ShellPage(page);
  });

  afterAll(async () => {
    await app?.close();
    await lab?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('lists nothing to fix before any scan, and says how to find problems', async () => {
    await net.open();
    await net.root().getByTestId('net-problems-empty').waitFor();
    expect((await net.journal()).outstanding).toBe(0);
  });

  it('after a discovery scan: the off-subnet camera and the shared address are problems', async () => {
    const devices = new DevicesPageObject(page);
    await devices.open();
    await devices.chooseInterfaces(['br0']);
    await devices.setTimeoutSeconds(3);
    await devices.startScan();
    const ended = await devices.waitScanEnded();
    // Say why when the scan did not finish: the page shows the core's refusal.
    expect(ended, ended === 'done' ? '' : await page.getByTestId('scan-error').innerText().catch(() => 'no scan-error shown')).toBe('done');
    expect((await devices.rows()).map((r) => r.ip).sort()).toEqual([OFF_IP, DUP_IP, DUP_IP].sort());
    await net.open();
    await net.waitProblems([OFF_IP, DUP_IP]);
    const list = await net.problems();
    expect(list.find((p) => p.ip === OFF_IP)).toMatchObject({ offSubnet: true, conflict: false, open: true });
    expect(list.find((p) => p.ip === DUP_IP)).toMatchObject({ offSubnet: false, conflict: true, open: true });
    expect(list.find((p) => p.ip === DUP_IP)?.text).toContain(MAC.dupA);
    expect(list.find((p) => p.ip === DUP_IP)?.text).toContain(MAC.dupB);
  });

  it('the ARP sweep finds every MAC at the shared address and highlights it', async () => {
    await net.sweep('198.51.100.0/24', 'br0');
    expect(await net.waitSweepEnded()).toBe('done');
    const hosts = await net.sweepHosts();
    // Conflicts first.
    expect(hosts[0]).toMatchObject({ ip: DUP_IP, conflict: true });
    expect(hosts[0]?.macs).toContain(MAC.dupA);
    expect(hosts[0]?.macs).toContain(MAC.dupB);
    expect(await page.getByTestId('sweep-summary').innerText()).toMatch(/^198\.51\.100\.0\/24 on br0, swept in [\d.]+ s\. Addresses that answered: \d+; answered by several MACs: 1\.$/);
    expect(await net.problemRow(DUP_IP).innerText()).toContain('ARP sweep');
  });

  it('fixes the off-subnet camera: plan, suggested free address, live steps, verified before/after', async () => {
    await net.openFix(OFF_IP);
    expect(await net.panel().getByTestId('fix-wrong').innerText()).toContain('192.168.1.0/24');
    const suggestion = await net.waitSuggestion();
    expect(suggestion.status).toBe('found');
    expect(suggestion.newIp).toMatch(/^198\.51\.100\.\d+$/);
    offNewIp = suggestion.newIp;
    await net.fillFix({ gateway: '198.51.100.1', password: PASSWORD });
    expect(await net.planKeys()).toEqual(['alias', 'login', 'probe', 'gateway', 'setIp', 'verify', 'cleanup']);
    expect(await page.getByTestId('fix-plan').innerText()).toContain('192.168.1.254/24');
    await net.runFix();
    expect(await net.waitLiveStep()).toBe('laptop-alias');
    expect(await net.waitFixEnded()).toBe('done');
    const steps = await net.fixSteps();
    expect(steps.map((s) => s.name)).toEqual(['laptop-alias', 'clock', 'read-before', 'probe-new', 'set-gateway', 'set-ip', 'rediscover', 'read-back', 'cleanup']);
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(await net.panel().getByTestId('fix-result').getAttribute('data-verified')).toBe('true');
    expect(await net.beforeAfter('address')).toEqual({ before: `${OFF_IP}/24`, after: `${offNewIp}/24` });
    expect(await net.beforeAfter('gateway')).toEqual({ before: '192.168.1.1', after: '198.51.100.1' });
    expect(await net.beforeAfter('mac')).toEqual({ before: MAC.off, after: MAC.off });
    expect(await net.problemRow(OFF_IP).getAttribute('data-open')).toBe('false');
    // The password was only ever in its field.
    expect(await page.evaluate(() => document.body.innerText)).not.toContain(PASSWORD);
    await net.closeFix();
    expect(await addrOf(cams.off)).toContain(`${offNewIp}/24`);
    await expectLaptopClean();
  });

  it('fixes the shared address: picks the second camera by MAC, pins it, moves it, verifies', async () => {
    await net.openFix(DUP_IP);
    await net.chooseMac(MAC.dupB);
    const suggestion = await net.waitSuggestion();
    expect(suggestion.status).toBe('found');
    dupNewIp = suggestion.newIp;
    expect(dupNewIp).not.toBe(offNewIp);
    await net.fillFix({ password: PASSWORD });
    expect(await net.planKeys()).toEqual(['noAlias', 'pin', 'login', 'probe', 'setIp', 'verify', 'cleanup']);
    await net.runFix();
    expect(await net.waitFixEnded()).toBe('done');
    expect((await net.fixSteps()).map((s) => s.name)).toEqual(['laptop-alias', 'pin-mac', 'clock', 'read-before', 'probe-new', 'set-ip', 'rediscover', 'read-back', 'cleanup']);
    expect(await net.beforeAfter('address')).toEqual({ before: `${DUP_IP}/24`, after: `${dupNewIp}/24` });
    expect(await net.beforeAfter('mac')).toEqual({ before: MAC.dupB, after: MAC.dupB });
    expect(await net.problemRow(DUP_IP).getAttribute('data-open')).toBe('false');
    // The panel stays open with its result (the screenshots below show it).
    expect(await addrOf(cams.dupB)).toContain(`${dupNewIp}/24`);
    expect(await addrOf(cams.dupA)).toContain(`${DUP_IP}/24`);
    await expectLaptopClean();
  });

  it('the journal lists every laptop change of both fixes, all undone', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="journal-row"]').length >= 4);
    const j = await net.journal();
    expect(j.outstanding).toBe(0);
    // Off-subnet fix: the alias into the camera's subnet, then the new address pinned to the camera's
    // MAC for the read-back. Shared-address fix: the old address pinned to the chosen MAC, then the new one.
    expect(j.rows.map((r) => r.kind).sort()).toEqual(['address', 'neighbour', 'neighbour', 'neighbour']);
    expect(j.rows.every((r) => r.state === 'reverted')).toBe(true);
    expect(j.rows.filter((r) => r.kind === 'neighbour' && r.text.includes(MAC.dupB))).toHaveLength(2);
    expect(j.rows.some((r) => r.kind === 'neighbour' && r.text.includes(`${DUP_IP} → ${MAC.dupB}`))).toBe(true);
  });

  it('the IP plan skips addresses in use and renumbers the remaining camera, verified', async () => {
    await net.planSelect([DUP_IP], [MAC.dupA]);
    // The pool starts with the address just given to the off-subnet camera and with the laptop's own.
    await net.planPreview({ pool: `${offNewIp}, 198.51.100.1, 198.51.100.200-201`, password: PASSWORD, gateway: '198.51.100.1' });
    expect(await net.planRows()).toEqual([{ from: DUP_IP, to: '198.51.100.200' }]);
    const skipped = await net.planSkipped();
    expect(skipped.find((s) => s.ip === offNewIp)?.reason).toMatch(/device|probe/);
    expect(skipped.find((s) => s.ip === '198.51.100.1')?.reason).toMatch(/laptop|gateway/);
    expect(await net.planApplyAndWait()).toEqual([{ from: DUP_IP, status: 'ok' }]);
    expect(await addrOf(cams.dupA)).toContain('198.51.100.200/24');
    await expectLaptopClean();
  });

  it('screenshots the page with data in both languages', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const lang of ['en', 'zh-CN'] as const) {
      await shell.setLanguage(lang);
      await page.mouse.move(1270, 890);
      const file = join(SHOTS, `${lang}-network-data.png`);
      const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 900);
      await page.setViewportSize({ width: 1280, height: Math.max(900, height) });
      await page.screenshot({ path: file, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(statSync(file).size).toBeGreaterThan(30_000);
    }
    expect(await net.root().innerText()).toContain('本机更改');
    await shell.setLanguage('en');
    // The dark theme, with the same data.
    await page.emulateMedia({ colorScheme: 'dark' });
    const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 900);
    await page.setViewportSize({ width: 1280, height: Math.max(900, height) });
    await page.screenshot({ path: join(SHOTS, 'en-network-data-dark.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logged no page errors', () => {
    expect(app?.errors).toEqual([]);
  });
});
