// The Logs page's source, host, facility, transport, time-range and per-device filters against the
// real core: `fieldkit serve` + Chromium, a UDP+TCP listener started from the UI on a free loopback
// port, syslog datagrams sent from sockets bound to 127.0.0.2/.3/.4 (distinct sources) plus util-linux
// `logger` over TCP. Loopback only: the listener binds 127.0.0.1 and every message goes to 127.0.0.1.
import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../support/ports';
import { openDatabase } from '../../src/db/open';
import type { DeviceRecord } from '../../src/discovery/record';
import { DiscoveryStore } from '../../src/discovery/store';
import { launchBrowserApp, type BrowserApp } from './app';
import { LogsFiltersPageObject, type ShownLogRow } from './pages/logs-filters';

/** The camera a scan in an earlier session found at 127.0.0.4: its entries carry it as their device. */
const LOBBY = { id: 'mac-001122334455', name: 'Lobby dome', ip: '127.0.0.4' };

/** Stores {@link LOBBY} the way discovery persists a device, before `serve` opens the data dir. */
function seedKnownDevice(dataDir: string): void {
  const { db } = openDatabase(dataDir);
  try {
    const at = Date.parse('2024-05-01T08:00:00Z');
    const record: DeviceRecord = {
      id: LOBBY.id,
      mac: '00:11:22:33:44:55',
      endpoint: null,
      udn: null,
      serial: null,
      ipBySource: { sadp: { ip: LOBBY.ip, at } },
      interfaces: ['lo'],
      protocols: ['sadp'],
      sources: { sadp: { name: LOBBY.name, model: 'DS-2CD2143G2-I' } },
      firstSeen: at,
      lastSeen: at,
      online: false,
    };
    new DiscoveryStore(db).save([record], []);
  } finally {
    db.close();
  }
}

/** A UDP socket bound to a loopback address of its own, so its datagrams carry a distinct source. */
async function sender(address: string): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, address, () => resolve());
  });
  return { socket, port: socket.address().port };
}

function send(s: Socket, port: number, line: string): Promise<void> {
  return new Promise((resolve, reject) => s.send(Buffer.from(line, 'utf8'), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
}

/** util-linux `logger` over TCP to 127.0.0.1:`port`. */
function loggerTcp(port: number, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('logger', ['-n', '127.0.0.1', '-P', String(port), '-T', ...args], (err) => (err ? reject(err) : resolve()));
  });
}

/** A moment as a `datetime-local` value with seconds, in this machine's zone (Chromium runs in the same one). */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Sleeps until 50 ms past the next whole second and returns that whole second (ms since the epoch). */
async function nextWholeSecond(): Promise<number> {
  const boundary = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await new Promise((r) => setTimeout(r, boundary + 50 - Date.now()));
  return boundary;
}

