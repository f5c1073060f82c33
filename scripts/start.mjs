// `npm start`: the desktop window where Electron is installed; otherwise one
// line saying so and the same UI served to the browser by `fieldkit serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

/** The Electron binary's path, or the reason there is none. */
function findElectron() {
  try {
    // electron/index.js returns the binary path and throws when the download failed.
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? { path: p } : { reason: 'its binary is missing' };
  } catch {
    return { reason: 'Electron is not installed: its download needs internet' };
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const electron = findElectron();
run(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
let child;
if (electron.path) {
  run(process.execPath, [`${root}scripts/build-electron.mjs`]);
  child = spawn(electron.path, ['.', ...passThrough], { cwd: root, stdio: 'inherit' });
} else {
  console.log(`FieldKit: the desktop window is unavailable on this machine (${electron.reason}); serving the same UI to your browser instead.`);
  child = spawn(process.execPath, [`${root}bin/fieldkit`, ...passThrough, 'serve', '--open'], { cwd: root, stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
