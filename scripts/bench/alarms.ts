/**
 * Alarm store benchmark (issue 7). Generates N records (default 1,000,000) over 500 devices
 * and one year, then measures in the same run:
 *  - import through AlarmIngest (model rules + indexes + FTS), one transaction per 100k-record "file";
 *  - the same rows through a plain better-sqlite3 INSERT into one table without indexes (the peer, twice:
 *    its faster run counts), and with 3 indexes + the same FTS (second peer);
 *  - SQLite's floor for any searchable store of the rows (FTS of the raise/event texts, with no index,
 *    or one (device, time) index built after the load or kept during it), no validation or model;
 *  - the same rows parsed from JSONL through the file importer (parse + validate + apply);
 *  - filtered list queries (p50/p95), with and without the total count;
 *  - text search latency (p50/p95).
 * Usage: node --import tsx scripts/bench/alarms.ts [--records N] [--devices N] [--keep DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { alarmsService } from '../../src/alarms/service';
import type { AlarmRecordInput } from '../../src/alarms/types';
import type { AlarmFilter } from '../../src/contract';
import { openDatabase } from '../../src/db/open';
import { indexText } from '../../src/logs/store/fts-text';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
}
const N = arg('--records', 1_000_000);
const DEVICES = arg('--devices', 500);
const BATCH = 100_000;

// Deterministic pseudo-random numbers so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

const ALARM_TYPES = [
  ['device-offline', 'critical', 'Camera {n} offline (no reply to ONVIF probe)', '摄像机 {n} 离线'],
  ['signal-loss', 'critical', 'Video loss on channel {n}', '通道 {n} 视频丢失'],
  ['disk-error', 'major', 'HDD {n} S.M.A.R.T. warning', '硬盘 {n} 故障'],
  ['tamper', 'major', 'Tamper detected on camera {n}', '摄像机 {n} 遮挡报警'],
  ['motion', 'warning', 'Motion in zone {n}', '区域 {n} 移动侦测'],
  ['digital-input', 'major', 'Input {n} door contact open', '输入 {n} 门磁打开'],
  ['ip-conflict', 'major', 'IP conflict with {n}', 'IP 地址冲突 {n}'],
] as const;
const EVENT_TYPES = [
  ['door-lock-failed', 'minor', 'Door {n} failed to open', '{n} 号门开锁失败'],
  ['access-denied', 'warning', 'Card {n} denied', '卡 {n} 无权限'],
  ['reboot', 'info', 'Device rebooted (reason {n})', '设备重启 {n}'],
] as const;

function generate(): AlarmRecordInput[] {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = 365 * 24 * 3600 * 1000;
  const step = span / N;
  const ops = new Array<number>(DEVICES).fill(0);
  const open: { se: string; type: (typeof ALARM_TYPES)[number] }[][] = Array.from({ length: DEVICES }, () => []);
  let seq = 0;
  const out: AlarmRecordInput[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const d = Math.floor(rand() * DEVICES);
    // One op_id in 10,000 never arrives: the sync view has gaps to show.
    ops[d]! += rand() < 0.0001 ? 2 : 1;
    const time = new Date(start + i * step + Math.floor(rand() * step)).toISOString().replace('Z', '+00:00');
    const n = 1 + Math.floor(rand() * 64);
    const device = `site${d % 25}-dev${String(d).padStart(3, '0')}`;
    const zh = rand() < 0.3;
    const r = rand();
    const mine = open[d]!;
    if (mine.length && r < 0.45) {
      const o = mine.splice(Math.floor(rand() * mine.length), 1)[0]!;
      out[i] = { device, kind: 'alarm', type: o.type[0], severity: o.type[1], action: 'clear', time, message: `${o.type[0]} cleared`, seId: o.se, opId: ops[d]! };
    } else if (r < 0.75) {
      const t = pick(ALARM_TYPES);
      const se = `${device}-${++seq}`;
      mine.push({ se, type: t });
      out[i] = { device, kind: 'alarm', type: t[0], severity: t[1], action: 'raise', time, message: (zh ? t[3] : t[2]).replace('{n}', String(n)), seId: se, opId: ops[d]! };
    } else {
      const t = pick(EVENT_TYPES);
      out[i] = { device, kind: 'event', type: t[0], severity: t[1], action: 'event', time, message: (zh ? t[3] : t[2]).replace('{n}', String(n)), opId: ops[d]! };
    }
  }
  return out;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function plainInsert(dir: string, rows: AlarmRecordInput[], withIndexes: boolean, run = ''): number {
  const db = new Database(join(dir, `plain-${withIndexes ? 'idx' : 'bare'}${run}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE rows (id INTEGER PRIMARY KEY, device TEXT, op_id INTEGER, se_id TEXT, kind TEXT, type TEXT, severity TEXT, action TEXT, time TEXT, message TEXT)`);
  if (withIndexes) {
    db.exec(`CREATE UNIQUE INDEX r_op ON rows(device, op_id); CREATE INDEX r_time ON rows(time); CREATE INDEX r_dev ON rows(device, time);
             CREATE VIRTUAL TABLE rows_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61');`);
  }
  const ins = db.prepare('INSERT INTO rows(device, op_id, se_id, kind, type, severity, action, time, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const fts = withIndexes ? db.prepare('INSERT INTO rows_fts(rowid, body) VALUES (?, ?)') : null;
  const batch = db.transaction((b: AlarmRecordInput[]) => {
    for (const r of b) {
      const id = ins.run(r.device, r.opId ?? null, r.seId ?? null, r.kind, r.type, r.severity, r.action, r.time, r.message).lastInsertRowid;
      fts?.run(id, indexText([r.type, r.message]));
    }
  });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += BATCH) batch(rows.slice(i, i + BATCH));
  const t = ms(t0);
  db.close();
  return t;
}

/**
 * SQLite's floor for a searchable store of these rows: the same one-table rows with explicit ids, FTS5
 * over the texts of the raises and events only (what becomes an alarm or event instance; a clear adds no
 * new text), written in rowid order with a 16 MB pending-terms hash, no validation and no model. `index`
 * adds the one index a device filter cannot do without, (device, time): `'after'` creates it once at the
 * end (a sort, possible only into an empty database), `'during'` keeps it up to date as an import into an
 * existing database must. No import that validates and keeps the model can be faster than these.
 */
