/**
 * The Devices page fills live during a scan, in the browser host running inside the lab.
 *
 * How the pieces reach each other: the simulated cameras and `fieldkit serve` run in network
 * namespaces the test creates (lab.spawn), so discovery's multicast never touches the root
 * namespace. The host binds 127.0.0.1 *inside the technician's namespace*, which Chromium in
 * the root namespace cannot reach. Rather than bridging the two (a port forward would put a
 * hole in the isolation), Chromium itself runs in the technician's namespace: Playwright
 * launches it through a two-line wrapper, `exec ip netns exec <tech> /usr/bin/chromium "$@"`.
 * `ip netns exec` execs in place, so Playwright's --remote-debugging-pipe (file descriptors
 * 3 and 4, not a socket) still connects it to this test process across the namespace boundary,
 * and everything else (locators, downloads, screenshots) works as in the other specs.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, requireLabOrSkip, type Lab, type LabDevice } from '../lab';
import { REPO_ROOT } from './app';
import { startLabBrowser, type LabBrowser } from './lab-browser';
import { stopChild } from './child';
import { DevicesPageObject } from './pages/devices';
import { ShellPage } from './pages/shell';

const SIM = fileURLToPath(new URL('../sim/discovery/camera-sim.ts', import.meta.url));
const SHOTS = join(REPO_ROOT, 'test-results/screenshots');

const HIK_IP = '198.51.100.10';
const DAHUA_IP = '203.0.113.20';
const OFF_IP = '192.168.1.64';
const DUP_IP = '198.51.100.30';

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => (d.toString().includes('"ready":true') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`camera-sim exited with ${code}: ${err}`)));
  });
}

describe.skipIf(requireLabOrSkip())('Devices page in the lab [browser host in the tech namespace]', () => {
  let lab: Lab;
  let app: LabBrowser | undefined;
  let page: Page;
  let devices: DevicesPageObject;
  let shell: ShellPage;
  let tmp: string;
  const sims = new Map<string, ChildProcess>();
  let hik: LabDevice;
  let live: { rows: number; state: string; progressVisible: boolean };

  const startSim = async (key: string, dev: LabDevice, config: Record<string, unknown>) => {
    const full = { mask: '255.255.255.0', ...config, ip: dev.ip, mac: dev.mac, multicast: true, interface: 'eth0' };
    const child = lab.spawn(dev.ns, process.execPath, ['--import', 'tsx', SIM, '--config', JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'pipe'] });
    sims.set(key, child);
    await waitReady(child);
  };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-devices-'));
    // The laptop has two NICs (two bridges), each with cameras behind it.
    lab = await createLab({ laptopCidrs: ['198.51.100.1/24'], extraBridges: [{ name: 'br1', cidrs: ['203.0.113.1/24'] }] });
    hik = await lab.addDevice({ name: 'hik', cidr: `${HIK_IP}/24` });
    const dahua = await lab.addDevice({ name: 'dahua', cidr: `${DAHUA_IP}/24`, bridge: 'br1' });
    const off = await lab.addDevice({ name: 'off', cidr: `${OFF_IP}/24` });
    // Misconfigured on another subnet, as found on site: it still answers, through an on-link default route.
    await lab.exec(off.ns, 'ip', ['route', 'add', 'default', 'dev', 'eth0']);
    const dupA = await lab.addDevice({ name: 'dupa', cidr: `${DUP_IP}/24` });
    const dupB = await lab.addDevice({ name: 'dupb', cidr: `${DUP_IP}/24` });

    // One camera on four protocols; one that answers late (so rows visibly arrive one by one);
    // one off-subnet; two sharing an address. Every camera has its own serial and uuid.
    await startSim('hik', hik, { protocols: ['wsd', 'sadp', 'dhip', 'ssdp'], name: 'Gate', serial: 'DS-2CD2143G0-I20190101AAWRC00001', uuid: '54575be6-1dd2-11b2-8a2b-000000000001' });
    await startSim('dahua', dahua, {
      protocols: ['wsd', 'dhip'], manufacturer: 'Dahua', model: 'IPC-HDW4431C-A', name: 'Yard', serial: '4J0A1B2PAZ00002',
      uuid: '0b6a2f4e-8c1d-4e5f-9a7b-000000000002', faults: { lateMs: 1500 },
    });
    await startSim('off', off, { protocols: ['wsd', 'sadp'], name: 'Store room', model: 'DS-2CD2T47G2-L', serial: 'DS-2CD2T47G2-L20210101AAWRC00003', uuid: '54575be6-1dd2-11b2-8a2b-000000000003' });
    await startSim('dupa', dupA, { protocols: ['sadp'], name: 'Lobby', serial: 'DS-2CD1023G0-I20200101AAWRC00004', uuid: '54575be6-1dd2-11b2-8a2b-000000000004' });
    await startSim('dupb', dupB, { protocols: ['sadp'], name: 'Car park', activated: false, serial: 'DS-2CD1023G0-I20200101AAWRC00005', uuid: '54575be6-1dd2-11b2-8a2b-000000000005' });

    app = await startLabBrowser(lab, tmp);
    page = app.page;
    devices = new DevicesPageObject(page);
    shell = new ShellPage(page);
    await devices.open();
  });

  afterAll(async () => {
    await app?.close();
    await lab?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('starts empty and offers the laptop\'s interfaces with IPv4 (both bridges, not loopback)', async () => {
    expect(await devices.root().getByTestId('empty-state').isVisible()).toBe(true);
    await page.getByTestId('scan-iface-br1').waitFor();
    const choices = await devices.interfaceChoices();
    expect(choices).toEqual(expect.arrayContaining(['br0', 'br1']));
    expect(choices).not.toContain('lo');
  });

  it('fills live while the scan runs: rows appear before it ends', async () => {
    await devices.chooseInterfaces(['br0', 'br1']);
    await devices.setTimeoutSeconds(5);
    await devices.startScan();
    live = await devices.waitRowsDuringScan(1);
    expect(live.state).toBe('running');
    expect(live.progressVisible).toBe(true);
    // More rows keep arriving, still during the scan (the late camera answers after 1.5 s).
    const more = await devices.waitRowsDuringScan(live.rows + 1);
    expect(more.state).toBe('running');
    expect(await devices.waitScanEnded()).toBe('done');
    expect(await page.getByTestId('scan-summary').innerText()).toContain('br0, br1');
  });

  it('ends with every camera once, with its protocol badges and the off-subnet flag and reason', async () => {
    const rows = await devices.rows();
    const byIp = (ip: string) => rows.filter((r) => r.ip === ip);
    expect(rows.map((r) => r.ip).sort()).toEqual([OFF_IP, HIK_IP, DUP_IP, DUP_IP, DAHUA_IP].sort());
    expect(byIp(HIK_IP)[0]).toMatchObject({ protocols: ['ONVIF', 'SSDP', 'SADP', 'DHIP'], inSubnet: true, offSubnetReason: null, id: `mac-${hik.mac.replace(/:/g, '')}` });
    expect(byIp(HIK_IP)[0]?.text).toContain('Gate');
    expect(byIp(DAHUA_IP)[0]).toMatchObject({ protocols: ['ONVIF', 'DHIP'], inSubnet: true });
    expect(byIp(DAHUA_IP)[0]?.text).toContain('br1');
    const off = byIp(OFF_IP)[0];
    expect(off).toMatchObject({ protocols: ['ONVIF', 'SADP'], inSubnet: false });
    expect(off?.text).toContain('Off-subnet');
    expect(off?.offSubnetReason).toBe('The laptop has no address in 192.168.1.0/24 (laptop: 198.51.100.0/24, 203.0.113.0/24).');
    expect(byIp(DUP_IP).map((r) => r.conflict)).toEqual([true, true]);
  });

  it('draws the LAN map: a group per laptop subnet, the foreign one, and the address conflict', async () => {
    const rows = await devices.rows();
    const id = (ip: string) => rows.filter((r) => r.ip === ip).map((r) => r.id);
    const groups = await devices.mapGroups();
    expect(groups.map((g) => `${g.kind} ${g.cidr}`)).toEqual(['laptop 198.51.100.0/24', 'laptop 203.0.113.0/24', 'foreign 192.168.1.0/24']);
    expect(groups[0]?.ids.sort()).toEqual([...id(HIK_IP), ...id(DUP_IP)].sort());
    expect(groups[0]?.conflict.sort()).toEqual(id(DUP_IP).sort());
    expect(groups[1]?.ids).toEqual(id(DAHUA_IP));
    expect(groups[2]).toMatchObject({ ids: id(OFF_IP), offSubnet: id(OFF_IP) });
    expect(await devices.mapConflicts().innerText()).toContain(`${DUP_IP} is used by 2 MACs`);
  });

  it('shows every field in the detail panel, with XAddrs and LOCATION as text, not links', async () => {
    const detail = await devices.openDetail(HIK_IP);
    expect(await devices.detailValue('xaddrs')).toBe(`http://${HIK_IP}/onvif/device_service`);
    expect(await devices.detailValue('location')).toMatch(new RegExp(`^http://${HIK_IP.replace(/\./g, '\\.')}:\\d+/`));
    expect(await devices.detailValue('serial')).toBe('DS-2CD2143G0-I20190101AAWRC00001');
    expect(await devices.detailValue('mac')).toBe(hik.mac);
    expect(await devices.detailValue('mask')).toBe('255.255.255.0');
    expect(await detail.locator('a').count()).toBe(0);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    // Focus goes back to the row, so the keyboard user keeps their place.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.ip)).toBe(HIK_IP);
    // The two cameras sharing an address: one activated, one waiting for its first password (SADP).
    const states: string[] = [];
    for (const nth of [0, 1]) {
      await devices.openDetail(DUP_IP, nth);
      states.push(await devices.detailValue('activated'));
      await devices.closeDetail();
    }
    expect(states.sort()).toEqual(['Activated', 'Not activated: set a password before use']);
  });

  it('filters by protocol and subnet state, and sorts by a header', async () => {
    await devices.toggleProtocolFilter('ssdp');
    expect((await devices.rows()).map((r) => r.ip)).toEqual([HIK_IP]);
    await devices.clearFilters();
    await devices.setSubnetFilter('off');
    expect((await devices.rows()).map((r) => r.ip)).toEqual([OFF_IP]);
    await devices.setSubnetFilter('conflict');
    expect((await devices.rows()).map((r) => r.ip)).toEqual([DUP_IP, DUP_IP]);
    await devices.clearFilters();
    await page.getByTestId('sort-ip').click(); // ip ascending is the default: this flips it
    expect((await devices.rows()).map((r) => r.ip)).toEqual([DAHUA_IP, DUP_IP, DUP_IP, HIK_IP, OFF_IP]);
    await page.getByTestId('sort-ip').click();
    expect((await devices.rows())[0]?.ip).toBe(OFF_IP);
  });

  it('exports the list as CSV and JSON downloads', async () => {
    const csv = await devices.export('csv');
    expect(csv.name).toMatch(/^fieldkit-devices-\d{8}-\d{4}\.csv$/);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^ip,other_ips,mac,/);
    expect(lines).toHaveLength(6);
    const json = await devices.export('json');
    const parsed = JSON.parse(json.text) as { count: number; devices: Array<{ ips: string[]; xaddrs: string[] }> };
    expect(parsed.count).toBe(5);
    expect(parsed.devices.find((d) => d.ips[0] === HIK_IP)?.xaddrs).toEqual([`http://${HIK_IP}/onvif/device_service`]);
  });

  it('screenshots the page with data in both languages', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const lang of ['en', 'zh-CN'] as const) {
      await shell.setLanguage(lang);
      await page.mouse.move(1270, 890);
      const file = join(SHOTS, `${lang}-devices-data.png`);
      // The page scrolls inside <main>, so "full page" is the window: grow it to show everything.
      const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 900);
      await page.setViewportSize({ width: 1280, height: Math.max(900, height) });
      await page.screenshot({ path: file, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(statSync(file).size).toBeGreaterThan(30_000);
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      await devices.openDetail(OFF_IP);
      await page.screenshot({ path: join(SHOTS, `${lang}-devices-detail.png`) });
      await devices.closeDetail();
    }
    expect(await devices.rows().then((r) => r.find((x) => x.ip === OFF_IP)?.text)).toContain('不在子网内');
    await shell.setLanguage('en');
  });

  it('a long scan shows its progress and can be cancelled', async () => {
    await devices.setTimeoutSeconds(30);
    await devices.startScan();
    await page.getByTestId('scan-progress').locator('[role="progressbar"]').waitFor();
    await page.getByTestId('scan-cancel').click();
    expect(await devices.waitScanEnded(10_000)).toBe('cancelled');
    expect(await page.getByTestId('scan-summary').innerText()).toMatch(/^Cancelled after \d+\.\d s/);
    expect(await devices.rows()).toHaveLength(5);
  });

  it('watch: a camera saying Bye goes offline on the page', async () => {
    await devices.setReprobe(10);
    await devices.setWatch(true);
    const text = await page.getByTestId('watch-control').innerText();
    expect(text).toContain('Watching br0, br1: re-probe every 10 s, offline after 35 s of silence.');
    // The period applies when the watch starts: it cannot change under a running watch.
    expect(await devices.reprobeSelect().isDisabled()).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    await stopChild(sims.get('hik')!);
    await page.waitForFunction((ip) => document.querySelector(`[data-testid="device-row"][data-ip="${ip}"]`)?.getAttribute('data-online') === 'false', HIK_IP, { timeout: 15_000 });
    expect(await devices.presenceLog().innerText()).toContain('Gate went offline');
    await devices.setWatch(false);
  });

  it('the System page shows the discovery doctor for the lab laptop, in both languages', async () => {
    await shell.clickNav('system');
    const doctor = page.getByTestId('discovery-doctor');
    await doctor.getByTestId('doctor-check').first().waitFor();
    const ids = await doctor.getByTestId('doctor-check').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    expect(ids).toEqual(expect.arrayContaining(['interfaces', 'firewall', 'listen-ports', 'privileges']));
    for (const lang of ['en', 'zh-CN'] as const) {
      await shell.setLanguage(lang);
      await doctor.screenshot({ path: join(SHOTS, `${lang}-system-doctor.png`) });
    }
    expect(await doctor.innerText()).toContain('发现功能预检');
    await shell.setLanguage('en');
  });

  it('logged no page errors', () => {
    expect(app?.errors).toEqual([]);
  });
});
