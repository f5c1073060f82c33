import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Opens a URL in the user's browser where the OS has a way to; returns false
 * where none exists (a server, CI). The URL is one argv element, never a shell string.
 */
export function openUrl(url: string, platform: NodeJS.Platform = process.platform): boolean {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//.test(url)) return false;
  let cmd: string | undefined;
  let args: string[] = [];
  if (platform === 'win32') {
    cmd = 'rundll32.exe';
    args = ['url.dll,FileProtocolHandler', url];
  } else if (platform === 'darwin') {
    cmd = 'open';
    args = [url];
  } else {
    cmd = (process.env.PATH ?? '').split(':').map((d) => `${d}/xdg-open`).find((p) => existsSync(p));
    if (!cmd || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)) return false;
    args = [url];
  }
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
