import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-dur-');
afterAll(() => tmp.remove());

// A writer acknowledges each committed transaction on stdout; we kill -9 it
// mid-stream and check that every acknowledged row is in the database.
const writer = `
const { openDatabase } = await import(${JSON.stringify(fileURLToPath(new URL('../../src/db/open.ts', import.meta.url)))});
const { db } = openDatabase(process.argv[1]);
const put = db.prepare("INSERT INTO settings(key, value, updated_at) VALUES (?, '1', 'x')");
const batch = db.transaction((i) => { for (let j = 0; j < 50; j++) put.run('k' + i + '-' + j); });
for (let i = 0; ; i++) { batch(i); process.stdout.write(i + '\\n'); }
`;

describe('database durability', () => {
  it('keeps every acknowledged transaction after kill -9', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer, tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = -1;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) acked = Number(l);
        if (acked >= 200 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (c, sig) => (sig === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${c}: ${stderr}`))));
    });
    await new Promise((r) => child.once('close', r));
    const { db } = openDatabase(tmp.dir);
    const n = (db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'k%'").get() as { n: number }).n;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every acknowledged batch is there, whole; at most the one in flight is missing.
    expect(n).toBeGreaterThanOrEqual((acked + 1) * 50);
    expect(n % 50).toBe(0);
    db.close();
  });
});
