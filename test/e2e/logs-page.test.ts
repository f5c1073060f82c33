// The Logs page against the real core: `fieldkit serve` + Chromium, a listener started from the UI on a
// free loopback port, util-linux `logger` as the camera, a socat pty pair as a serial console.
// Loopback only: every listener binds 127.0.0.1 and every message goes to 127.0.0.1.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../support/ports';
import { createPtyPair, requirePtyOrSkip, type PtyPair } from '../lab/pty';
import { launchBrowserApp, REPO_ROOT, type BrowserApp } from './app';
import { LogsPageObject } from './pages/logs';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots');

/** util-linux `logger` sending to 127.0.0.1:`port`; `stdin` carries one message per line. */
function logger(port: number, args: string[], stdin = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('logger', ['-n', '127.0.0.1', '-P', String(port), ...args], (err) => (err ? reject(err) : resolve()));
    child.stdin?.on('error', () => {});
    child.stdin?.end(stdin);
  });
}

function sendDatagram(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.send(bytes, port, '127.0.0.1', () => s.close(() => resolve()));
  });
}

describe('Logs page [browser]', () => {
  let app: BrowserApp;
  let logs: LogsPageObject;
  let port = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await launchBrowserApp();
    logs = new LogsPageObject(app.page);
    await logs.open();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts with no listener, zero counters and an empty tail that says how to fill it', async () => {
    expect(await logs.listeners()).toEqual([]);
    expect(await logs.count('received')).toBe(0);
    expect(await logs.count('total')).toBe(0);
    expect(await app.page.getByTestId('logs-empty').innerText()).toContain('Start a listener');
  });

  it('says what is wrong with a bad port before asking the core', async () => {
    await logs.showCapture();
    await app.page.getByTestId('logs-udp-port').fill('70000');
    await app.page.getByTestId('logs-start').click();
    expect(await logs.listenProblem().innerText()).toBe('The UDP port must be a whole number from 0 to 65535.');
    expect(await logs.listeners()).toEqual([]);
  });

  it('starts UDP and TCP listeners from the form on a free loopback port and shows what is bound', async () => {
    port = await freeLoopbackPort();
    const shown = await logs.startListener({ udpPort: port, tcpPort: port, bind: '127.0.0.1' });
    expect(shown.sort((a, b) => a.transport.localeCompare(b.transport))).toEqual([
      { transport: 'tcp', address: '127.0.0.1', port },
      { transport: 'udp', address: '127.0.0.1', port },
    ]);
    expect(await logs.listenProblem().count()).toBe(0);
    // The same port again is refused by the core, with its reason.
    await logs.fillListener({ udpPort: port, bind: '127.0.0.1' });
    await app.page.getByTestId('logs-start').click();
    await logs.listenError().waitFor();
    expect(await logs.listenError().innerText()).toContain('already in use');
    expect(await logs.listeners()).toHaveLength(2);
  });

  it('shows messages from logger live: RFC 3164 and 5424 over UDP, TCP with LF and octet counting, Chinese text', async () => {
    await logger(port, ['-d', '--rfc3164', '--id=777', '-t', 'cam', '-p', 'local0.warning', 'tamper alarm on lobby camera']);
    await logs.waitForRow('tamper alarm on lobby camera');
    await logger(port, ['-d', '--rfc5424', '-t', 'nvr', '-p', 'local4.err', '--msgid', 'VLOSS', '--sd-id', 'zoo@32473', '--sd-param', 'tiger="hungry"', '视频丢失 通道2']);
    await logs.waitForRow('视频丢失 通道2');
    await logger(port, ['-T', '--rfc3164', '-t', 'kernel', '-p', 'daemon.notice'], 'eth0: Link is Down\neth0: Link is Up - 100Mbps/Full\n');
    await logs.waitForRow('eth0: Link is Up - 100Mbps/Full');
    await logger(port, ['-T', '--octet-count', '--rfc5424', '-t', 'storage', '-p', 'local0.crit'], 'SD card error: 存储卡故障\n');
    await logs.waitForRow('SD card error: 存储卡故障');
    await logs.waitCount('stored', 5);
    expect(await logs.count('received')).toBe(5);
    expect(await logs.count('dropped')).toBe(0);
    expect(await logs.count('malformed')).toBe(0);
    expect(await logs.count('total')).toBe(5);
    // Oldest first, newest at the bottom, with translated severities.
    expect(await logs.messages()).toEqual([
      'tamper alarm on lobby camera', '视频丢失 通道2', 'eth0: Link is Down', 'eth0: Link is Up - 100Mbps/Full', 'SD card error: 存储卡故障',
    ]);
    expect(await logs.severityLabels()).toEqual(['Warning', 'Error', 'Notice', 'Notice', 'Critical']);
    expect(await logs.following()).toBe(true);
    expect(await app.page.getByTestId('logs-showing').innerText()).toBe('5 of 5 matching entries');
  });

  it('keeps a malformed datagram, flags it, and shows its problems and raw bytes in the detail', async () => {
    await sendDatagram(port, Buffer.from([0x3c, 0x39, 0x39, 0x39, 0x3e, 0xff, 0xfe, 0x41]));
    await logs.waitCount('malformed', 1);
    const row = logs.rows().filter({ has: app.page.locator('.logs-flag') });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await row.first().click();
    const detail = logs.detail();
    await detail.getByTestId('logs-detail-malformed').waitFor();
    expect(await detail.getByTestId('logs-detail-malformed').innerText()).toContain('stored exactly as received');
    expect((await detail.getByTestId('logs-detail-problems').innerText()).length).toBeGreaterThan(5);
    expect(await logs.detailField('raw-hex')).toContain('ff fe 41');
    await app.page.getByTestId('logs-detail-close').click();
    expect(await logs.detail().count()).toBe(0);
  });

  it('filters by text with highlights (Chinese and Latin), and live entries obey the filter', async () => {
    await logs.search('丢失');
    expect(await logs.messages()).toEqual(['视频丢失 通道2']);
    expect(await logs.highlights()).toEqual(['丢失']);
    await logs.search('link');
    expect(await logs.messages()).toEqual(['eth0: Link is Down', 'eth0: Link is Up - 100Mbps/Full']);
    expect(await logs.highlights()).toEqual(['Link', 'Link']);
    // A new matching line joins the tail live; a non-matching one does not.
    await logger(port, ['-d', '--rfc5424', '-t', 'kernel', 'eth1: Link is Down']);
    await logger(port, ['-d', '--rfc5424', '-t', 'kernel', 'fan speed normal']);
    await logs.waitForRow('eth1: Link is Down');
    await logs.waitCount('stored', 8);
    await app.page.waitForTimeout(600); // two more live-tail periods: the other line would be here by now
    expect(await logs.messages()).toEqual(['eth0: Link is Down', 'eth0: Link is Up - 100Mbps/Full', 'eth1: Link is Down']);
    await logs.resetFilters();
    expect(await logs.rowCount()).toBe(8);
  });

  it('filters by severity: that level or worse', async () => {
    await logs.severity(3);
    expect(await logs.messages()).toEqual(['视频丢失 通道2', 'SD card error: 存储卡故障']);
    await logs.severity(2);
    expect(await logs.messages()).toEqual(['SD card error: 存储卡故障']);
    await logs.severity('');
    expect(await logs.rowCount()).toBe(8);
  });

  it('shows every field of an RFC 5424 entry with structured data, and the keyboard moves through entries', async () => {
    const detail = await logs.openDetail('视频丢失');
    expect(await logs.detailField('message')).toBe('视频丢失 通道2');
    expect(await logs.detailField('app')).toBe('nvr');
    expect(await logs.detailField('msgid')).toBe('VLOSS');
    expect(await logs.detailField('severity')).toBe('Error');
    expect(await logs.detailField('facility')).toBe('local4 (20)');
    expect(await logs.detailField('transport')).toBe('Syslog over UDP');
    expect(await logs.detailField('format')).toBe('Syslog RFC 5424');
    expect(await logs.detailField('source')).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await logs.detailField('time')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const sd = await detail.getByTestId('logs-detail-structured').innerText();
    expect(sd).toContain('[zoo@32473]');
    expect(sd).toMatch(/tiger\s+hungry/);
    // Arrow keys move the selection (and the detail); Escape closes it.
    await app.page.getByTestId('logs-list').focus();
    await app.page.keyboard.press('ArrowDown');
    expect(await logs.detailField('message')).toBe('eth0: Link is Down');
    await app.page.keyboard.press('ArrowUp');
    await app.page.keyboard.press('ArrowUp');
    expect(await logs.detailField('message')).toBe('tamper alarm on lobby camera');
    expect(await logs.detailField('format')).toBe('Syslog RFC 3164 (BSD)');
    expect(await logs.detailField('procid')).toBe('777');
    expect(await app.page.getByTestId('logs-list').getAttribute('aria-activedescendant')).toBeTruthy();
    await app.page.keyboard.press('Escape');
    expect(await logs.detail().count()).toBe(0);
  });

  it('pause holds the list still; resume brings in what arrived meanwhile and follows again', async () => {
    await logs.pause();
    expect(await logs.liveState()).toBe('paused');
    await logger(port, ['-d', '--rfc5424', '-t', 'cam', 'motion detected zone 3']);
    await logs.waitCount('stored', 9);
    await logs.resumeButton().filter({ hasText: '(1 new)' }).waitFor({ timeout: 5000 });
    expect(await logs.row('motion detected zone 3').count()).toBe(0);
    await logs.resumeButton().click();
    await logs.waitForRow('motion detected zone 3');
    expect(await logs.liveState()).toBe('live');
    expect(await logs.following()).toBe(true);
  });

  it('exports the current filter as CSV, JSONL and text downloads', async () => {
    await logs.search('link');
    const csv = await logs.export('csv');
    expect(csv.name).toMatch(/^fieldkit-logs-\d{8}-\d{6}\.csv$/);
    const csvLines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(csvLines[0]).toMatch(/^id,receivedAt,time,transport,source,/);
    expect(csvLines.slice(1).map((l) => /eth\d: Link is [^,]+/.exec(l)?.[0])).toEqual([
      'eth0: Link is Down', 'eth0: Link is Up - 100Mbps/Full', 'eth1: Link is Down',
    ]);
    expect(await logs.exportStatus()).toMatch(/^Saved fieldkit-logs-.*\.csv \(entries: 3\)\.$/);
    await logs.resetFilters();
    const jsonl = await logs.export('jsonl');
    const parsed = jsonl.text.trimEnd().split('\n').map((l) => JSON.parse(l) as { message: string; msgid: string | null; malformed: boolean });
    expect(parsed).toHaveLength(9);
    expect(parsed.find((e) => e.msgid === 'VLOSS')?.message).toBe('视频丢失 通道2');
    expect(parsed.filter((e) => e.malformed)).toHaveLength(1);
    const txt = await logs.export('txt');
    expect(txt.name).toMatch(/\.txt$/);
    expect(txt.text.trimEnd().split('\n')).toHaveLength(9);
    expect(txt.text).toContain('视频丢失 通道2');
  });

  it('works in Chinese: labels, severities, live entries, detail and export', async () => {
    await logs.shell.setLanguage('zh-CN');
    expect(await logs.root().locator('h1').innerText()).toBe('日志');
    expect(await app.page.getByTestId('logs-live-state').innerText()).toBe('实时');
    await logger(port, ['-d', '--rfc5424', '-t', 'nvr', '-p', 'local4.warning', '--msgid', 'HDD', '硬盘空间不足 剩余 5%']);
    await logs.waitForRow('硬盘空间不足');
    expect(await logs.severityLabels()).toContain('警告');
    await logs.search('硬盘');
    expect(await logs.messages()).toEqual(['硬盘空间不足 剩余 5%']);
    expect(await logs.highlights()).toEqual(['硬盘']);
    expect(await app.page.getByTestId('logs-showing').innerText()).toBe('匹配条目 1 / 1');
    await logs.openDetail('硬盘空间不足');
    expect(await logs.detailField('severity')).toBe('警告');
    expect(await logs.detailField('transport')).toBe('UDP 上的 syslog');
    expect(await logs.detail().locator('h2').innerText()).toMatch(/^条目 \d+$/);
    const csv = await logs.export('csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('硬盘空间不足 剩余 5%');
    expect(await logs.exportStatus()).toMatch(/^已保存 fieldkit-logs-.*\.csv（1 条）。$/);
    await logs.resetFilters();
    await logs.openDetail('视频丢失');
    await logs.foldCapture();
    await app.page.mouse.move(900, 780);
    await app.page.getByTestId('page-logs').evaluate((el) => el.closest('main')?.scrollTo(0, 0));
    await app.page.screenshot({ path: join(SHOTS, 'zh-CN-logs-data.png') });
    await logs.shell.setLanguage('en');
    await app.page.screenshot({ path: join(SHOTS, 'en-logs-data.png') });
    await logs.shell.setTheme('dark');
    await app.page.screenshot({ path: join(SHOTS, 'en-logs-data-dark.png') });
    await logs.shell.setTheme('light');
    expect(app.errors).toEqual([]);
  });

  describe.skipIf(requirePtyOrSkip())('serial console over a pty', () => {
    let pair: PtyPair;
    let camera: SerialPort;

    beforeAll(async () => {
      pair = await createPtyPair();
      camera = await new Promise<SerialPort>((resolve, reject) => {
        const p = new SerialPort({ path: pair.a, baudRate: 115200, autoOpen: false });
        p.open((err) => (err ? reject(err) : resolve(p)));
      });
    });
    afterAll(async () => {
      if (camera?.isOpen) await new Promise<void>((r) => camera.close(() => r()));
      await pair?.close();
    });

    it('captures console lines into the terminal and the tail, and sends a typed line to the device', async () => {
      await logs.openSerial(pair.b, 115200, 'lobby-uart');
      await new Promise<void>((r, j) => camera.write('U-Boot 2016.01\r\nStarting kernel ...\r\n', (e) => (e ? j(e) : camera.drain(() => r()))));
      await logs.terminalScreen().filter({ hasText: 'Starting kernel ...' }).waitFor({ timeout: 10_000 });
      expect(await logs.terminalScreen().innerText()).toBe('U-Boot 2016.01\nStarting kernel ...');
      await logs.waitForRow('Starting kernel ...');
      const detail = await logs.openDetail('U-Boot 2016.01');
      expect(await detail.getByTestId('logs-detail-source').innerText()).toBe('lobby-uart');
      expect(await logs.detailField('format')).toBe('Serial console line');

      const received: Buffer[] = [];
      camera.on('data', (b: Buffer) => received.push(b));
      await logs.sendSerialLine('printenv', 'crlf');
      await expect.poll(() => Buffer.concat(received).toString('latin1'), { timeout: 5000 }).toBe('printenv\r\n');

      await logs.closeSerial();
    });
  });

  it('stops the listeners from the page', async () => {
    await logs.stopAllListeners();
    expect(await logs.listeners()).toEqual([]);
  });
});
