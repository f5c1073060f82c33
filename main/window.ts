import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell } from 'electron';
import { ALLOWED_PERMISSIONS, isAllowedNavigation, SECURE_WEB_PREFERENCES } from './security-policy';

export interface AppWindow {
  win: BrowserWindow;
  appUrl: string;
}

/** Creates the main window with the secure preferences and refuses navigation and new windows. */
export function createMainWindow(baseDir: string): AppWindow {
  const indexHtml = join(baseDir, '..', 'renderer', 'dist', 'index.html');
  const appUrl = pathToFileURL(indexHtml).toString();
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'FieldKit',
    icon: join(baseDir, '..', 'assets', 'icon.png'),
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(baseDir, 'preload.cjs') },
  });
  const contents = win.webContents;
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, appUrl)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the system browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_wc, permission, cb) => cb(ALLOWED_PERMISSIONS.includes(permission)));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appUrl);
  return { win, appUrl };
}
