import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/hosts/core';
import { nodePorts } from '../../src/platform/node';
import { createClient, type RpcClient } from '../../src/rpc/client';
import { memoryTransportPair } from '../../src/rpc/memory-transport';
import { requireToolsOrSkip } from '../lab';
import { tempDir } from '../support/tmp';

const run = promisify(execFile);
const skip = requireToolsOrSkip('logger');

// The composition root links services: a log line matching a rule becomes an alarm, with no
// service importing another. Real client: util-linux logger over loopback UDP.
describe.skipIf(skip)('live links between services', () => {
  const tmp = tempDir('fk-live-');
  let core: Core;
  let client: RpcClient;
  beforeAll(async () => {
    core = createCore({ host: 'cli', dataDir: tmp.dir, ports: nodePorts() });
    const [a, b] = memoryTransportPair();
    core.server.connect(a);
    client = createClient(b);
    await core.ready;
  });
  afterAll(async () => {
    client.close();
    await core.close();
    tmp.remove();
  });

  it('a "link down" then "link up" log line raises and clears a link-down alarm', async () => {
    const [udp] = await client.api.logs.start({ udpPort: 0, bind: '127.0.0.1' });
    const send = (msg: string) => run('logger', ['-n', '127.0.0.1', '-P', String(udp!.port), '-d', '--rfc3164', '-t', 'kernel', msg]);
    await send('eth0: link down');
    await expect.poll(async () => (await client.api.alarms.list({ state: 'active' })).items.map((i) => i.type), { timeout: 10_000 }).toContain('link-down');
    await send('eth0: link up');
    await expect.poll(async () => (await client.api.alarms.list({ state: 'active' })).total, { timeout: 10_000 }).toBe(0);
    const all = await client.api.alarms.list({ state: 'all' });
    expect(all.items).toEqual([expect.objectContaining({ type: 'link-down', state: 'cleared', device: '127.0.0.1' })]);
    await client.api.logs.stop();
  });
});
