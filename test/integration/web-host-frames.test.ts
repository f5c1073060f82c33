import { afterAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { startServe } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-ws-frames-');
afterAll(() => tmp.remove());

function open(url: URL): Promise<WebSocket> {
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`);
  return new Promise((resolve, reject) => (ws.once('open', () => resolve(ws)), ws.once('error', reject)));
}

async function pingWorks(url: URL): Promise<boolean> {
  try {
    const ws = await open(url);
    const reply = new Promise<{ t: string }>((r) => ws.once('message', (d) => r(JSON.parse(String(d)) as { t: string })));
    ws.send(JSON.stringify({ t: 'call', id: 1, path: 'system.ping', args: [] }));
    const ok = (await reply).t === 'ok';
    ws.close();
    return ok;
  } catch {
    return false;
  }
}

/** Sends one frame and resolves with the code the server closed the connection with. */
function closeCodeAfter(ws: WebSocket, frame: string | Buffer, binary = false): Promise<number> {
  ws.on('error', () => undefined);
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  ws.send(frame, { binary });
  return closed;
}

type Serve = Awaited<ReturnType<typeof startServe>>;

/** Runs one test against its own `fieldkit serve` (data dir `tmp/<sub>`) and stops it after. */
async function withServe(sub: string, body: (s: Serve) => Promise<void>): Promise<void> {
  const s = await startServe(['--data-dir', `${tmp.dir}/${sub}`, 'serve', '--port', '0']);
  try {
    await body(s);
  } finally {
    await s.stop();
  }
}

/** Gives a crash a moment to show, then checks the server is still running and still answers. */
async function expectStillServing(s: Serve): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  expect(s.child.exitCode, 'fieldkit serve exited').toBeNull();
  expect(await pingWorks(s.url)).toBe(true);
}

/**
 * ws refuses some frames itself (over maxPayload, text that is not UTF-8) and reports them as
 * an 'error' on that connection: the server closes that one connection and keeps serving.
 */
describe('browser host survives frames ws refuses', () => {
  it('a plan CSV at the contract limit in 3-byte characters (about 3 MB on the wire) reaches wizard.openPlan', async () => {
    await withServe('a', async (s) => {
      const ws = await open(s.url);
      const head = 'mac,location\n00:11:22:33:44:55,';
      const csv = head + '机'.repeat(1_000_000 - head.length);
      expect(csv.length).toBe(1_000_000);
      expect(Buffer.byteLength(csv)).toBeGreaterThan(2.9e6);
      ws.on('error', () => undefined);
      const reply = new Promise<{ t: string; id?: number; error?: { code: string } }>((r) => {
        ws.once('message', (d) => r(JSON.parse(String(d)) as never));
        ws.once('close', (code) => r({ t: `closed ${code}` }));
      });
      ws.send(JSON.stringify({ t: 'call', id: 1, path: 'wizard.openPlan', args: [{ csv, site: 's', technician: 't', iface: null, username: 'admin', password: 'x' }] }));
      // The plan itself is nonsense; what matters is that the handler saw it and answered.
      const r = await reply;
      expect(['ok', 'err']).toContain(r.t);
      expect(r.id).toBe(1);
      if (r.t === 'err') expect(r.error?.code).toBe('invalid_input');
      ws.close();
      expect(await pingWorks(s.url)).toBe(true);
    });
  }, 90_000);

  it('a frame over the 8 MiB limit closes that connection with 1009 and the server keeps serving', async () => {
    await withServe('a2', async (s) => {
      const ws = await open(s.url);
      const code = await closeCodeAfter(ws, JSON.stringify({ t: 'call', id: 1, path: 'system.ping', args: ['x'.repeat(9 * 1024 * 1024)] }));
      expect(code).toBe(1009);
      await expectStillServing(s);
    });
  }, 90_000);

  it('a text frame that is not UTF-8 closes that connection with 1007 and the server keeps serving', async () => {
    await withServe('b', async (s) => {
      const ws = await open(s.url);
      expect(await closeCodeAfter(ws, Buffer.from([0xc3, 0x28]))).toBe(1007);
      await expectStillServing(s);
    });
  }, 90_000);

  it('an upgrade without the token whose client resets the connection does not kill the server', async () => {
    await withServe('c', async (s) => {
      // Node's http server stops guarding the socket with an 'error' listener once it emits
      // 'upgrade'; the ECONNRESET that meets the 401 answer must not become an uncaught error.
      await new Promise<void>((resolve) => {
        const sock = connect(Number(s.url.port), '127.0.0.1', () => {
          sock.write(`GET /rpc HTTP/1.1\r\nHost: ${s.url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
          sock.resetAndDestroy();
        });
        sock.on('error', () => undefined);
        sock.on('close', () => resolve());
      });
      await expectStillServing(s);
    });
  }, 90_000);
});
