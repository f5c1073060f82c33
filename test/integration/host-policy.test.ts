import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostKind } from '../../src/contract';
import { createCore } from '../../src/hosts/core';
import { nodePorts } from '../../src/platform/node';
import { createClient } from '../../src/rpc/client';
import { memoryTransportPair } from '../../src/rpc/memory-transport';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-policy-');
afterAll(() => tmp.remove());
const line = '{"device":"nvr-01","op_id":1,"kind":"event","type":"lock-failed","severity":"minor","action":"event","time":"2024-03-05T14:25:00+08:00","message":"x"}\n';

async function withHost<T>(host: HostKind, fn: (api: ReturnType<typeof createClient>['api']) => Promise<T>): Promise<T> {
  const core = createCore({ host, dataDir: join(tmp.dir, host), ports: nodePorts() });
  const [a, b] = memoryTransportPair();
  core.server.connect(a);
  const client = createClient(b);
  try {
    return await fn(client.api);
  } finally {
    client.close();
    await core.close();
  }
}

describe('file paths on the laptop', () => {
  const file = join(tmp.dir, 'alarms.jsonl');
  writeFileSync(file, line);

  it('are refused over the browser host and the desktop renderer; uploads and downloads still work', async () => {
    for (const host of ['browser', 'electron'] as const) {
      await withHost(host, async (api) => {
        await expect(api.alarms.importFile(file)).rejects.toMatchObject({ code: 'permission_denied' });
        const out = join(tmp.dir, `${host}-out.csv`);
        await expect(api.alarms.export({ format: 'csv', path: out })).rejects.toMatchObject({ code: 'permission_denied' });
        expect(existsSync(out)).toBe(false);
        expect((await api.alarms.importText('upload.jsonl', line)).imported).toBe(1);
        expect((await api.alarms.export({ format: 'csv' })).path).toBeNull();
      });
    }
  });

  it('are served to the CLI', async () => {
    await withHost('cli', async (api) => {
      expect((await api.alarms.importFile(file)).imported).toBe(1);
      const out = join(tmp.dir, 'cli-out.csv');
      await api.alarms.export({ format: 'csv', path: out });
      expect(existsSync(out)).toBe(true);
    });
  });
});
