import { takeAccessToken } from './access-token';
import { electronLink, isBridge } from './electron-link';
import { noHostLink, type HostLink } from './host-link';
import { webSocketLink, type ProbeResult } from './websocket-link';

/**
 * Chooses how this page reaches the core: the Electron preload bridge when it
 * is there, else the browser host's WebSocket (same origin, `/rpc?token=`).
 */
export function pickHostLink(win: Window): HostLink {
  if (isBridge(win.fieldkit)) return electronLink(win.fieldkit);
  const { protocol, host } = win.location;
  if (protocol !== 'http:' && protocol !== 'https:') return noHostLink();
  const token = takeAccessToken({
    href: win.location.href,
    replaceUrl: (href) => win.history.replaceState(win.history.state, '', href),
    storage: win.sessionStorage,
  }) ?? '';
  const origin = `${protocol}//${host}`;
  const wsUrl = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/rpc?token=${encodeURIComponent(token)}`;
  const probe = async (): Promise<ProbeResult> => {
    // Without a token (a new tab that only has the cookie) the socket can never open.
    if (!token) return 'unauthorized';
    try {
      const res = await fetch(`${origin}/?token=${encodeURIComponent(token)}`, { method: 'HEAD', cache: 'no-store' });
      return res.status === 401 ? 'unauthorized' : 'ok';
    } catch {
      return 'down';
    }
  };
  return webSocketLink({ url: wsUrl, createSocket: (url) => new WebSocket(url), probe });
}
