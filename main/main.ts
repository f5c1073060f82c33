// Electron main: a launcher. It resolves the data dir, starts the same core as
// every other host, and relays RPC messages between the window and the core.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, dialog, Menu, safeStorage } from 'electron';
import { WrappedKeyProvider } from '../src/vault/wrapped-key-provider';
import { createCore, type Core } from '../src/hosts/core';
import { resolveDataDir } from '../src/platform/data-dir';
import { nodePorts } from '../src/platform/node';
import { ipcTransport } from './ipc-transport';
import { flushBeforeQuit } from './quit-flush';
import { createMainWindow, type AppWindow } from './window';

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

const dataDir = resolveDataDir({ override: argValue('--data-dir'), env: process.env, platform: process.platform, homedir: homedir() });
// Electron's userData is FieldKit's data dir, so the desktop app, the browser
// host and the CLI share one database; Chromium's own files go to a subfolder.
app.setPath('userData', dataDir);
app.setPath('sessionData', join(dataDir, 'electron'));

let core: Core | undefined;
let main: AppWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (main?.win.isMinimized()) main.win.restore();
    main?.win.focus();
  });
  app.whenReady().then(() => {
    // No menu bar: it would take Alt+N, the page shortcuts, and FieldKit has no menu commands.
    if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
    try {
      // The vault key is wrapped by the OS keychain where Electron has one (on Linux without a
      // keyring safeStorage is unavailable and the 0600 key file is used, as by the CLI).
      const keys = safeStorage.isEncryptionAvailable()
        ? new WrappedKeyProvider(dataDir, {
            name: 'the OS keychain (Electron safeStorage)',
            encrypt: (s) => safeStorage.encryptString(s),
            decrypt: (b) => safeStorage.decryptString(b),
          })
        : undefined;
      core = createCore({ host: 'electron', dataDir, ports: nodePorts(), electronVersion: process.versions.electron ?? null, ...(keys ? { keys } : {}) });
    } catch (err) {
      dialog.showErrorBox('FieldKit cannot start', (err as Error).message);
      app.exit(1);
      return;
    }
    main = createMainWindow(__dirname);
    core.server.connect(ipcTransport(main.win.webContents, main.appUrl));
  });
  app.on('window-all-closed', () => app.quit());
  flushBeforeQuit(app, () => core?.close());
}
