// Bundles Electron main and preload into dist-electron/*.cjs. The core is
// bundled in; native modules stay external and are rebuilt for Electron's ABI
// by electron-builder only when packaging.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['main/main.ts'],
  outfile: 'dist-electron/main.cjs',
  external: ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'bufferutil', 'utf-8-validate', 'vite'],
});
// A sandboxed preload may only require('electron'): everything else is inlined.
await build({ ...common, entryPoints: ['main/preload.ts'], outfile: 'dist-electron/preload.cjs', external: ['electron'] });
console.error('built dist-electron/main.cjs and dist-electron/preload.cjs');
