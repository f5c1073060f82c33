import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-start-');
afterAll(() => tmp.remove());

// Where Electron's binary is installed, `npm start` opens the desktop window instead.
const electronInstalled = existsSync('node_modules/electron/path.txt');

describe.skipIf(electronInstalled)('npm start without Electron', () => {
  it('says so in one line and serves the UI to the browser', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--data-dir', tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 90_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /^FieldKit UI: (\S+)$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (c) => reject(new Error(`start exited ${c}: ${out}`)));
    });
    try {
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^FieldKit: the desktop window is unavailable on this machine \(.+\); serving the same UI to your browser instead\.$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  });
});