function floorInsert(dir: string, rows: AlarmRecordInput[], index: 'none' | 'after' | 'during'): number {
  const db = new Database(join(dir, `floor-${index}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE rows (id INTEGER PRIMARY KEY, device TEXT, op_id INTEGER, se_id TEXT, kind TEXT, type TEXT, severity TEXT, action TEXT, time TEXT, message TEXT);
           CREATE VIRTUAL TABLE rows_fts USING fts5(body, content='', tokenize='unicode61');
           INSERT INTO rows_fts(rows_fts, rank) VALUES ('hashsize', 16000000);`);
  const deviceIndex = 'CREATE INDEX r_dev ON rows(device, time)';
  if (index === 'during') db.exec(deviceIndex);
  const ins = db.prepare('INSERT INTO rows(id, device, op_id, se_id, kind, type, severity, action, time, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO rows_fts(rowid, body) VALUES (?, ?)');
  const batch = db.transaction((b: AlarmRecordInput[], base: number) => {
    let id = base;
    for (const r of b) ins.run(++id, r.device, r.opId ?? null, r.seId ?? null, r.kind, r.type, r.severity, r.action, r.time, r.message);
    id = base;
    for (const r of b) {
      id++;
      if (r.action !== 'clear') fts.run(id, indexText([r.type, r.message]));
    }
  });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += BATCH) batch(rows.slice(i, i + BATCH), i);
  if (index === 'after') db.exec(deviceIndex);
  const t = ms(t0);
  db.close();
  return t;
}

/**
 * The third peer: exactly the rows FieldKit stored (devices, instances, flow records, operations, the
 * FTS text), plain INSERTs in id order into a fresh database with FieldKit's schema: what the storage
 * costs without the model (duplicates, flows, sync state).
 */
