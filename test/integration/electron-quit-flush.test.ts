// Quitting the desktop app while syslog lines are still on their way to the database: the real
// core (as Electron main builds it) behind main/quit-flush.ts, driven by a stand-in for Electron's
// quit sequence that ends the "process" the moment no listener holds the quit. Whatever the core
// had received by then must be in the database file at that moment. Loopback TCP only.
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { flushBeforeQuit } from '../../main/quit-flush';
import { createCore } from '../../src/hosts/core';
import { nodePorts } from '../../src/platform/node';
import { createClient } from '../../src/rpc/client';
import { memoryTransportPair } from '../../src/rpc/memory-transport';
import { FakeElectronApp } from '../support/fake-electron-app';
import { tempDir } from '../support/tmp';

const N = 30_000;

describe('desktop quit flushes the core', () => {
  const tmp = tempDir('fk-quit-');
  afterAll(() => tmp.remove());

  it('every line received before the quit is in the database when the process would end', async () => {
    const core = createCore({ host: 'electron', dataDir: tmp.dir, ports: nodePorts() });
    await core.ready;
    const [a, b] = memoryTransportPair();
    core.server.connect(a);
    const client = createClient(b);
    const [tcp] = await client.api.logs.start({ tcpPort: 0, bind: '127.0.0.1' });

    let rowsAtExit = -1;
    const app = new FakeElectronApp(() => {
      const db = new Database(join(tmp.dir, 'fieldkit.db'), { readonly: true });
      rowsAtExit = (db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n;
      db.close();
    });
    flushBeforeQuit(app, () => core.close(), { signals: new EventEmitter() });

    const lines = Array.from({ length: N }, (_, i) => `<134>1 2026-03-01T10:00:00.000Z cam-1 streamd 1 - - quit-flush line ${i}\n`).join('');
    await new Promise<void>((resolve, reject) => {
      const s = connect(tcp!.port, '127.0.0.1', () => s.end(lines, resolve));
      s.once('error', reject);
    });
    await expect.poll(async () => (await client.api.logs.status()).counts.received, { timeout: 20_000, interval: 5 }).toBe(N);
    // Quit at once: the writer thread is usually still batching the tail of the burst.
    app.quit();
    await expect.poll(() => app.exits, { timeout: 20_000 }).toBe(1);
    expect(rowsAtExit).toBe(N);
    client.close();
  }, 60_000);
});
