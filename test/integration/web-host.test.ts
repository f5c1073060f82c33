import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src/hosts/core';
import { startWebHost, type WebHost } from '../../src/hosts/web/server';
import { nodePorts } from '../../src/platform/node';
import { tempDir } from '../support/tmp';

let core: Core;
let host: WebHost;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir('fk-web-');
  const staticDir = join(tmp.dir, 'dist');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>FieldKit</title><script src="./assets/app.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the static root');
  core = createCore({ host: 'browser', dataDir: join(tmp.dir, 'data'), ports: nodePorts() });
  host = await startWebHost({ rpc: core.server, staticDir, logger: core.logger });
});

afterAll(async () => {
  await host.close();
  await core.close();
  tmp.remove();
});

const base = () => `http://127.0.0.1:${host.port}`;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base()}${path}`, { headers, redirect: 'manual' });

function openSocket(query: string, headers: Record<string, string> = {}): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({}));
  });
}

function call(ws: WebSocket, id: number, path: string, args: unknown[]): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const h = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      if (m.id === id) {
        ws.off('message', h);
        resolve(m);
      }
    };
    ws.on('message', h);
    ws.send(JSON.stringify({ t: 'call', id, path, args }));
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.bind).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses the page without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${host.token.slice(0, -1)}`)).status).toBe(401);
    const body = await (await get('/')).text();
    expect(body).not.toContain('<title>FieldKit');
  });

  it('serves the page with the token, with a CSP and an HttpOnly same-site cookie for the assets', async () => {
    const res = await get(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>FieldKit</title>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await get('/assets/app.js')).status).toBe(401);
    const asset = await get('/assets/app.js', { cookie: cookie.split(';')[0]! });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('does not serve files outside the UI folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await get(`${p}${p.includes('?') ? '&' : '?'}token=${host.token}`);
      expect(res.status).toBe(404);
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and other methods', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { host: `evil.example:${host.port}` } }, (r) => resolve(r.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
    expect((await fetch(`${base()}/?token=${host.token}`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a WebSocket without the token, with a wrong one, or from a foreign origin', async () => {
    expect((await openSocket('')).status).toBe(401);
    expect((await openSocket('?token=nope')).status).toBe(401);
    expect((await openSocket(`?token=${host.token}`, { origin: 'http://evil.example' })).status).toBe(401);
  });

  it('accepts the session cookie on the socket only from our own page origin', async () => {
    const cookie = `fk_token=${host.token}`;
    expect((await openSocket('', { cookie })).status).toBe(401);
    expect((await openSocket('', { cookie, origin: 'http://evil.example' })).status).toBe(401);
    expect((await openSocket('', { cookie: 'fk_token=wrong', origin: `http://127.0.0.1:${host.port}` })).status).toBe(401);
    const { ws } = await openSocket('', { cookie, origin: `http://127.0.0.1:${host.port}` });
    expect(ws).toBeDefined();
    ws!.close();
  });

  it('serves RPC over the socket with the token; bad arguments get a typed error', async () => {
    const { ws } = await openSocket(`?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    expect(ws).toBeDefined();
    const ok = await call(ws!, 1, 'system.ping', ['hi']);
    expect(ok).toMatchObject({ t: 'ok', id: 1, value: { echo: 'hi' } });
    const bad = await call(ws!, 2, 'settings.update', [{ language: 42 }]);
    expect(bad).toMatchObject({ t: 'err', id: 2, error: { code: 'invalid_input' } });
    const info = await call(ws!, 3, 'system.info', []);
    expect(info).toMatchObject({ t: 'ok', value: { host: 'browser', dataDir: join(tmp.dir, 'data') } });
    ws!.close();
  });

  it('survives garbage frames and keeps serving the connection', async () => {
    const { ws } = await openSocket(`?token=${host.token}`);
    ws!.send('not json at all');
    ws!.send(JSON.stringify({ t: 'call', id: 'x' }));
    ws!.send(Buffer.from([0, 1, 2]));
    expect(await call(ws!, 9, 'system.ping', [])).toMatchObject({ t: 'ok', id: 9 });
    ws!.close();
  });

  it('pushes events to subscribed sockets', async () => {
    const { ws } = await openSocket(`?token=${host.token}`);
    await call(ws!, 1, 'rpc.subscribe', [['settings.changed']]);
    const event = new Promise<unknown>((resolve) => ws!.on('message', (d) => {
      const m = JSON.parse(String(d)) as { t: string; payload: unknown };
      if (m.t === 'event') resolve(m.payload);
    }));
    await call(ws!, 2, 'settings.update', [{ theme: 'dark' }]);
    expect(await event).toMatchObject({ theme: 'dark' });
    ws!.close();
  });
});
