import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../src/contract';
import { startWebHost, type WebHost } from '../../src/hosts/web/server';
import { MAX_BUFFERED_BYTES } from '../../src/hosts/web/ws-transport';
import { RpcServer } from '../../src/rpc/server';
import { tempDir } from '../support/tmp';

let host: WebHost;
let rpc: RpcServer;
let tmp: ReturnType<typeof tempDir>;
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;

beforeAll(async () => {
  tmp = tempDir('fk-ws-backpressure-');
  mkdirSync(join(tmp.dir, 'dist'));
  writeFileSync(join(tmp.dir, 'dist', 'index.html'), '<!doctype html>');
  rpc = new RpcServer({} as Handlers);
  host = await startWebHost({ rpc, staticDir: join(tmp.dir, 'dist'), logger });
});

afterAll(async () => {
  await host.close();
  tmp.remove();
});

/**
 * A tab that stops reading (frozen, suspended, a stalled proxy) while subscribed to a busy topic:
 * once its unsent backlog passes MAX_BUFFERED_BYTES the server stops queueing for it and closes
 * it with 1013 ("try again later"), so the renderer reconnects and re-reads its state.
 */
describe('a WebSocket client that never reads', () => {
  it('is closed with 1013 once its backlog passes the bound instead of being buffered without limit', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    ws.on('error', () => undefined);
    const subscribed = new Promise((r) => ws.once('message', r));
    ws.send(JSON.stringify({ t: 'call', id: 1, path: 'rpc.subscribe', args: [['logs.entries']] }));
    await subscribed;
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    // The client stops reading from its socket.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const line = 'x'.repeat(1000);
    const payload = { entries: Array.from({ length: 100 }, (_, i) => ({ id: i, message: line })) };
    const rss0 = process.memoryUsage().rss;
    // 2 000 batches of ~100 kB: about 200 MB the client never takes.
    for (let i = 0; i < 2000; i++) {
      rpc.emit('logs.entries', payload as never);
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 200));
    const rssGrownMb = Math.round((process.memoryUsage().rss - rss0) / 1e6);
    // Read what the server kept for us: what the kernel holds plus at most MAX_BUFFERED_BYTES.
    let received = 0;
    ws.on('message', () => received++);
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    // The backlog is a few MB of loopback traffic: read in well under this unless the server never closes.
    const timedOut = new Promise<string>((r) => setTimeout(() => r('still open after 15 s'), 15_000).unref());
    expect(await Promise.race([closed, timedOut])).toBe(1013);
    const capBatches = Math.ceil(MAX_BUFFERED_BYTES / JSON.stringify(payload).length);
    expect(received, `rss grew ${rssGrownMb} MB`).toBeGreaterThan(0);
    expect(received, `rss grew ${rssGrownMb} MB`).toBeLessThan(500);
    expect(received).toBeGreaterThanOrEqual(capBatches);
    // The server forgot the peer once the close completed.
    for (let i = 0; i < 50 && rpc.connectionCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(rpc.connectionCount).toBe(0);
  }, 60_000);

  it('a client that keeps reading gets every event of the same burst', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    const subscribed = new Promise((r) => ws.once('message', r));
    ws.send(JSON.stringify({ t: 'call', id: 1, path: 'rpc.subscribe', args: [['logs.entries']] }));
    await subscribed;
    let received = 0;
    const all = new Promise<void>((r) => ws.on('message', () => ++received === 200 && r()));
    const payload = { entries: Array.from({ length: 100 }, (_, i) => ({ id: i, message: 'y'.repeat(1000) })) };
    // 20 MB in all, more than the bound, but never far ahead of a reader that keeps up.
    for (let i = 0; i < 200; i++) {
      rpc.emit('logs.entries', payload as never);
      await new Promise((r) => setImmediate(r));
    }
    await all;
    expect(received).toBe(200);
    ws.close();
  }, 60_000);
});
