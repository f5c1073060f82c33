import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { createClient } from '../../src/rpc/client';
import { decodeMsg, type Transport } from '../../src/rpc/messages';
import { launchChromium, startServe, waitConnected, type ServeProcess } from './app';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Opens a WebSocket to the host; resolves 'open' or the HTTP status it was refused with. */
function tryWebSocket(url: string): Promise<{ outcome: 'open'; ws: WebSocket } | { outcome: 'refused'; status: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve({ outcome: 'open', ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ outcome: 'refused', status: res.statusCode ?? null });
      ws.terminate();
    });
    ws.once('error', () => resolve({ outcome: 'refused', status: null }));
  });
}

function wsTransport(ws: WebSocket): Transport {
  return {
    send: (m) => ws.send(JSON.stringify(m)),
    onMessage(cb) {
      const h = (data: WebSocket.RawData) => {
        const m = decodeMsg(String(data));
        if (m) cb(m);
      };
      ws.on('message', h);
      return () => ws.off('message', h);
    },
  };
}

describe('the browser host refuses anyone without the token', () => {
  let dataDir: string;
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-'));
    serve = await startServe(dataDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GET / without a token is 401 and serves no app', async () => {
    const res = await fetch(`${serve.origin}/`);
    expect(res.status).toBe(401);
    const body = await res.text();
    expect(body).not.toContain('<div id="root">');
    expect(body).not.toContain('<script');
  });

  it('GET / with a wrong token, and assets without the cookie, are 401', async () => {
    expect((await fetch(`${serve.origin}/?token=${'x'.repeat(serve.token.length)}`)).status).toBe(401);
    const page = await (await fetch(serve.url)).text();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${serve.origin}/${asset}`)).status).toBe(401);
  });

  it('a browser without the token sees the refusal, not the app', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const res = await page.goto(`${serve.origin}/`);
    expect(res?.status()).toBe(401);
    expect(await page.locator('#root').count()).toBe(0);
    expect(await page.locator('nav').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('access token');
    await context.close();
  });

  it('refuses a WebSocket to /rpc without a token or with a wrong one', async () => {
    const wsBase = `ws://127.0.0.1:${serve.port}/rpc`;
    const none = await tryWebSocket(wsBase);
    expect(none).toEqual({ outcome: 'refused', status: 401 });
    // Change the last character to one it is not, so the wrong token is never the right one by chance.
    const wrongToken = `${serve.token.slice(0, -1)}${serve.token.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await tryWebSocket(`${wsBase}?token=${encodeURIComponent(wrongToken)}`);
    expect(wrong).toEqual({ outcome: 'refused', status: 401 });
    const empty = await tryWebSocket(`${wsBase}?token=`);
    expect(empty).toEqual({ outcome: 'refused', status: 401 });
  });

  it('accepts a WebSocket with the right token and answers calls on it', async () => {
    const r = await tryWebSocket(`ws://127.0.0.1:${serve.port}/rpc?token=${encodeURIComponent(serve.token)}`);
    expect(r.outcome).toBe('open');
    if (r.outcome !== 'open') return;
    const client = createClient(wsTransport(r.ws));
    const pong = await client.api.system.ping('e2e');
    expect(pong.echo).toBe('e2e');
    client.close();
    r.ws.close();
  });

  it('a page loaded with the token works, hides the token from the address bar and survives a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(serve.url);
    expect(res?.status()).toBe(200);
    await waitConnected(page);
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toBe(`${serve.origin}/#/devices`);
    await page.reload();
    await waitConnected(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