describe('Logs page filters: source, host, facility, transport, time range, device [browser]', () => {
  let app: BrowserApp;
  let logs: LogsFiltersPageObject;
  let dataDir: string;
  let port = 0;
  const senders: Socket[] = [];
  /** Source ports of the three senders (127.0.0.2, .3, .4). */
  let gatePort = 0;
  let nvrPort = 0;
  /** Whole seconds between the batches: A before s1, B in [s1, s2), C after s2. */
  let s1 = 0;
  let s2 = 0;
  const me = hostname();

  // Batch A (before s1), B (between s1 and s2), C (after s2). Messages start with their batch tag.
  // Hosts do not follow sources: the NVR at .3 relays a line the gate camera wrote (C1).
  const A1: ShownLogRow = { source: '127.0.0.2', host: 'cam-gate', message: 'A1 motion at the gate' };
  const A2: ShownLogRow = { source: '127.0.0.3', host: 'nvr-01', message: 'A2 disk check passed' };
  const B1: ShownLogRow = { source: '127.0.0.2', host: 'cam-gate', message: 'B1 video loss channel 1' };
  const B2: ShownLogRow = { source: LOBBY.name, host: 'cam-lobby', message: 'B2 tamper detected' };
  const C1: ShownLogRow = { source: '127.0.0.3', host: 'cam-gate', message: 'C1 relayed: gate camera rebooted' };
  const C2: ShownLogRow = { source: LOBBY.name, host: 'cam-lobby', message: 'C2 clock not set yet' };
  const C3: ShownLogRow = { source: '127.0.0.1', host: me, message: 'C3 commissioning laptop check over TCP' };
  const ALL = [A1, A2, B1, B2, C1, C2, C3];

  /** The rows on screen match exactly, with the "n of n" count. */
  async function expectRows(want: ShownLogRow[]): Promise<void> {
    await expect.poll(() => logs.shownRows(), { timeout: 10_000 }).toEqual(want);
    expect(await logs.rowCount()).toBe(want.length);
    if (want.length) expect(await logs.showingText()).toBe(`${want.length} of ${want.length} matching entries`);
    else expect(await app.page.getByTestId('logs-row').count()).toBe(0);
  }

  async function clearAndExpectAll(): Promise<void> {
    await logs.resetFilters();
    await expectRows(ALL);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-logs-filters-'));
    seedKnownDevice(dataDir);
    app = await launchBrowserApp({ dataDir });
    logs = new LogsFiltersPageObject(app.page);
    await logs.open();
    port = await freeLoopbackPort();
    await logs.startListener({ udpPort: port, tcpPort: port, bind: '127.0.0.1' });
    await logs.foldCapture();

    const gate = await sender('127.0.0.2');
    const nvr = await sender('127.0.0.3');
    const lobby = await sender(LOBBY.ip);
    senders.push(gate.socket, nvr.socket, lobby.socket);
    gatePort = gate.port;
    nvrPort = nvr.port;

    // Batch A. PRI = facility * 8 + severity: local0.info = 134, daemon.warning = 28.
    await send(gate.socket, port, `<134>1 ${new Date().toISOString()} cam-gate ipc 311 - - ${A1.message}`);
    await logs.waitForRow(A1.message);
    await send(nvr.socket, port, `<28>May  1 10:00:00 nvr-01 nvrd[12]: ${A2.message}`);
    await logs.waitForRow(A2.message);
    s1 = await nextWholeSecond();

    // Batch B: local4.notice = 165, local0.info = 134.
    await send(gate.socket, port, `<165>1 ${new Date().toISOString()} cam-gate ipc 311 VLOSS - ${B1.message}`);
    await logs.waitForRow(B1.message);
    await send(lobby.socket, port, `<134>1 ${new Date().toISOString()} cam-lobby ipc - - - ${B2.message}`);
    await logs.waitForRow(B2.message);
    s2 = await nextWholeSecond();

    // Batch C: daemon.info = 30; a camera whose clock says 1970 (the range filters on receive time);
    // and `logger` over TCP with facility user (1).
    await send(nvr.socket, port, `<30>May  1 10:00:09 cam-gate ipcd: ${C1.message}`);
    await logs.waitForRow(C1.message);
    await send(lobby.socket, port, `<165>1 1970-01-01T00:00:42Z cam-lobby ipc - - - ${C2.message}`);
    await logs.waitForRow(C2.message);
    await loggerTcp(port, ['--rfc5424', '-t', 'fk', '-p', 'user.notice', C3.message]);
    await logs.waitForRow(C3.message);
    await logs.waitCount('stored', 7);
  });

  afterAll(async () => {
    for (const s of senders) s.close();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows all seven entries oldest first, a device chip for the known camera, and suggests sources', async () => {
    await expectRows(ALL);
    expect((await logs.sourceSuggestions()).sort()).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3', LOBBY.ip].sort());
  });

  it('filters by source: an address, or address:port, exactly; clearing brings every row back', async () => {
    await logs.setSource('127.0.0.2');
    await expectRows([A1, B1]);
    await logs.setSource(`127.0.0.3:${nvrPort}`);
    await expectRows([A2, C1]);
    // The right address with another port is another sender.
    await logs.setSource(`127.0.0.2:${gatePort === 65535 ? 65534 : gatePort + 1}`);
    await expectRows([]);
    expect(await app.page.getByTestId('logs-empty').count()).toBe(1);
    // A camera the directory knows is still found by its address.
    await logs.setSource(LOBBY.ip);
    await expectRows([B2, C2]);
    await clearAndExpectAll();
    expect(await app.page.getByTestId('logs-filter-source').inputValue()).toBe('');
  });

  it('filters by host name exactly (not by source, not by prefix)', async () => {
    await logs.setHost('cam-gate');
    await expectRows([A1, B1, C1]);
    await logs.setHost('cam-lobby');
    await expectRows([B2, C2]);
    await logs.setHost('cam');
    await expectRows([]);
    // Emptying the field and searching again lifts the host filter.
    await logs.setHost('');
    await expectRows(ALL);
  });

  it('filters by facility, with keyword and code in the choice', async () => {
    await logs.setFacility(20);
    expect(await logs.selectedLabel('logs-filter-facility')).toBe('local4 (20)');
    await expectRows([B1, C2]);
    await logs.setFacility(3);
    expect(await logs.selectedLabel('logs-filter-facility')).toBe('daemon (3)');
    await expectRows([A2, C1]);
    await logs.setFacility(16);
    await expectRows([A1, B2]);
    await logs.setFacility(1);
    await expectRows([C3]);
    await logs.setFacility(7);
    await expectRows([]);
    await logs.setFacility('');
    expect(await logs.selectedLabel('logs-filter-facility')).toBe('Any facility');
    await expectRows(ALL);
  });

  it('filters by transport', async () => {
    await logs.setTransport('tcp');
    await expectRows([C3]);
    await logs.setTransport('udp');
    await expectRows([A1, A2, B1, B2, C1, C2]);
    await clearAndExpectAll();
  });

  it('filters by a custom time range on the receive time, either end open, and refuses a reversed one', async () => {
    await logs.setCustomRange(localInput(s1), localInput(s2));
    await expectRows([B1, B2]);
    await logs.setCustomRange(localInput(s1), '');
    await expectRows([B1, B2, C1, C2, C3]);
    await logs.setCustomRange('', localInput(s2));
    await expectRows([A1, A2, B1, B2]);
    // Until before since: the page says why and keeps the last good result.
    await logs.setCustomRange(localInput(s2), localInput(s1));
    expect(await logs.filterProblem().innerText()).toBe('The From time is after the To time.');
    expect(await app.page.getByTestId('logs-filter-since').getAttribute('aria-invalid')).toBe('true');
    await expectRows([A1, A2, B1, B2]);
    // A preset: everything arrived within the last 15 minutes.
    await logs.setRange('15m');
    expect(await logs.filterProblem().count()).toBe(0);
    expect(await app.page.getByTestId('logs-filter-since').count()).toBe(0);
    await expectRows(ALL);
    await logs.setCustomRange(localInput(s2), '');
    await expectRows([C1, C2, C3]);
    await clearAndExpectAll();
    expect(await logs.selectedLabel('logs-filter-range')).toBe('Any time');
  });

  it('combines filters: source, facility and time together', async () => {
    await logs.setSource('127.0.0.3');
    await logs.setFacility(3);
    await expectRows([A2, C1]);
    await logs.setCustomRange(localInput(s2), '');
    await expectRows([C1]);
    await logs.setHost('nvr-01');
    await expectRows([]);
    await clearAndExpectAll();
  });

  it('per-device view: only the known camera\'s entries, a banner naming it, and "Show all devices"', async () => {
    expect(await logs.deviceOptions()).toEqual([
      { value: '', label: 'All devices' },
      { value: LOBBY.id, label: LOBBY.name },
    ]);
    expect(await logs.deviceBanner().count()).toBe(0);
    await logs.setDevice(LOBBY.id);
    await expectRows([B2, C2]);
    expect(await logs.deviceBanner().locator('span').innerText()).toBe('Showing only entries from Lobby dome.');
    expect(await logs.deviceBanner().getByTestId('logs-device-all').innerText()).toBe('Show all devices');
    // The detail names the device and keeps the address it came from.
    await logs.openDetail(B2.message);
    expect(await logs.detailField('source')).toMatch(/^127\.0\.0\.4:\d+$/);
    await app.page.getByTestId('logs-detail-close').click();
    // Other filters narrow within the device.
    await logs.setFacility(20);
    await expectRows([C2]);
    await logs.setFacility('');
    await logs.deviceBanner().getByTestId('logs-device-all').click();
    await logs.waitSearched();
    await logs.deviceBanner().waitFor({ state: 'detached' });
    expect(await logs.selectedLabel('logs-filter-device')).toBe('All devices');
    await expectRows(ALL);
  });

  it('live entries obey the source and host filters', async () => {
    await logs.setHost('cam-gate');
    await expectRows([A1, B1, C1]);
    const [gate, nvr] = senders as [Socket, Socket];
    await send(nvr, port, `<30>May  1 10:00:20 nvr-01 nvrd: D1 fan speed normal`);
    await send(gate, port, `<134>1 ${new Date().toISOString()} cam-gate ipc - - - D2 motion at the gate again`);
    await logs.waitForRow('D2 motion at the gate again');
    await logs.waitCount('stored', 9);
    await app.page.waitForTimeout(600); // two more live-tail periods: the other line would be here by now
    const D2: ShownLogRow = { source: '127.0.0.2', host: 'cam-gate', message: 'D2 motion at the gate again' };
    await expectRows([A1, B1, C1, D2]);
    await logs.setHost('');
    await logs.setSource('127.0.0.3');
    const D1: ShownLogRow = { source: '127.0.0.3', host: 'nvr-01', message: 'D1 fan speed normal' };
    await expectRows([A2, C1, D1]);
    await logs.resetFilters();
    await expectRows([...ALL, D1, D2]);
    expect(app.errors).toEqual([]);
  });
});
