import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RpcServer } from '../../rpc/server';
import type { Logger } from '../../platform/ports';
import { allowedHosts, COOKIE, cookieToken, newToken, originAllowed, tokensEqual } from './access';
import { readStatic } from './static-files';
import { wsTransport } from './ws-transport';

export interface WebHostOptions {
  rpc: RpcServer;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  logger: Logger;
  /** Default 127.0.0.1. */
  bind?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests pass a fixed token; normally a fresh one per launch. */
  token?: string;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  bind: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token is in the first URL: never leak it to another site.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Largest message a tab may send. The biggest legitimate one is a plan CSV
 * (wizard.openPlan / importPlan): up to 1 000 000 UTF-16 units, which JSON
 * and UTF-8 make at most 6 bytes each (a control character escaped as
 * \u001f; a CJK character is 3), plus an envelope of a few kB. 8 MiB holds
 * every argument the contract accepts there, so the contract, not the socket,
 * decides what is too big (at 1 MiB a valid plan of Chinese device names was
 * cut off as a 1009 close). The cost is one such buffer per message in flight
 * from a peer that already holds the token. alarms.importText (64 MiB) does
 * not fit: the renderer uploads it in parts.
 */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

function csp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The browser host: serves the built UI and one WebSocket per tab on
 * 127.0.0.1, both behind a per-launch token. Everything else is refused.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const bind = opts.bind ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  let hosts = new Set<string>();
  let port = 0;
  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(`${text}\n`);
  };

  const http = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!hosts.has(req.headers.host ?? '')) return deny(res, 421, 'FieldKit: unexpected Host header.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'FieldKit: method not allowed.');
    const url = new URL(req.url ?? '/', 'http://h');
    const qToken = url.searchParams.get('token');
    const authorised = tokensEqual(qToken, token) || tokensEqual(cookieToken(req), token);
    if (!authorised) {
      return deny(res, 401, 'FieldKit: open the address printed by `fieldkit serve`; it carries this launch\'s access token.');
    }
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    const file = await readStatic(opts.staticDir, isPage ? '/index.html' : url.pathname);
    if (!file) return deny(res, 404, 'FieldKit: not found.');
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      'Content-Security-Policy': csp(port),
      'Cache-Control': isPage ? 'no-store' : 'private, max-age=3600',
      ...SECURITY_HEADERS,
    };
    // The page's assets are fetched without the query string, so the first
    // authorised page load hands the browser a same-site, script-invisible cookie.
    if (isPage) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  // Loaded here, not at the top: every CLI command carries this module, only `serve` needs ws.
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.on('upgrade', (req, socket, head) => {
    // Node drops its own socket 'error' listener before emitting 'upgrade': a
    // client that resets now (before our 401 is written, or mid-handshake)
    // would otherwise be an uncaught error that ends the server. ws installs
    // its own listener once the socket is a WebSocket.
    const onSocketError = (err: Error) => opts.logger.debug(`WebSocket upgrade aborted: ${err.message}`);
    socket.on('error', onSocketError);
    const url = new URL(req.url ?? '/', 'http://h');
    // The cookie alone is accepted only from a browser page of ours (Origin
    // present and allowed), so a new tab of the app can reconnect without the URL token.
    const cookieOk = req.headers.origin !== undefined && tokensEqual(cookieToken(req), token);
    const ok =
      url.pathname === '/rpc' &&
      hosts.has(req.headers.host ?? '') &&
      originAllowed(req.headers.origin, hosts) &&
      (tokensEqual(url.searchParams.get('token'), token) || cookieOk);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('error', onSocketError);
      opts.rpc.connect(wsTransport(ws, opts.logger));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, bind, () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  hosts = allowedHosts(bind, port);
  const hostPart = bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${hostPart}:${port}/?token=${token}`,
    token,
    port,
    bind,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
