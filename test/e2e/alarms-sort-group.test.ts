import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AlarmImportReport, AlarmItem } from '../../src/contract';
import { describeHosts, REPO_ROOT, type AppSession } from './app';
import { AlarmsSortGroupPageObject, type AlarmSortColumn } from './pages/alarms-sort-group';

/**
 * Sorting the alarm list by each column both ways, and "group by device", end to end: a small site
 * is imported with the CLI (`fieldkit alarms import`, one alarm acknowledged with `fieldkit alarms
 * ack`), then the page is driven by its column headers and the grouping switch. The expected orders
 * are written out by hand from the seed below, so a wrong sort in the core or the page fails.
 */

const CLI = join(REPO_ROOT, 'bin/fieldkit');

function cli<T>(dataDir: string, ...args: string[]): T {
  const r = spawnSync(CLI, ['--data-dir', dataDir, 'alarms', ...args, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`fieldkit alarms ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

type Rec = { device: string; op_id: number; se_id?: string; kind: 'alarm' | 'event'; type: string; severity: string; action: 'raise' | 'clear' | 'event'; time: string; message: string };

/**
 * Eight instances on three devices; each message starts with its tag. Raise times in UTC:
 * M7 08:00, M1 09:00, M2 09:30, M3 10:00 (written 18:00+08:00: a string sort would put it last),
 * M4 10:30, M5 11:00, M6 11:30, M8 12:00. States: M1, M7 cleared; M2, M6 events; M4 acknowledged
 * after import; M3, M5, M8 active.
 */
const SEED: Rec[] = [
  { device: 'nvr-01', op_id: 1, se_id: 'nvr-cam4', kind: 'alarm', type: 'device-offline', severity: 'critical', action: 'raise', time: '2024-03-12T08:00:00Z', message: 'M7 camera 4 offline' },
  { device: 'nvr-01', op_id: 2, se_id: 'nvr-cam4', kind: 'alarm', type: 'device-offline', severity: 'critical', action: 'clear', time: '2024-03-12T08:20:00Z', message: 'M7 camera 4 online' },
  { device: 'gate-cam', op_id: 1, se_id: 'gate-tamper', kind: 'alarm', type: 'tamper', severity: 'major', action: 'raise', time: '2024-03-12T09:00:00Z', message: 'M1 tamper on gate camera' },
  { device: 'gate-cam', op_id: 2, se_id: 'gate-tamper', kind: 'alarm', type: 'tamper', severity: 'major', action: 'clear', time: '2024-03-12T09:05:00Z', message: 'M1 tamper cleared' },
  { device: 'gate-cam', op_id: 3, kind: 'event', type: 'motion', severity: 'warning', action: 'event', time: '2024-03-12T09:30:00Z', message: 'M2 motion in zone 1' },
  { device: 'lobby-cam', op_id: 1, se_id: 'lobby-vloss', kind: 'alarm', type: 'video-loss', severity: 'critical', action: 'raise', time: '2024-03-12T18:00:00+08:00', message: 'M3 video loss on lobby camera' },
  { device: 'lobby-cam', op_id: 2, se_id: 'lobby-tamper', kind: 'alarm', type: 'tamper', severity: 'major', action: 'raise', time: '2024-03-12T10:30:00Z', message: 'M4 tamper on lobby camera' },
  { device: 'nvr-01', op_id: 3, se_id: 'nvr-hdd2', kind: 'alarm', type: 'disk-error', severity: 'minor', action: 'raise', time: '2024-03-12T11:00:00Z', message: 'M5 HDD 2 SMART warning' },
  { device: 'nvr-01', op_id: 4, kind: 'event', type: 'reboot', severity: 'info', action: 'event', time: '2024-03-12T11:30:00Z', message: 'M6 NVR rebooted' },
  { device: 'gate-cam', op_id: 4, se_id: 'gate-offline', kind: 'alarm', type: 'device-offline', severity: 'critical', action: 'raise', time: '2024-03-12T12:00:00Z', message: 'M8 gate camera offline' },
];

/**
 * Row order per column and direction. Ties within a column are newest first, whichever the
 * direction (the core breaks ties on the time key, descending). State sorts in lifecycle order:
 * active < acknowledged < cleared < event, the same in every language.
 */
const ORDER: Record<AlarmSortColumn, { asc: string[]; desc: string[] }> = {
  time: { asc: ['M7', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M8'], desc: ['M8', 'M6', 'M5', 'M4', 'M3', 'M2', 'M1', 'M7'] },
  severity: { asc: ['M6', 'M2', 'M5', 'M4', 'M1', 'M8', 'M3', 'M7'], desc: ['M8', 'M3', 'M7', 'M4', 'M1', 'M5', 'M2', 'M6'] },
  device: { asc: ['M8', 'M2', 'M1', 'M4', 'M3', 'M6', 'M5', 'M7'], desc: ['M6', 'M5', 'M7', 'M4', 'M3', 'M8', 'M2', 'M1'] },
  type: { asc: ['M8', 'M7', 'M5', 'M2', 'M6', 'M4', 'M1', 'M3'], desc: ['M3', 'M4', 'M1', 'M6', 'M2', 'M5', 'M8', 'M7'] },
  state: { asc: ['M8', 'M5', 'M3', 'M4', 'M1', 'M7', 'M6', 'M2'], desc: ['M6', 'M2', 'M1', 'M7', 'M4', 'M8', 'M5', 'M3'] },
};

/** What each row shows in English, by tag. */
const SHOWN: Record<string, { device: string; type: string; severity: string; state: string }> = {
  M1: { device: 'gate-cam', type: 'tamper', severity: 'Major', state: 'Cleared' },
  M2: { device: 'gate-cam', type: 'motion', severity: 'Warning', state: 'Event' },
  M3: { device: 'lobby-cam', type: 'video-loss', severity: 'Critical', state: 'Active' },
  M4: { device: 'lobby-cam', type: 'tamper', severity: 'Major', state: 'Acknowledged' },
  M5: { device: 'nvr-01', type: 'disk-error', severity: 'Minor', state: 'Active' },
  M6: { device: 'nvr-01', type: 'reboot', severity: 'Info', state: 'Event' },
  M7: { device: 'nvr-01', type: 'device-offline', severity: 'Critical', state: 'Cleared' },
  M8: { device: 'gate-cam', type: 'device-offline', severity: 'Critical', state: 'Active' },
};

/** Polls until the page shows what is expected (a reload of the list answers well within this). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** A column clicked first sorts newest / most severe first, names A→Z; a second click flips it. */
const FIRST_CLICK: Record<AlarmSortColumn, 'asc' | 'desc'> = { time: 'desc', severity: 'desc', device: 'asc', type: 'asc', state: 'asc' };

describeHosts('Alarms page sort and group by device', (host) => {
  let app: AppSession;
  let alarms: AlarmsSortGroupPageObject;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-alarms-sort-'));
    const file = join(dataDir, 'site.jsonl');
    writeFileSync(file, `${SEED.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const report = cli<AlarmImportReport>(dataDir, 'import', file);
    expect(report.rejected).toEqual([]);
    const m4 = cli<{ items: AlarmItem[] }>(dataDir, 'list', '--device', 'lobby-cam', '--type', 'tamper').items;
    expect(m4).toHaveLength(1);
    cli(dataDir, 'ack', String(m4[0]!.id), '--by', 'Zhang Wei');
    expect(cli<{ total: number }>(dataDir, 'list').total).toBe(8);
    app = await host.launch({ dataDir });
    alarms = new AlarmsSortGroupPageObject(app.page);
    await alarms.open();
    await alarms.waitTotal(8);
  });
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts sorted by time, newest first, and shows each row\'s cells in English', async () => {
    expect(await alarms.ariaSort('time')).toBe('descending');
    await eventually(() => alarms.rowTags()).toEqual(ORDER.time.desc);
    const lines = await alarms.lines();
    expect(lines.map((l) => (l.kind === 'row' ? { device: l.device, type: l.type, severity: l.severity, state: l.state } : l))).toEqual(
      ORDER.time.desc.map((tag) => SHOWN[tag]),
    );
    expect(await alarms.totalText()).toBe('Matching: 8');
  });

  for (const column of ['time', 'severity', 'device', 'type', 'state'] as const) {
    it(`sorts by ${column} both ways from its header`, async () => {
      const first = FIRST_CLICK[column];
      const second = first === 'asc' ? 'desc' : 'asc';
      // Time is already the sort column (newest first): its first click flips it.
      const clicks: Array<'asc' | 'desc'> = column === 'time' ? ['asc', 'desc'] : [first, second];
      for (const order of clicks) {
        await alarms.clickSort(column);
        await eventually(() => alarms.ariaSort(column)).toBe(order === 'asc' ? 'ascending' : 'descending');
        await eventually(() => alarms.rowTags()).toEqual(ORDER[column][order]);
        await alarms.waitTotal(8);
        expect(await alarms.rowTags()).toEqual(ORDER[column][order]);
        // textContent: the header's CSS draws it in capitals.
        expect(await alarms.sortButton(column).textContent()).toBe(`${column[0]!.toUpperCase()}${column.slice(1)}${order === 'asc' ? '▲' : '▼'}`);
        // Only the sorted column says so.
        for (const other of ['time', 'severity', 'device', 'type', 'state'] as const) if (other !== column) expect(await alarms.ariaSort(other)).toBeNull();
      }
    });
  }

  it('groups by device: headings with counts by state, most alarms first, collapsed until opened', async () => {
    // Back to the default sort: time, newest first.
    await alarms.clickSort('time');
    await eventually(() => alarms.ariaSort('time')).toBe('descending');
    await alarms.setGrouped(true);
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', '# nvr-01', '# lobby-cam']);
    await alarms.waitTotal(8);
    expect(await alarms.totalText()).toBe('Matching: 8 on 3 devices');
    const heads = await alarms.lines();
    expect(heads).toEqual([
      { kind: 'group', device: 'gate-cam', counts: '3 · active 1 · acknowledged 0 · cleared 1 · events 1', expanded: false },
      { kind: 'group', device: 'nvr-01', counts: '3 · active 1 · acknowledged 0 · cleared 1 · events 1', expanded: false },
      { kind: 'group', device: 'lobby-cam', counts: '2 · active 1 · acknowledged 1 · cleared 0 · events 0', expanded: false },
    ]);
    expect(await alarms.group('gate-cam').innerText()).toBe('▸ gate-cam 3 · active 1 · acknowledged 0 · cleared 1 · events 1');

    // Opening one heading shows its rows under it, in the list's sort order.
    await alarms.group('lobby-cam').click();
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', '# nvr-01', '# lobby-cam', 'M4', 'M3']);
    expect(await alarms.group('lobby-cam').getAttribute('aria-expanded')).toBe('true');
    await alarms.group('gate-cam').click();
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', 'M8', 'M2', 'M1', '# nvr-01', '# lobby-cam', 'M4', 'M3']);
    await alarms.group('lobby-cam').click();
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', 'M8', 'M2', 'M1', '# nvr-01', '# lobby-cam']);

    await alarms.toolbarButton('Expand all');
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', 'M8', 'M2', 'M1', '# nvr-01', 'M6', 'M5', 'M7', '# lobby-cam', 'M4', 'M3']);
  });

  it('sorts inside each group, and the groups follow the filter', async () => {
    await alarms.clickSort('severity');
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', 'M8', 'M1', 'M2', '# nvr-01', 'M7', 'M5', 'M6', '# lobby-cam', 'M3', 'M4']);
    await alarms.clickSort('severity');
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', 'M2', 'M1', 'M8', '# nvr-01', 'M6', 'M5', 'M7', '# lobby-cam', 'M4', 'M3']);

    // Only active alarms: one per device, so the tie on count falls back to the name.
    await alarms.setState('active');
    await eventually(() => alarms.lines().then((ls) => ls.filter((l) => l.kind === 'group'))).toEqual([
      { kind: 'group', device: 'gate-cam', counts: '1 · active 1 · acknowledged 0 · cleared 0 · events 0', expanded: true },
      { kind: 'group', device: 'lobby-cam', counts: '1 · active 1 · acknowledged 0 · cleared 0 · events 0', expanded: true },
      { kind: 'group', device: 'nvr-01', counts: '1 · active 1 · acknowledged 0 · cleared 0 · events 0', expanded: true },
    ]);
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', 'M8', '# lobby-cam', 'M3', '# nvr-01', 'M5']);
    await alarms.waitTotal(3);
    expect(await alarms.totalText()).toBe('Matching: 3 on 3 devices');
    await alarms.resetFilters();
    await alarms.waitTotal(8);

    await alarms.toolbarButton('Collapse all');
    await eventually(() => alarms.outline()).toEqual(['# gate-cam', '# nvr-01', '# lobby-cam']);
  });

  it('names the grouping in Chinese', async () => {
    await alarms.shell.setLanguage('zh-CN');
    await eventually(() => alarms.group('lobby-cam').locator('.group-counts').innerText()).toBe('2 · 未确认 1 · 已确认 1 · 已消除 0 · 事件 0');
    expect(await alarms.totalText()).toBe('符合条件：8 条，涉及 3 台设备');
    expect(await alarms.groupToggle().locator('xpath=..').innerText()).toBe('按设备分组');
    await alarms.shell.setLanguage('en');
  });

  it('turning grouping off gives the flat list back in the current sort', async () => {
    await alarms.setGrouped(false);
    await eventually(() => alarms.outline()).toEqual(ORDER.severity.asc);
    await alarms.waitTotal(8);
    expect(await alarms.totalText()).toBe('Matching: 8');
    expect(app.errors).toEqual([]);
  });
});
