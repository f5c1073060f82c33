import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/contract';
import { createCore, type Core } from '../../src/hosts/core';
import { nodePorts } from '../../src/platform/node';
import { createClient } from '../../src/rpc/client';
import { memoryTransportPair } from '../../src/rpc/memory-transport';
import { tempDir } from '../support/tmp';

const SECRET = 'Login-Secret-9!';
const NEW = 'Kx7-tower-North!';

describe('wizard and records over the RPC contract (what the Setup page will use)', () => {
  const tmp = tempDir('fk-wizard-svc-');
  let core: Core;
  let api: Api;
  const seen: string[] = [];

  beforeAll(async () => {
    core = createCore({ host: 'browser', dataDir: tmp.dir, ports: nodePorts() });
    const [a, b] = memoryTransportPair();
    core.server.connect(a);
    const client = createClient(b);
    api = client.api;
    // Every message the "renderer" receives, to prove no secret ever crosses.
    b.onMessage((m) => seen.push(JSON.stringify(m)));
    await core.ready;
  });
  afterAll(async () => {
    await core.close();
    tmp.remove();
  });

  it('builds a draft page by page, refuses a weak password, previews the plan and never returns a secret', async () => {
    const run = await api.wizard.create({ site: 'Harbour', technician: 'Li Wei' });
    expect(run.state).toBe('draft');
    expect(run.steps.find((s) => s.id === 'devices')!.problems.map((p) => p.code)).toEqual(['no-devices']);

    const imported = await api.wizard.importPlan(run.id, { csv: 'mac,ip,gateway,hostname\n02:00:00:00:00:01,198.51.100.21/24,198.51.100.1,cam-21\nbad,1.2.3.4/24,,\n' });
    expect(imported.errors).toEqual([{ line: 3, message: '"bad" is not a MAC address' }]);
    expect(imported.draft.devices).toHaveLength(1);

    const meta = await api.wizard.setLogin(run.id, { username: 'admin', password: SECRET });
    expect(meta).toEqual({ id: meta.id, site: 'Harbour', label: 'login admin', username: 'admin', createdAt: expect.any(String) });
    await expect(api.wizard.setNewPassword(run.id, { mac: null, password: 'admin123' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await api.wizard.setNewPassword(run.id, { mac: '02-00-00-00-00-01', password: NEW })).toEqual({ strength: 'strong', reasons: [], reasonCodes: [] });

    const got = await api.wizard.get(run.id);
    expect(got.draft.devices[0]!.newPassword).toEqual({ id: expect.any(String), strength: 'strong' });
    expect(got.steps.find((s) => s.id === 'apply')!.available).toBe(true);
    const plan = await api.wizard.plan(run.id);
    expect(plan.problems).toEqual([]);
    expect(plan.devices[0]!.steps).toEqual(['password', 'network', 'time', 'hostname', 'ptz']);
    expect((await api.wizard.credentials({ site: 'Harbour' })).map((c) => c.label)).toEqual(['login admin', 'new password for 02:00:00:00:00:01']);

    await api.wizard.update(run.id, { technician: 'Wang Fang' });
    expect((await api.wizard.list())[0]).toMatchObject({ id: run.id, technician: 'Wang Fang', devices: 1 });
    expect(seen.length).toBeGreaterThan(8);
    expect(seen.join('\n')).not.toContain(SECRET);
    expect(seen.join('\n')).not.toContain(NEW);
    expect(await api.wizard.discard(run.id)).toEqual({ removed: true });
  });

  it('exports an empty report in both languages, and rejects bad arguments by schema', async () => {
    const zh = await api.records.export({ format: 'html', lang: 'zh-CN' });
    expect(zh.content).toContain('没有记录');
    expect(zh.filename).toMatch(/^fieldkit-records-all-\d{4}-\d{2}-\d{2}\.html$/);
    await expect(api.records.export({ format: 'pdf' as 'html' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.wizard.update(1e6, { devices: [{ mac: '02:00:00:00:00:01', hostname: 'x'.repeat(100) }] })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
