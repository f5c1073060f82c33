import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-alarms-kill-');
afterAll(() => tmp.remove());

const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../../src/${p}`, import.meta.url)));
// Imports a small file (committed), then a large one; reports each progress event synchronously so
// the parent can kill it while the large file's transaction is being written.
const importer = `
import { writeSync } from 'node:fs';
const { openDatabase } = await import(${src('db/open.ts')});
const { alarmsService } = await import(${src('alarms/service.ts')});
const [dataDir, small, big] = process.argv.slice(1);
const { db } = openDatabase(dataDir);
const svc = alarmsService({ db, clock: { now: () => Date.now() }, onChanged: () => {}, onImportProgress: (p) => writeSync(1, JSON.stringify(p) + '\\n') });
await svc.importFile(small);
await svc.importFile(big);
writeSync(1, 'finished\\n');
`;

const BIG = 200_000;

describe('alarm import durability', () => {
  it('kill -9 during a large import leaves an intact database holding all or none of that file', async () => {
    const small = join(tmp.dir, 'small.jsonl');
    const big = join(tmp.dir, 'big.jsonl');
    copyFileSync(new URL('../fixtures/alarms/site-a.jsonl', import.meta.url), small);
    const lines: string[] = [];
    for (let i = 0; i < BIG; i++) {
      const pair = Math.floor(i / 2);
      lines.push(JSON.stringify({
        device: `bulk-${pair % 40}`, op_id: Math.floor(pair / 40) * 2 + (i % 2) + 1, se_id: `se-${pair}`, kind: 'alarm', type: 'device-offline', severity: 'critical',
        action: i % 2 ? 'clear' : 'raise', time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(), message: `camera ${pair % 97} offline 离线`,
      }));
    }
    writeFileSync(big, lines.join('\n'));

    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', importer, tmp.dir, small, big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let buf = '';
    let killedAt = -1;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) {
          if (l === 'finished') return reject(new Error('the import finished before it could be killed'));
          const p = JSON.parse(l) as { file: string; phase: string; done: number };
          if (p.file === 'big.jsonl' && p.phase === 'applying' && p.done >= 10_000 && killedAt < 0) {
            killedAt = p.done;
            child.kill('SIGKILL');
          }
        }
      });
      child.on('exit', (code, sig) => (sig === 'SIGKILL' ? resolve() : reject(new Error(`importer exited ${code}: ${stderr}`))));
    });
    expect(killedAt).toBeGreaterThanOrEqual(10_000);

    const { db } = openDatabase(tmp.dir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      // The small file committed before the kill is all there.
      expect(n("SELECT count(*) AS n FROM alarm_records r JOIN alarm_devices d ON d.id = r.device_id WHERE d.name IN ('NVR-01', 'ACS-Lobby')")).toBe(7);
      // The big file is all or nothing: it was killed mid-transaction, so nothing.
      const bulk = n("SELECT count(*) AS n FROM alarm_records r JOIN alarm_devices d ON d.id = r.device_id WHERE d.name LIKE 'bulk-%'");
      expect([0, BIG]).toContain(bulk);
      expect(bulk).toBe(0);
      expect(n("SELECT count(*) AS n FROM alarm_devices WHERE name LIKE 'bulk-%'")).toBe(0);
      // FTS and instances agree with each other.
      expect(n('SELECT count(*) AS n FROM alarms')).toBe(n('SELECT count(*) AS n FROM alarms_fts'));
    } finally {
      db.close();
    }

    // Importing the same file again afterwards works and is complete.
    const { db: db2 } = openDatabase(tmp.dir);
    const { alarmsService } = await import('../../src/alarms/service');
    const svc = alarmsService({ db: db2, clock: { now: () => Date.now() }, onChanged: () => {}, onImportProgress: () => {} });
    const rep = await svc.importFile(big);
    expect(rep).toMatchObject({ imported: BIG, duplicates: 0, gaps: [] });
    expect(svc.list({ state: 'cleared', devices: ['bulk-0'] }, { limit: 1 }).total).toBe(BIG / 2 / 40);
    expect(svc.list({ state: 'active' }).items.filter((i) => i.device.startsWith('bulk-'))).toEqual([]);
    db2.close();
  }, 180_000);
});
