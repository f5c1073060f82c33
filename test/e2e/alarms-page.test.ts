import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AlarmDetail, AlarmImportReport, AlarmItem } from '../../src/contract';
import { rejectionText } from '../../renderer/src/features/alarms/model/rejection-text';
import { createI18n } from '../../renderer/src/i18n';
import { describeHosts, REPO_ROOT, type AppSession } from './app';
import { AlarmsPageObject } from './pages/alarms';

/**
 * The alarm review page end to end, in English and in Chinese: the data dir
 * is seeded by importing the fixtures with the CLI (`fieldkit alarms
 * import`), then the page filters, opens an alarm's detail, acknowledges
 * with a note, imports through the browser's file picker and exports. The
 * CLI on the same data dir is the oracle for what the page should show.
 */

const CLI = join(REPO_ROOT, 'bin/fieldkit');
const FIXTURES = join(REPO_ROOT, 'test/fixtures/alarms');
const SHOTS = join(REPO_ROOT, 'test-results/screenshots');

function cli<T>(dataDir: string, ...args: string[]): T {
  const r = spawnSync(CLI, ['--data-dir', dataDir, 'alarms', ...args, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fieldkit alarms ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
const list = (dataDir: string, ...args: string[]) => cli<{ total: number; items: AlarmItem[] }>(dataDir, 'list', '--limit', '1000', ...args);

/** A busier site for the charts and screenshots: 12 devices over a week, deterministic. */
function siteWeekJsonl(): string {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const types = [
    ['device-offline', 'critical', 'Camera {n} offline', '摄像机 {n} 离线'],
    ['signal-loss', 'critical', 'Video loss on channel {n}', '通道 {n} 视频丢失'],
    ['tamper', 'major', 'Tamper on camera {n}', '摄像机 {n} 遮挡报警'],
    ['motion', 'warning', 'Motion in zone {n}', '区域 {n} 移动侦测'],
  ] as const;
  const lines: string[] = [];
  const start = Date.parse('2024-03-11T00:00:00Z');
  for (let d = 1; d <= 12; d++) {
    const device = `site1-cam-${String(d).padStart(2, '0')}`;
    let op = 1;
    for (let i = 0; i < 30 + d * 4; i++) {
      const t = start + Math.floor(rand() * 7 * 24) * 3_600_000 + Math.floor(rand() * 3_600_000);
      const [type, severity, en, zh] = types[Math.floor(rand() * types.length)]!;
      const n = 1 + Math.floor(rand() * 16);
      const message = (rand() < 0.4 ? zh : en).replace('{n}', String(n));
      const time = (ms: number) => new Date(ms).toISOString().replace('Z', '+08:00').replace(/T(\d\d)/, (_, h: string) => `T${h}`);
      const se = `${device}-${i}`;
      lines.push(JSON.stringify({ device, op_id: op++, se_id: se, kind: 'alarm', type, severity, action: 'raise', time: time(t), message }));
      if (rand() < 0.7) lines.push(JSON.stringify({ device, op_id: op++, se_id: se, kind: 'alarm', type, severity, action: 'clear', time: time(t + 30_000 + Math.floor(rand() * 5_400_000)), message: `${type} cleared` }));
      if (rand() < 0.2) lines.push(JSON.stringify({ device, op_id: op++, kind: 'event', type: 'reboot', severity: 'info', action: 'event', time: time(t + 60_000), message: 'Device rebooted' }));
      // One device loses records: the sync view has a gap to show.
      if (d === 5 && i === 10) op += 3;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `datetime-local` text → ISO with this machine's offset (Chromium runs in the same zone). */
function localIso(value: string): string {
  const d = new Date(value);
  const off = -d.getTimezoneOffset();
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${value}:00${off < 0 ? '-' : '+'}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}

const TEXT = {
  en: { later: '45 min 31 s later', acked: 'Acknowledged: 1.', ackedTwo: 'Acknowledged: 2.', total: 'Matching: ' },
  'zh-CN': { later: '45分31秒后', acked: '已确认：1。', ackedTwo: '已确认：2。', total: '符合条件：' },
} as const;

describeHosts('Alarms page', (host) => {
  let app: AppSession;
  let alarms: AlarmsPageObject;
  let dataDir: string;
  let scratch: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-alarms-'));
    scratch = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-alarms-files-'));
    writeFileSync(join(scratch, 'site1-week.jsonl'), siteWeekJsonl());
    for (const f of [join(FIXTURES, 'site-a.jsonl'), join(FIXTURES, 'site-b.csv'), join(FIXTURES, 'onvif-notify.xml'), join(FIXTURES, 'isapi-single.xml'), join(scratch, 'site1-week.jsonl')]) {
      const report = cli<AlarmImportReport>(dataDir, 'import', f);
      expect(report.imported, f).toBeGreaterThan(0);
    }
    mkdirSync(SHOTS, { recursive: true });
    app = await host.launch({ dataDir });
    alarms = new AlarmsPageObject(app.page);
  });
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    const text = TEXT[lang];

    it(`[${lang}] shows every imported alarm, newest first, with the count`, async () => {
      await alarms.shell.setLanguage(lang);
      await alarms.open();
      await alarms.resetFilters();
      const all = list(dataDir);
      await alarms.waitTotal(all.total);
      expect(await alarms.totalText()).toContain(text.total);
      const shown = await alarms.visibleIds();
      expect(shown.length).toBeGreaterThan(5);
      expect(shown).toEqual(all.items.slice(0, shown.length).map((i) => i.id));
    });

    it(`[${lang}] filters by device and text, then by state, severity and time range`, async () => {
      await alarms.resetFilters();
      await alarms.addDevice('NVR-01');
      await alarms.search('offline');
      const expected = list(dataDir, '--device', 'NVR-01', '--text', 'offline');
      expect(expected.total).toBe(2);
      await alarms.waitTotal(expected.total);
      expect((await alarms.visibleIds()).sort()).toEqual(expected.items.map((i) => i.id).sort());

      await alarms.resetFilters();
      await alarms.setState('active');
      await alarms.toggleSeverity('critical');
      const critical = list(dataDir, '--state', 'active').items.filter((i) => i.severity === 'critical');
      await alarms.waitTotal(critical.length);

      await alarms.resetFilters();
      await alarms.setRange('2024-03-12T00:00', '2024-03-12T23:59');
      const day = list(dataDir, '--since', localIso('2024-03-12T00:00'), '--until', localIso('2024-03-12T23:59'));
      expect(day.total).toBeGreaterThan(0);
      await alarms.waitTotal(day.total);
      await alarms.resetFilters();
    });

    it(`[${lang}] opens an alarm: flow timeline with the time between steps, flow records and notes`, async () => {
      await alarms.addDevice('NVR-01');
      await alarms.search('offline');
      const cam3 = list(dataDir, '--device', 'NVR-01', '--text', 'offline').items.find((i) => i.raisedAt && i.clearedAt)!;
      await alarms.waitTotal(2);
      await alarms.openAlarm(cam3.id);
      expect(await alarms.timeline()).toEqual(
        expect.arrayContaining([
          { step: 'raised', after: null },
          { step: 'cleared', after: text.later },
        ]),
      );
      expect(await alarms.drawer().getByTestId('alarm-flow').locator('tbody tr').count()).toBe(2);
      expect(await alarms.drawer().getByTestId('alarm-detail-message').innerText()).toBe(cam3.message);
      // Escape closes the drawer and gives focus back to the list.
      await app.page.keyboard.press('Escape');
      await alarms.drawer().waitFor({ state: 'detached' });
      expect(await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('alarm-grid');
      await alarms.resetFilters();
    });

    it(`[${lang}] works from the keyboard: arrows move, Space selects, Enter opens`, async () => {
      await alarms.addDevice('NVR-01');
      const expected = list(dataDir, '--device', 'NVR-01');
      await alarms.waitTotal(expected.total);
      const grid = app.page.getByTestId('alarm-grid');
      await grid.focus();
      await app.page.keyboard.press('ArrowDown');
      await app.page.keyboard.press('ArrowDown');
      await app.page.keyboard.press('ArrowUp');
      // The cursor is on the second row: aria-activedescendant names it.
      expect(await grid.getAttribute('aria-activedescendant')).toBe('alarm-row-1');
      await app.page.keyboard.press(' ');
      expect(await alarms.row(expected.items[1]!.id).getAttribute('aria-selected')).toBe('true');
      await app.page.keyboard.press(' ');
      expect(await alarms.row(expected.items[1]!.id).getAttribute('aria-selected')).toBe('false');
      await app.page.keyboard.press('Enter');
      await app.page.waitForFunction((id) => document.querySelector('[data-testid="alarm-drawer"]')?.getAttribute('data-id') === String(id), expected.items[1]!.id);
      await app.page.keyboard.press('Escape');
      await alarms.drawer().waitFor({ state: 'detached' });
      await alarms.resetFilters();
    });

    it(`[${lang}] acknowledges with a name and a note, one from the detail and several by selection`, async () => {
      // One, from the drawer.
      const target = list(dataDir, '--state', 'active', '--device', lang === 'en' ? 'NVR-01' : 'DVR-Warehouse').items[0]!;
      await alarms.addDevice(target.device);
      await alarms.setState('active');
      await alarms.waitSettled();
      await alarms.openAlarm(target.id);
      await alarms.drawer().getByTestId('alarm-drawer-ack').click();
      const note = lang === 'en' ? 'HDD 1 reseated, SMART clean' : '已到现场，重新插好硬盘';
      expect(await alarms.acknowledge('Zhang Wei', note)).toContain(text.acked);
      await alarms.drawer().getByTestId('alarm-notes').getByText(note).waitFor();
      expect(await alarms.drawer().getByTestId('alarm-detail-acked').innerText()).toContain('Zhang Wei');
      const stored = cli<AlarmDetail>(dataDir, 'show', String(target.id));
      expect(stored).toMatchObject({ state: 'acked', ackedBy: 'Zhang Wei' });
      expect(stored.operations).toEqual([expect.objectContaining({ op: 'ack', by: 'Zhang Wei', note })]);
      await alarms.closeDrawer();

      // Several, selected in the list.
      await alarms.resetFilters();
      const device = lang === 'en' ? 'site1-cam-03' : 'site1-cam-04';
      const two = list(dataDir, '--state', 'active', '--device', device).items.slice(0, 2);
      expect(two).toHaveLength(2);
      await alarms.addDevice(device);
      await alarms.setState('active');
      await alarms.waitSettled();
      for (const a of two) await alarms.selectRow(a.id);
      await app.page.getByTestId('alarm-selected-count').waitFor();
      await app.page.getByTestId('alarm-ack-selected').click();
      expect(await alarms.acknowledge('Li Na', 'batch check')).toContain(text.ackedTwo);
      for (const a of two) expect(cli<AlarmDetail>(dataDir, 'show', String(a.id))).toMatchObject({ state: 'acked', ackedBy: 'Li Na' });
      // They no longer match "active".
      await alarms.waitTotal(list(dataDir, '--state', 'active', '--device', device).total);
      await alarms.resetFilters();
    });

    it(`[${lang}] imports a file through the file picker and lists the rejected lines with their reasons`, async () => {
      const file = join(FIXTURES, lang === 'en' ? 'malformed.jsonl' : 'malformed.csv');
      // The CLI on a scratch data dir says what the report must contain.
      const oracleDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-alarms-oracle-'));
      const expected = cli<AlarmImportReport>(oracleDir, 'import', file);
      rmSync(oracleDir, { recursive: true, force: true });
      expect(expected.rejected.length).toBeGreaterThan(3);

      const dialog = await alarms.importFile(file);
      expect(Number(await dialog.getByTestId('import-count-read').innerText())).toBe(expected.read);
      expect(Number(await dialog.getByTestId('import-count-imported').innerText())).toBe(expected.imported);
      const rows = await dialog.getByTestId('import-rejections').locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ line: Number(tr.children[0]?.textContent), code: (tr as HTMLElement).dataset.code ?? '', reason: tr.children[1]?.textContent ?? '' })),
      );
      // Each reason in the page's language, worded from the core's code and values.
      const i18n = createI18n(lang);
      const say = i18n.t as unknown as (key: string, values: object) => string;
      expect(rows).toEqual(expected.rejected.map((r) => {
        const t = rejectionText(r);
        return { line: r.line, code: r.code, reason: 'key' in t ? say(t.key, t.values) : t.raw };
      }));
      expect(rows.every((r) => r.code !== '' && !r.reason.includes('{{'))).toBe(true);
      if (lang === 'zh-CN') for (const r of rows) expect(r.reason, r.code).toMatch(/[\u4e00-\u9fff]/);
      expect(await app.page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
      await alarms.closeImport();
      // The list follows the import (records pair into instances, so the CLI counts them).
      await alarms.waitTotal(list(dataDir).total);
    });

    it(`[${lang}] exports the current filter to CSV and to a printable HTML report`, async () => {
      await alarms.addDevice('NVR-01');
      const expected = list(dataDir, '--device', 'NVR-01');
      await alarms.waitTotal(expected.total);

      const csv = await alarms.export('csv');
      expect(csv.name).toMatch(/^fieldkit-alarms-\d{8}-\d{6}\.csv$/);
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^id,device,/);
      expect(lines).toHaveLength(expected.total + 1);
      expect(lines.slice(1).every((l) => l.split(',')[1] === 'NVR-01')).toBe(true);
      await app.page.getByTestId('alarm-export-status').waitFor();

      const html = await alarms.export('html');
      expect(html.name).toMatch(/\.html$/);
      expect(html.text).toMatch(/^<!doctype html>/i);
      expect(html.text).not.toMatch(/<script/i);
      expect(html.text).toContain('NVR-01');
      expect(html.text).not.toContain('DVR-Warehouse');
      expect(html.text).toContain('门禁 2 号门开锁失败');
      await alarms.resetFilters();
    });

    it(`[${lang}] charts per hour and per device, sync state with gaps, and screenshots with data`, async () => {
      await alarms.addDevice('NVR-01');
      await alarms.waitSettled();
      await alarms.openAlarm(list(dataDir, '--device', 'NVR-01').items.find((i) => i.ackedAt)!.id);
      await app.page.mouse.move(900, 780);
      const shot = join(SHOTS, `${host.name === 'browser' ? '' : `${host.name}-`}${lang}-alarms-data.png`);
      await app.page.screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      await alarms.closeDrawer();
      await alarms.resetFilters();

      await alarms.tab('charts').click();
      await app.page.locator('[data-testid="alarm-charts"][data-status="ready"]').waitFor();
      const perDevice = app.page.getByTestId('alarm-device-chart').locator('.device-bar');
      expect(await perDevice.count()).toBeGreaterThan(5);
      expect(await app.page.getByTestId('alarm-hour-chart').locator('path.bars').getAttribute('d')).toMatch(/^M/);
      const chartShot = join(SHOTS, `${host.name === 'browser' ? '' : `${host.name}-`}${lang}-alarms-data-charts.png`);
      await app.page.screenshot({ path: chartShot, fullPage: true });
      // Choosing a device bar filters the list by it.
      const first = await perDevice.first().getAttribute('data-device');
      await perDevice.first().locator('[role="button"]').click();
      await alarms.waitTotal(list(dataDir, '--device', first!).total);
      await alarms.resetFilters();

      await alarms.tab('sync').click();
      const row = app.page.locator('[data-testid="sync-row"][data-device="NVR-01"]');
      await row.waitFor();
      expect(await row.innerText()).toContain('1005');
      expect(await app.page.locator('[data-testid="sync-row"][data-device="site1-cam-05"]').getAttribute('data-gaps')).toBe('1');
      await alarms.tab('list').click();
    });
  }

  it('the screenshots are PNGs', () => {
    for (const lang of ['en', 'zh-CN']) {
      const bytes = readFileSync(join(SHOTS, `${host.name === 'browser' ? '' : `${host.name}-`}${lang}-alarms-data.png`));
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('logged no page errors and no CSP violations', () => {
    expect(app.errors).toEqual([]);
  });
});
