/**
 * The desktop window's security policy, kept free of electron imports so it is
 * unit-tested. main/window.ts applies it.
 */

/** webPreferences for the one window: the renderer gets no Node and only the preload bridge. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** The IPC channel carrying RPC messages, both directions. */
export const RPC_CHANNEL = 'fieldkit:rpc';

/**
 * Only the app's own page may talk to the core: the sender frame must be the
 * top frame of our window and its URL our index.html (hash routes allowed).
 */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  if (!frameUrl) return false;
  const strip = (u: string) => u.split('#')[0];
  return strip(frameUrl) === strip(appUrl);
}

/** In-app navigation is by hash only; anything that would leave index.html is refused. */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  return isTrustedSender(targetUrl, appUrl);
}

/** Permissions the renderer may ask Chromium for: none (no camera, mic, geolocation, notifications). */
export const ALLOWED_PERMISSIONS: readonly string[] = [];
