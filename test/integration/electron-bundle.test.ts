import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Electron itself cannot run here (no binary); this proves main and preload
// bundle and that the sandboxed preload needs nothing but electron.
describe('electron bundles', () => {
  it('build, and the preload requires only electron', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'pipe' });
    const preload = readFileSync('dist-electron/preload.cjs', 'utf8');
    const requires = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld("fieldkit"');
    const main = readFileSync('dist-electron/main.cjs', 'utf8');
    expect(main).toContain('requestSingleInstanceLock');
    expect(main).not.toMatch(/require\("react"\)/);
  });
});
