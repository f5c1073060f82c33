import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh 256-bit token per launch: whoever can read the printed URL may use the UI, nobody else. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const COOKIE = 'fk_token';

export function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

/**
 * Host names the page may be reached under. Checking Host defeats DNS
 * rebinding (a web page whose domain resolves to 127.0.0.1 would send its own
 * host name); checking Origin on the socket defeats cross-site WebSocket use.
 */
export function allowedHosts(bind: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  hosts.add(bind.includes(':') ? `[${bind}]:${port}` : `${bind}:${port}`);
  return hosts;
}

export function originAllowed(origin: string | undefined, hosts: Set<string>): boolean {
  if (origin === undefined) return true; // not a browser (CLI tools, tests): the token still applies
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && hosts.has(u.host);
  } catch {
    return false;
  }
}

export function isLoopback(addr: string): boolean {
  return addr === 'localhost' || addr === '::1' || /^127\.\d+\.\d+\.\d+$/.test(addr);
}