function storedRowsInsert(dir: string, src: Database.Database): number {
  const tables = ['alarm_devices', 'alarms', 'alarm_records', 'alarm_operations'].map((t) => {
    const stmt = src.prepare(`SELECT * FROM ${t} ORDER BY id`);
    return { t, cols: stmt.columns().map((c) => c.name), rows: stmt.raw().all() as unknown[][] };
  });
  const texts = src.prepare('SELECT tkey, type, message FROM alarms ORDER BY tkey').raw().all() as [bigint | number, string, string][];
  const { db } = openDatabase(join(dir, 'stored-rows'));
  db.defaultSafeIntegers(true);
  const t0 = process.hrtime.bigint();
  for (const { t, cols, rows } of tables) {
    const ins = db.prepare(`INSERT INTO ${t}(${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const batch = db.transaction((b: unknown[][]) => {
      for (const r of b) ins.run(r);
    });
    for (let i = 0; i < rows.length; i += BATCH) batch(rows.slice(i, i + BATCH));
  }
  const fts = db.prepare('INSERT INTO alarms_fts(rowid, body) VALUES (?, ?)');
  const ftsBatch = db.transaction((b: [bigint | number, string, string][]) => {
    for (const [tkey, type, message] of b) fts.run(tkey, indexText([type, message]));
  });
  for (let i = 0; i < texts.length; i += BATCH) ftsBatch(texts.slice(i, i + BATCH));
  const t = ms(t0);
  db.close();
  return t;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'fk-bench-alarms-'));
  console.log(`FieldKit alarm benchmark: ${N.toLocaleString('en')} records, ${DEVICES} devices, one year (2024); Node ${process.version}, SQLite ${(new Database(':memory:').prepare('select sqlite_version() v').get() as { v: string }).v}`);
  let t0 = process.hrtime.bigint();
  const rows = generate();
  console.log(`generate: ${fmt(ms(t0))} ms`);

  // The bare peer runs twice and its faster (warm) run counts: the first pays JIT warm-up and file growth.
  const plainRuns = [plainInsert(dir, rows, false, 'a'), plainInsert(dir, rows, false, 'b')];
  const plain = Math.min(...plainRuns);
  const plainIdx = plainInsert(dir, rows, true);
  const floors = (['none', 'after', 'during'] as const).map((index) => floorInsert(dir, rows, index));

  const { db } = openDatabase(dir);
  const svc = alarmsService({ db, clock: { now: () => Date.now() }, onChanged: () => {}, onImportProgress: () => {} });
  t0 = process.hrtime.bigint();
  let imported = 0;
  for (let i = 0; i < rows.length; i += BATCH) imported += svc.ingestLive(rows.slice(i, i + BATCH)).imported;
  const ingest = ms(t0);
  const instances = (db.prepare('SELECT count(*) AS n FROM alarms').get() as { n: number }).n;

  // tkey exceeds 2^53: read and write it as BigInt.
  db.defaultSafeIntegers(true);
  const stored = storedRowsInsert(dir, db);
  db.defaultSafeIntegers(false);

  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`\nImport (one transaction per 100k records, WAL, synchronous=NORMAL); load average now ${load()}`);
  console.log(`  plain better-sqlite3 INSERT, 1 table, no index:   ${fmt(plain)} ms  (${fmt(N / (plain / 1000))} rows/s; runs ${plainRuns.map(fmt).join(' / ')} ms)`);
  console.log(`  plain INSERT + 3 indexes + the same FTS:          ${fmt(plainIdx)} ms`);
  const [floorNone, floorAfter, floorDuring] = floors as [number, number, number];
  console.log(`  floor: the rows + FTS of the raise/event texts, no index:           ${fmt(floorNone)} ms = ${(floorNone / plain).toFixed(2)}× plain`);
  console.log(`  floor: + a (device, time) index built after the load (empty db only): ${fmt(floorAfter)} ms = ${(floorAfter / plain).toFixed(2)}× plain`);
  console.log(`  floor: + the same index kept up to date during the load:            ${fmt(floorDuring)} ms = ${(floorDuring / plain).toFixed(2)}× plain`);
  console.log(`  FieldKit AlarmIngest (model, 2 tables, 7 indexes of which 3 partial, FTS): ${fmt(ingest)} ms  (${fmt(N / (ingest / 1000))} rows/s) → ${(ingest / plain).toFixed(2)}× plain, ${(ingest / plainIdx).toFixed(2)}× plain+indexes`);
  console.log(`  the rows FieldKit stored, plain INSERTs into its schema (no model): ${fmt(stored)} ms → FieldKit ${(ingest / stored).toFixed(2)}× that; that alone is ${(stored / plain).toFixed(2)}× plain`);
  console.log(`  stored: ${imported.toLocaleString('en')} records → ${instances.toLocaleString('en')} instances`);
  console.log(`  issue target: FieldKit ≤ 2× the plain no-index insert → ${ingest / plain <= 2 ? 'met' : 'missed'} (${(ingest / plain).toFixed(2)}×)`);

  // The file path: JSONL text of the same rows (op_ids shifted onto new devices so nothing is a duplicate).
  const fileRows = Math.min(N, 200_000);
  const jsonl = rows.slice(0, fileRows).map((r) => JSON.stringify({ ...r, device: `file-${r.device}` })).join('\n');
  t0 = process.hrtime.bigint();
  const rep = await svc.importText('bench.jsonl', jsonl);
  const fileMs = ms(t0);
  console.log(`  JSONL file import (parse + validate + apply), ${fileRows.toLocaleString('en')} lines in ONE transaction: ${fmt(fileMs)} ms (${fmt(fileRows / (fileMs / 1000))} lines/s), imported ${rep.imported}`);

  const devices = (db.prepare('SELECT name FROM alarm_devices').all() as { name: string }[]).map((r) => r.name);
  const yearStart = Date.parse('2024-01-01T00:00:00Z');
  const iso = (t: number) => new Date(t).toISOString();
  const filters: (() => AlarmFilter)[] = [
    () => ({}),
    () => ({ state: 'active' }),
    () => ({ devices: [pick(devices)] }),
    () => ({ devices: [pick(devices)], state: 'cleared' }),
    () => ({ types: [pick(ALARM_TYPES)[0]] }),
    () => ({ severities: ['critical'] }),
    () => ({ kind: 'event' }),
    () => {
      const from = yearStart + Math.floor(rand() * 360) * 86400e3;
      return { since: iso(from), until: iso(from + 7 * 86400e3) };
    },
    () => {
      const from = yearStart + Math.floor(rand() * 360) * 86400e3;
      return { types: [pick(ALARM_TYPES)[0]], since: iso(from), until: iso(from + 86400e3) };
    },
  ];
  const page: number[] = [];
  const withCount: number[] = [];
  const perFilter = new Map<number, number[]>();
  for (let i = 0; i < 450; i++) {
    const k = i % filters.length;
    const f = filters[k]!();
    let t = process.hrtime.bigint();
    svc.list(f, { limit: 100, countTotal: false });
    const p = ms(t);
    page.push(p);
    (perFilter.get(k) ?? perFilter.set(k, []).get(k)!).push(p);
    t = process.hrtime.bigint();
    svc.list(f, { limit: 100 });
    withCount.push(ms(t));
  }
  console.log('\nFiltered list, first page of 100, newest first (450 queries over 9 filter shapes)');
  console.log(`  page only:         p50 ${fmt(pct(page, 50))} ms, p95 ${fmt(pct(page, 95))} ms, max ${fmt(pct(page, 100))} ms`);
  console.log(`  page + exact total: p50 ${fmt(pct(withCount, 50))} ms, p95 ${fmt(pct(withCount, 95))} ms`);
  const names = ['none', 'state=active', 'one device', 'device+cleared', 'one type', 'severity=critical', 'kind=event', '7-day range', 'type+1 day'];
  console.log(`  p95 per shape: ${[...perFilter].map(([k, xs]) => `${names[k]} ${fmt(pct(xs, 95))}`).join(', ')}`);

  const words = ['offline', 'HDD', 'contact', 'conflict', '视频丢失', '开锁失败', 'zone 17', 'Card 42', 'rebooted', '遮挡'];
  const search: number[] = [];
  const hits: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    const r = svc.list({ text: words[i % words.length] }, { limit: 100, countTotal: i % 2 === 0 });
    search.push(ms(t));
    if (r.total >= 0) hits.push(r.total);
  }
  console.log('\nText search (FTS5 unicode61, CJK spaced, rowid = time key), first page of 100, half of them with the exact total');
  console.log(`  p50 ${fmt(pct(search, 50))} ms, p95 ${fmt(pct(search, 95))} ms (matches per term: ${Math.min(...hits)}..${Math.max(...hits)})`);

  const other: [string, () => unknown][] = [
    ['countByDevice (all)', () => svc.countByDevice()],
    ['histogram per hour (one device, year)', () => svc.histogram({ devices: [pick(devices)] })],
    ['histogram per hour (all, year)', () => svc.histogram()],
    ['sync-status (all devices, gaps)', () => svc.syncStatus()],
  ];
  console.log('\nOther views');
  for (const [name, fn] of other) {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      fn();
      xs.push(ms(t));
    }
    console.log(`  ${name}: median ${fmt(pct(xs, 50))} ms`);
  }
  const { size } = await import('node:fs').then((fs) => fs.statSync(join(dir, 'fieldkit.db')));
  console.log(`\ndatabase file: ${(size / 1e6).toFixed(0)} MB; load average at the end ${load()}`);
  db.close();
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

await main();
