/**
 * `npm run bench -- alarms-ui`: the Alarms page of the browser host over a data dir holding one
 * million alarm instances (issue 7: first rows of 1M within 500 ms; scrolling without long tasks).
 *
 * 1. Generates the data with the core's own ingest path (AlarmIngest through the alarms service,
 *    one transaction per 100k records): 500 devices over 2024, raises (half of them cleared
 *    later), events, a few lost op_ids. Instances, not records, are counted to reach the target.
 * 2. Starts `fieldkit serve` on that data dir and headless Chromium (loopback only).
 * 3. Measures, in the page:
 *    - cold start: navigation start → first alarm rows painted, with a fresh browser context
 *      each time (fresh store, fresh WebSocket), opening #/alarms directly;
 *    - the page's own figure for the list call (request → rows in the store, `data-first-rows-ms`);
 *    - filter changes: input event → first rows of the new query painted;
 *    - jumps deep into the list (middle, end): scroll → no placeholder row left on screen;
 *    - scrolling: wheel, scrollbar-drag-like jumps and keyboard paging, with a PerformanceObserver
 *      on 'longtask' (main-thread tasks over 50 ms of wall time), a Chromium trace of the same run
 *      for the CPU time of each main-thread task, and the longest gap between animation frames.
 *
 * Options: --instances N (default 1000000), --data-dir DIR (reuse a generated dir), --keep,
 * --runs N (cold starts, default 7).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { alarmsService } from '../../src/alarms/service';
import type { AlarmRecordInput } from '../../src/alarms/types';
import { openDatabase } from '../../src/db/open';
import { launchChromium, startServe, waitConnected } from '../../test/e2e/app';

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const TARGET = Number(opt('--instances') ?? 1_000_000);
const RUNS = Number(opt('--runs') ?? 7);
const DEVICES = 500;
const BATCH = 100_000;

let seed = 20240101;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const TYPES = [
  ['device-offline', 'critical', 'Camera {n} offline (no reply to ONVIF probe)', '摄像机 {n} 离线'],
  ['signal-loss', 'critical', 'Video loss on channel {n}', '通道 {n} 视频丢失'],
  ['disk-error', 'major', 'HDD {n} S.M.A.R.T. warning', '硬盘 {n} 故障'],
  ['tamper', 'major', 'Tamper detected on camera {n}', '摄像机 {n} 遮挡报警'],
  ['motion', 'warning', 'Motion in zone {n}', '区域 {n} 移动侦测'],
] as const;
const EVENTS = [
  ['door-lock-failed', 'minor', 'Door {n} failed to open', '{n} 号门开锁失败'],
  ['reboot', 'info', 'Device rebooted (reason {n})', '设备重启 {n}'],
] as const;

/** Yields batches of records whose raises and events make `target` instances in all. */
function* records(target: number): Generator<AlarmRecordInput[]> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const step = (365 * 86_400_000) / target;
  const ops = new Array<number>(DEVICES).fill(0);
  const open: { se: string; t: (typeof TYPES)[number] }[][] = Array.from({ length: DEVICES }, () => []);
  let batch: AlarmRecordInput[] = [];
  for (let i = 0; i < target; i++) {
    const d = Math.floor(rand() * DEVICES);
    const device = `site${d % 25}-dev${String(d).padStart(3, '0')}`;
    const time = new Date(start + i * step).toISOString().replace('Z', '+00:00');
    const n = 1 + Math.floor(rand() * 64);
    const zh = rand() < 0.3;
    const nextOp = () => (ops[d]! += rand() < 0.0001 ? 2 : 1);
    // Close one of the device's open alarms first, half of the time (a clear makes no instance).
    const mine = open[d]!;
    if (mine.length && rand() < 0.5) {
      const o = mine.splice(Math.floor(rand() * mine.length), 1)[0]!;
      batch.push({ device, kind: 'alarm', type: o.t[0], severity: o.t[1], action: 'clear', time, message: `${o.t[0]} cleared`, seId: o.se, opId: nextOp() });
    }
    if (rand() < 0.75) {
      const t = TYPES[Math.floor(rand() * TYPES.length)]!;
      const se = `${device}-${i}`;
      mine.push({ se, t });
      batch.push({ device, kind: 'alarm', type: t[0], severity: t[1], action: 'raise', time, message: (zh ? t[3] : t[2]).replace('{n}', String(n)), seId: se, opId: nextOp() });
    } else {
      const t = EVENTS[Math.floor(rand() * EVENTS.length)]!;
      batch.push({ device, kind: 'event', type: t[0], severity: t[1], action: 'event', time, message: (zh ? t[3] : t[2]).replace('{n}', String(n)), opId: nextOp() });
    }
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function ensureData(dir: string): number {
  const { db } = openDatabase(dir);
  try {
    const have = (db.prepare('SELECT count(*) AS n FROM alarms').get() as { n: number }).n;
    if (have >= TARGET) return have;
    if (have > 0) throw new Error(`${dir} holds ${have} alarms, fewer than ${TARGET}: use an empty dir`);
    const svc = alarmsService({ db, clock: { now: () => Date.now() }, onChanged: () => undefined, onImportProgress: () => undefined });
    const t0 = performance.now();
    let n = 0;
    for (const b of records(TARGET)) {
      n += svc.ingestLive(b).imported;
      process.stdout.write(`\r  generating: ${n.toLocaleString('en')} records`);
    }
    const count = (db.prepare('SELECT count(*) AS n FROM alarms').get() as { n: number }).n;
    console.log(`\r  generated ${n.toLocaleString('en')} records → ${count.toLocaleString('en')} instances in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return count;
  } finally {
    db.close();
  }
}

/** Installed before the app loads: long-task observer, first-rows stamp, frame gaps. */
const PAGE_PROBES = () => {
  const w = window as unknown as { __fk: { longtasks: { start: number; duration: number }[]; firstRows: number | null; frames: number[] } };
  w.__fk = { longtasks: [], firstRows: null, frames: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__fk.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const mo = new MutationObserver(() => {
    if (w.__fk.firstRows === null && document.querySelector('[data-testid="alarm-row"]')) {
      // The frame after the DOM change is when the rows are on screen.
      requestAnimationFrame(() => {
        w.__fk.firstRows ??= performance.now();
      });
      mo.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { childList: true, subtree: true }));
  const tick = (t: number) => {
    w.__fk.frames.push(t);
    if (w.__fk.frames.length > 20_000) w.__fk.frames.splice(0, 10_000);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const f0 = (x: number) => x.toFixed(0);

/** One change to a filter control, done inside the page (the CSP forbids eval, so no code strings). */
type Action = { select: string; value: string } | { click: string } | { text: string };

/** Applies filter actions; ms until the new query's first rows are painted, and until its exact count is shown. */
async function timeFilter(page: Page, actions: Action[]): Promise<{ rows: number; count: number }> {
  return page.evaluate(async (acts) => {
    const grid = () => document.querySelector('[data-testid="alarm-grid"]');
    const before = grid()?.getAttribute('data-total');
    const setValue = (el: HTMLInputElement | HTMLSelectElement, v: string) => {
      // React tracks the value through the prototype setter.
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!.call(el, v);
    };
    const t0 = performance.now();
    for (const a of acts) {
      if ('select' in a) {
        const el = document.querySelector(`[data-testid="${a.select}"]`) as HTMLSelectElement;
        setValue(el, a.value);
        el.dispatchEvent(new Event('change', { bubbles: true }));
      } else if ('click' in a) (document.querySelector(a.click) as HTMLElement).click();
      else {
        const el = document.querySelector('[data-testid="alarm-filter-text"]') as HTMLInputElement;
        setValue(el, a.text);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }
    }
    let rowsAt: number | null = null;
    return new Promise<{ rows: number; count: number }>((resolve, reject) => {
      const until = t0 + 30_000;
      const check = () => {
        const g = grid();
        const busy = g?.getAttribute('aria-busy') === 'true';
        const rows = g?.querySelectorAll('[data-testid="alarm-row"]').length ?? 0;
        const empty = document.querySelector('[data-testid="page-alarms"] [data-testid="empty-state"]');
        const now = performance.now();
        // The new query's first rows: the grid is no longer busy and shows rows (its count may still be coming).
        if (rowsAt === null && ((!busy && rows > 0 && g?.getAttribute('data-total') !== before) || empty)) rowsAt = now;
        if (rowsAt !== null && (empty || g?.getAttribute('data-counting') === 'false')) return resolve({ rows: rowsAt - t0, count: now - t0 });
        if (now > until) return reject(new Error('no rows within 30 s'));
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, actions);
}

/** Scrolls the grid to a row and returns ms until no placeholder row is left on screen. */
async function timeJump(page: Page, fraction: number): Promise<number> {
  return page.evaluate(async (f) => {
    const g = document.querySelector('[data-testid="alarm-grid"]') as HTMLElement;
    const t0 = performance.now();
    g.scrollTop = (g.scrollHeight - g.clientHeight) * f;
    return new Promise<number>((resolve) => {
      const check = () => {
        const rows = g.querySelectorAll('.alarm-row');
        const loading = g.querySelectorAll('.alarm-row.is-loading');
        if (rows.length > 0 && loading.length === 0) resolve(performance.now() - t0);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, fraction);
}

interface ScrollStats {
  longtasks: number;
  longestTask: number;
  totalTaskMs: number;
  longestFrameGap: number;
  frames: number;
  ms: number;
  /** From a Chromium trace of the same run: main-thread tasks over 50 ms of CPU time, and the most CPU one task took. */
  cpuLongTasks: number;
  maxTaskCpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
}

/**
 * Main-thread tasks of a trace. A long task in the PerformanceObserver sense is wall time, which
 * on a busy machine includes time the renderer was not scheduled at all; the trace's thread time
 * (`tdur`) tells the page's own work apart from that.
 */
function mainThreadTasks(events: TraceEvent[]): TraceEvent[] {
  const counts = new Map<string, number>();
  for (const e of events) if (e.name === 'UpdateLayoutTree' || e.name === 'Layout') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'RunTask' && e.ph === 'X' && e.dur);
}

async function measureScroll(browser: Browser, page: Page, run: () => Promise<void>): Promise<ScrollStats> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const mark = await page.evaluate(() => performance.now());
  await run();
  const end = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const cpu = mainThreadTasks(trace.traceEvents).map((e) => (e.tdur ?? 0) / 1000);
  const stats = await page.evaluate(
    ({ from, to }) => {
      const w = window as unknown as { __fk: { longtasks: { start: number; duration: number }[]; frames: number[] } };
      const tasks = w.__fk.longtasks.filter((t) => t.start >= from && t.start <= to);
      const frames = w.__fk.frames.filter((t) => t >= from && t <= to);
      let gap = 0;
      for (let i = 1; i < frames.length; i++) gap = Math.max(gap, frames[i]! - frames[i - 1]!);
      return {
        longtasks: tasks.length,
        longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
        totalTaskMs: tasks.reduce((n, t) => n + t.duration, 0),
        longestFrameGap: gap,
        frames: frames.length,
        ms: to - from,
      };
    },
    { from: mark, to: end },
  );
  return { ...stats, cpuLongTasks: cpu.filter((x) => x > 50).length, maxTaskCpu: cpu.reduce((m, x) => Math.max(m, x), 0) };
}

async function main(): Promise<void> {
  const given = opt('--data-dir');
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'fieldkit-bench-alarms-ui-'));
  if (given && !existsSync(given)) throw new Error(`${given} does not exist`);
  console.log(`FieldKit alarms UI benchmark: ${TARGET.toLocaleString('en')} alarm instances, ${DEVICES} devices, Node ${process.version}`);
  const instances = ensureData(dataDir);
  const serve = await startServe(dataDir);
  const browser = await launchChromium();
  const out: string[] = [];
  const say = (s: string) => {
    console.log(s);
    out.push(s);
  };
  try {
    const url = `${serve.url}#/alarms`;
    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // tsx names functions with an esbuild helper; functions sent to the page need it too.
      await context.addInitScript({ content: 'window.__name = (f) => f;' });
      await context.addInitScript(PAGE_PROBES);
      return { context, page: await context.newPage() };
    };
    const open = async () => {
      const { context, page } = await newPage();
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __fk: { firstRows: number | null } }).__fk.firstRows !== null, undefined, { timeout: 60_000 });
      const firstRowsAt = await page.evaluate(() => (window as unknown as { __fk: { firstRows: number } }).__fk.firstRows);
      // The exact count follows the first rows; wait for it before reading the total.
      await page.locator('[data-testid="alarm-grid"][data-counting="false"]').waitFor({ timeout: 60_000 });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const grid = document.querySelector('[data-testid="alarm-grid"]');
        return {
          domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
          listCall: Number(grid?.getAttribute('data-first-rows-ms')),
          total: Number(grid?.getAttribute('data-total')),
        };
      });
      return { context, page, firstRows: firstRowsAt, ...r };
    };

    say(`\n| measurement | median | all runs (ms) |\n| --- | --- | --- |`);
    const cold: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await open();
      cold.push(s);
      if (i < RUNS - 1) await s.context.close();
    }
    const row = (name: string, xs: number[]) => say(`| ${name} | ${f0(median(xs))} ms | ${xs.map(f0).join(', ')} |`);
    row('page load → first rows painted (cold, #/alarms)', cold.map((c) => c.firstRows));
    row('  of which: HTML+JS until DOMContentLoaded', cold.map((c) => c.domContentLoaded));
    row('  of which: alarms.list call (request → rows in store)', cold.map((c) => c.listCall));
    const total = cold[0]!.total;

    // Warm: the app is up on another page; the Alarms page opens with a fresh store (first visit).
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { context, page } = await newPage();
      await page.goto(`${serve.url}#/system`);
      await waitConnected(page);
      await page.getByTestId('system-data-dir').waitFor();
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            const mo = new MutationObserver(() => {
              if (!document.querySelector('[data-testid="alarm-row"]')) return;
              mo.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - t0));
            });
            mo.observe(document.body, { childList: true, subtree: true });
            (document.querySelector('[data-testid="nav-alarms"]') as HTMLElement).click();
          }),
      );
      warm.push(ms);
      await context.close();
    }
    row('click "Alarms" in the sidebar → first rows painted (app running, first visit)', warm);

    const { page } = cold[cold.length - 1]!;
    const state = (value: string): Action => ({ select: 'alarm-filter-state', value });
    const kind = (value: string): Action => ({ select: 'alarm-filter-kind', value });
    const critical: Action = { click: '[data-severity="critical"]' };
    const filters: [string, Action[]][] = [
      ['state = active', [state('active')]],
      ['state = cleared', [state('cleared')]],
      ['state = all, kind = event', [state('all'), kind('event')]],
      ['kind = event, severity = critical (0 rows)', [critical]],
      ['kind = all, severity = critical', [kind('all')]],
      ['severity = all, text "离线" (trigram FTS)', [critical, { text: '离线' }]],
      ['text "offline" (trigram FTS)', [{ text: 'offline' }]],
      ['no filter', [{ text: '' }]],
    ];
    say(`\n| filter change (one at a time) | → first rows painted | → exact count shown |\n| --- | --- | --- |`);
    for (const [name, acts] of filters) {
      const r = await timeFilter(page, acts);
      say(`| ${name} | ${f0(r.rows)} ms | ${f0(r.count)} ms |`);
    }

    say(`\n| jump (scrollbar) → every row on screen loaded | ms |\n| --- | --- |`);
    for (const f of [0.5, 1, 0.25, 0.75, 0.001]) say(`| to ${(f * 100).toFixed(1)} % of ${total.toLocaleString('en')} rows | ${f0(await timeJump(page, f))} |`);

    const grid = page.getByTestId('alarm-grid');
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const wheel = await measureScroll(browser, page, async () => {
      for (let i = 0; i < 300; i++) {
        await page.mouse.wheel(0, 240);
        await page.waitForTimeout(16);
      }
    });
    const drag = await measureScroll(browser, page, async () => {
      for (let i = 0; i < 60; i++) {
        await page.evaluate((f) => {
          const g = document.querySelector('[data-testid="alarm-grid"]') as HTMLElement;
          g.scrollTop = (g.scrollHeight - g.clientHeight) * f;
        }, (i * 0.37) % 1);
        await page.waitForTimeout(50);
      }
    });
    const keys = await measureScroll(browser, page, async () => {
      await grid.focus();
      for (let i = 0; i < 120; i++) await page.keyboard.press(i % 40 === 39 ? 'End' : 'PageDown');
    });
    say(
      `\n| scrolling | duration | frames | long tasks (>50 ms wall, PerformanceObserver) | longest | tasks >50 ms of CPU (trace) | most CPU in one task | longest gap between frames |\n| --- | --- | --- | --- | --- | --- | --- | --- |`,
    );
    for (const [name, s] of [
      ['wheel, 300 × 240 px at ~60 Hz', wheel],
      ['scrollbar jumps, 60 × anywhere in 1M rows, every 50 ms', drag],
      ['keyboard, 120 × Page Down / End', keys],
    ] as const) {
      say(
        `| ${name} | ${f0(s.ms)} ms | ${s.frames} | ${s.longtasks}${s.longtasks ? ` (${f0(s.totalTaskMs)} ms in all)` : ''} | ${s.longtasks ? `${f0(s.longestTask)} ms` : '—'} | ${s.cpuLongTasks} | ${s.maxTaskCpu.toFixed(1)} ms | ${f0(s.longestFrameGap)} ms |`,
      );
    }
    say(`\ndata: ${instances.toLocaleString('en')} instances in ${dataDir}; list total shown: ${total.toLocaleString('en')}`);
  } finally {
    await browser.close().catch(() => undefined);
    await serve.stop();
    if (!given && !process.argv.includes('--keep')) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`kept ${dataDir}`);
  }
}

await main();
