import { describe, expect, it } from 'vitest';
import {
  FieldKitError, type Api, type NetJournalEntry, type NetScanResult, type SetIpResult,
} from '../../../src/contract';
import { laptopSubnets } from '../../../renderer/src/features/devices/lan-map';
import { defaultFixDraft } from '../../../renderer/src/features/network/model/fix-plan';
import { buildProblems, type Problem } from '../../../renderer/src/features/network/model/problems';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { deferred, type Deferred } from './deferred-helpers';
import { DUP_A, DUP_B, HIK, OFF, iface } from './devices-helpers';
import { fakeEventBus } from './event-bus-helpers';

const INTERFACES = [iface('lo', 'loopback', ['127.0.0.1/8']), iface('eth0', 'physical', ['198.51.100.1/24'])];
const PASSWORD = 'S3cret-pa55!';

const result = (over: Partial<SetIpResult> = {}): SetIpResult => ({
  ok: true, verified: true, before: null, after: null, error: null,
  steps: [{ name: 'cleanup', ok: true, detail: 'laptop changes removed', at: '2024-05-01T10:00:01.000Z' }],
  ...over,
});

/**
 * A fake net service: probes answer from a table of taken addresses, sweeps and set-ip calls stay
 * open until the test settles them, and an event bus plays the core's events.
 */
function harness() {
  const calls: string[] = [];
  const { listeners, on, emit } = fakeEventBus();
  const taken = new Map<string, string[]>();
  const scans: Array<Deferred<NetScanResult & { iface: string }>> = [];
  const setIps: Array<{ req: Parameters<Api['net']['setIp']>[0]; d: Deferred<SetIpResult> }> = [];
  let entries: NetJournalEntry[] = [];
  const net: Api['net'] = {
    scan: (o) => {
      calls.push(`scan ${JSON.stringify(o)}`);
      const d = deferred<NetScanResult & { iface: string }>();
      scans.push(d);
      return d.promise;
    },
    probe: async ({ ip, iface: nic }) => {
      calls.push(`probe ${ip} ${nic}`);
      const macs = taken.get(ip) ?? [];
      return { ip, iface: nic ?? 'eth0', free: macs.length === 0, macs };
    },
    aliasAdd: async () => {
      throw new Error('unused');
    },
    aliasRemove: async (o) => {
      calls.push(`aliasRemove ${o.cidr} ${o.iface}`);
      entries = entries.map((e) => (e.change.kind === 'address' && e.change.cidr === o.cidr ? { ...e, state: 'reverted' } : e));
      return { removed: true };
    },
    journal: async () => {
      calls.push('journal');
      return { entries, outstanding: entries.filter((e) => e.state === 'applied').length };
    },
    journalRevert: async () => {
      calls.push('journalRevert');
      const open = entries.filter((e) => e.state === 'applied');
      entries = entries.map((e) => (e.state === 'applied' ? { ...e, state: 'reverted' } : e));
      return { reverted: open.slice(0, 1), failed: open.slice(1).map((entry) => ({ entry, error: 'RTNETLINK answers: Operation not permitted' })) };
    },
    deviceInfo: async () => {
      throw new Error('unused');
    },
    setIp: (req) => {
      calls.push(`setIp ${req.ip} -> ${req.newCidr}`);
      const d = deferred<SetIpResult>();
      setIps.push({ req, d });
      return d.promise;
    },
  };
  const deps: StoreDeps = {
    api: {
      settings: { get: async () => ({ language: 'en', theme: 'system' }), update: async () => ({ language: 'en', theme: 'system' }) },
      system: {
        info: async () => {
          throw new Error('unused');
        },
        interfaces: async () => INTERFACES,
        serialPorts: async () => [],
        ping: async () => ({ echo: null, at: '' }),
      },
      net,
    },
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
    now: () => new Date('2024-05-01T10:00:00Z'),
  };
  const store = createAppStore(deps);
  store.setState((s) => ({
    system: { ...s.system, interfaces: INTERFACES, status: 'ready' },
    devices: { ...s.devices, byId: Object.fromEntries([HIK, OFF, DUP_A, DUP_B].map((d) => [d.id, d])), listStatus: 'ready' },
  }));
  const setEntries = (e: NetJournalEntry[]) => (entries = e);
  return { store, calls, listeners, emit, taken, scans, setIps, setEntries };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
const LAPTOP = laptopSubnets(INTERFACES, ['eth0']);
const problems = (h: ReturnType<typeof harness>): Problem[] => {
  const s = h.store.getState();
  const sweep = s.network.sweep.result;
  return buildProblems({ devices: Object.values(s.devices.byId), sweep: sweep ? { iface: sweep.iface, hosts: sweep.hosts } : null, laptop: LAPTOP, fixed: s.network.fixed });
};
const problem = (h: ReturnType<typeof harness>, ip: string) => problems(h).find((p) => p.ip === ip)!;
const openFix = (h: ReturnType<typeof harness>, ip: string) => {
  const p = problem(h, ip);
  h.store.getState().netOpenFix(p, defaultFixDraft(p, INTERFACES, LAPTOP));
};

describe('network slice: events and sweep', () => {
  it('activation subscribes to the three net topics, loads the journal, and stops listening on cleanup', async () => {
    const h = harness();
    const stop = h.store.getState().netActivate();
    await flush();
    expect([...h.listeners.keys()].sort()).toEqual(['net.fixStep', 'net.journal', 'net.scanProgress']);
    expect(h.calls).toEqual(['journal']);
    h.emit('net.journal', { outstanding: 0 });
    await flush();
    expect(h.calls).toEqual(['journal', 'journal']);
    stop();
    expect([...h.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });

  it('sweeps the typed range on the chosen NIC, shows progress for that sweep only, and merges its conflicts into the problems', async () => {
    const h = harness();
    h.store.getState().netActivate();
    h.store.getState().netSetSweep({ cidr: ' 198.51.100.0 / 24 ', iface: 'eth0' });
    void h.store.getState().netSweep();
    expect(h.calls).toContain('scan {"cidr":"198.51.100.0/24","iface":"eth0"}');
    h.emit('net.scanProgress', { cidr: '10.0.0.0/24', done: 99, total: 254, found: 1 });
    expect(h.store.getState().network.sweep.progress).toBeNull();
    h.emit('net.scanProgress', { cidr: '198.51.100.0/24', done: 128, total: 254, found: 3 });
    expect(h.store.getState().network.sweep).toMatchObject({ status: 'running', progress: { done: 128, total: 254, found: 3 } });
    const conflict = { ip: '198.51.100.77', macs: ['02:00:00:00:00:0a', '02:00:00:00:00:0b'] };
    h.scans[0]!.resolve({ hosts: [{ ip: '198.51.100.10', macs: [HIK.mac!] }, conflict], conflicts: [conflict], elapsedMs: 1200, iface: 'eth0' });
    await flush();
    expect(h.store.getState().network.sweep).toMatchObject({ status: 'done', runningCidr: null, result: { cidr: '198.51.100.0/24', iface: 'eth0', elapsedMs: 1200 } });
    expect(problems(h).map((p) => p.ip)).toEqual(['192.168.1.64', '198.51.100.30', '198.51.100.77']);
  });

  it('a sweep the core refuses says why', async () => {
    const h = harness();
    h.store.getState().netSetSweep({ cidr: '10.0.0.0/8' });
    const run = h.store.getState().netSweep();
    h.scans[0]!.reject(new FieldKitError('invalid_input', '10.0.0.0/8 has 16777214 addresses; sweep at most 4094 (a /20) at a time.'));
    await run;
    expect(h.store.getState().network.sweep).toMatchObject({ status: 'error', error: expect.stringMatching(/at most 4094/) });
  });
});

describe('network slice: the Fix flow', () => {
  it('suggests the first address of the laptop subnet that is neither known nor answering a probe', async () => {
    const h = harness();
    h.taken.set('198.51.100.11', ['02:00:00:00:00:aa']);
    openFix(h, '192.168.1.64');
    await flush();
    // .10 is the Hikvision discovery knows: not even probed. .11 answers a probe. .12 is free.
    expect(h.calls).toEqual(['probe 198.51.100.11 eth0', 'probe 198.51.100.12 eth0']);
    expect(h.store.getState().network.fix).toMatchObject({
      draft: { iface: 'eth0', newIp: '198.51.100.12', prefix: '24', username: 'admin', mac: '44:19:b6:00:00:03' },
      suggest: { status: 'found', ip: '198.51.100.12', tried: ['198.51.100.11'] },
      newIpTouched: false,
    });
    h.store.getState().netSuggestAddress(true);
    await flush();
    expect(h.store.getState().network.fix?.draft.newIp).toBe('198.51.100.13');
  });

  it('does not overwrite an address the technician typed while probing', async () => {
    const h = harness();
    openFix(h, '192.168.1.64');
    h.store.getState().netSetFixDraft({ newIp: '198.51.100.99' });
    await flush();
    expect(h.store.getState().network.fix).toMatchObject({ draft: { newIp: '198.51.100.99' }, suggest: { status: 'found', ip: '198.51.100.11' } });
  });

  it('runs the fix: the password goes into the call and nowhere in the store; live steps, then the verified result closes the problem', async () => {
    const h = harness();
    h.store.getState().netActivate();
    openFix(h, '198.51.100.30');
    await flush();
    h.store.getState().netSetFixDraft({ newIp: '198.51.100.22', mac: '02:00:00:00:00:04' });
    const run = h.store.getState().netRunFix(PASSWORD);
    expect(h.setIps[0]!.req).toEqual({
      iface: 'eth0', ip: '198.51.100.30', mac: '02:00:00:00:00:04', credentials: { username: 'admin', password: PASSWORD }, newCidr: '198.51.100.22/24',
    });
    expect(JSON.stringify(h.store.getState())).not.toContain(PASSWORD);
    expect(h.store.getState().network.fix).toMatchObject({ status: 'running', sent: { ip: '198.51.100.30', newCidr: '198.51.100.22/24' } });
    // Another fix (another address) and a plan may not start meanwhile; a step of another address is not ours.
    h.emit('net.fixStep', { ip: '198.51.100.30', name: 'pin-mac', ok: true, detail: 'pinned', at: '2024-05-01T10:00:00.100Z' });
    h.emit('net.fixStep', { ip: '192.168.1.64', name: 'laptop-alias', ok: true, detail: 'someone else', at: '2024-05-01T10:00:00.200Z' });
    expect(h.store.getState().network.fix?.steps.map((s) => s.name)).toEqual(['pin-mac']);
    h.store.getState().netCloseFix();
    expect(h.store.getState().network.fix).not.toBeNull();
    h.setIps[0]!.d.resolve(result());
    await run;
    expect(h.store.getState().network.fix).toMatchObject({ status: 'done', steps: [{ name: 'cleanup' }] });
    expect(h.store.getState().network.fixed['02:00:00:00:00:04']).toMatchObject({ from: '198.51.100.30', to: '198.51.100.22' });
    expect(problem(h, '198.51.100.30').open).toBe(false);
    expect(JSON.stringify(h.store.getState())).not.toContain(PASSWORD);
  });

  it('an unverified change leaves the problem open and keeps the steps; a refused call says why', async () => {
    const h = harness();
    openFix(h, '192.168.1.64');
    await flush();
    const run = h.store.getState().netRunFix(PASSWORD);
    h.setIps[0]!.d.resolve(result({ ok: false, verified: false, steps: [{ name: 'rediscover', ok: false, detail: 'the camera answered OK but is still at 192.168.1.64: it did not apply the change', at: '' }] }));
    await run;
    expect(h.store.getState().network.fix).toMatchObject({ status: 'failed', result: { verified: false } });
    expect(problem(h, '192.168.1.64').open).toBe(true);
    const again = h.store.getState().netRunFix(PASSWORD);
    h.setIps[1]!.d.reject(new FieldKitError('invalid_input', 'credentials.username: Too small'));
    await again;
    expect(h.store.getState().network.fix).toMatchObject({ status: 'failed', result: null, error: 'credentials.username: Too small' });
  });

  it('refuses to run an invalid form', async () => {
    const h = harness();
    openFix(h, '192.168.1.64');
    h.store.getState().netSetFixDraft({ newIp: '192.168.1.64' });
    await h.store.getState().netRunFix(PASSWORD);
    expect(h.setIps).toHaveLength(0);
  });
});

describe('network slice: IP plan', () => {
  it('previews with probes, plans again around an address that answered, and applies one device at a time', async () => {
    const h = harness();
    h.taken.set('198.51.100.51', ['02:00:00:00:00:bb']);
    const s = () => h.store.getState();
    s().netActivate();
    s().netSetPlan({ pool: '198.51.100.50-53', prefix: '24', iface: 'eth0', gateway: '198.51.100.1' });
    s().netTogglePlanDevice(DUP_B.id, true);
    s().netTogglePlanDevice(OFF.id, true);
    await s().netPlanPreview();
    expect(h.calls.filter((c) => c.startsWith('probe'))).toEqual(['probe 198.51.100.50 eth0', 'probe 198.51.100.51 eth0', 'probe 198.51.100.52 eth0']);
    expect(s().network.plan.previewStatus).toBe('ready');
    expect(s().network.plan.preview?.rows.map((r) => [r.device.ip, r.to])).toEqual([
      ['192.168.1.64', '198.51.100.50'],
      ['198.51.100.30', '198.51.100.52'],
    ]);
    expect(s().network.plan.preview?.skipped).toEqual([{ ip: '198.51.100.51', reason: { kind: 'probe', macs: ['02:00:00:00:00:bb'] } }]);

    const run = s().netPlanApply(PASSWORD);
    await flush();
    expect(h.setIps).toHaveLength(1);
    expect(h.setIps[0]!.req).toMatchObject({ ip: '192.168.1.64', mac: '44:19:b6:00:00:03', prefix: 24, newCidr: '198.51.100.50/24', gateway: '198.51.100.1' });
    h.emit('net.fixStep', { ip: '192.168.1.64', name: 'laptop-alias', ok: true, detail: 'added', at: '' });
    expect(s().network.plan.apply.rows.map((r) => [r.status, r.steps.length])).toEqual([['running', 1], ['waiting', 0]]);
    h.setIps[0]!.d.resolve(result());
    await flush();
    // Only now the second device: one at a time.
    expect(h.setIps).toHaveLength(2);
    expect(h.setIps[1]!.req).toMatchObject({ ip: '198.51.100.30', mac: '02:00:00:00:00:05', newCidr: '198.51.100.52/24' });
    h.setIps[1]!.d.resolve(result({ ok: false, verified: false, error: 'Nothing answers ARP for 198.51.100.30 on eth0.' }));
    await run;
    expect(s().network.plan.apply).toMatchObject({ status: 'done', rows: [{ status: 'ok' }, { status: 'failed', result: { error: expect.stringMatching(/Nothing answers/) } }] });
    expect(s().network.plan.preview).toBeNull();
    expect(Object.keys(s().network.fixed)).toEqual(['44:19:b6:00:00:03']);
    expect(JSON.stringify(s())).not.toContain(PASSWORD);
  });

  it('stops after the current device when asked', async () => {
    const h = harness();
    const s = () => h.store.getState();
    s().netSetPlan({ pool: '198.51.100.50, 198.51.100.52', prefix: '24', iface: 'eth0' });
    s().netTogglePlanDevice(DUP_A.id, true);
    s().netTogglePlanDevice(DUP_B.id, true);
    await s().netPlanPreview();
    const run = s().netPlanApply(PASSWORD);
    await flush();
    s().netPlanStop();
    expect(s().network.plan.apply.stopRequested).toBe(true);
    h.setIps[0]!.d.resolve(result());
    await run;
    expect(h.setIps).toHaveLength(1);
    expect(s().network.plan.apply).toMatchObject({ status: 'stopped', rows: [{ status: 'ok' }, { status: 'skipped' }] });
  });

  it('does not preview an invalid form, and editing the form drops a stale preview', async () => {
    const h = harness();
    const s = () => h.store.getState();
    s().netSetPlan({ pool: '198.51.100.50', prefix: '24', iface: 'eth0' });
    await s().netPlanPreview();
    expect(h.calls).toEqual([]);
    s().netTogglePlanDevice(OFF.id, true);
    await s().netPlanPreview();
    expect(s().network.plan.previewStatus).toBe('ready');
    s().netSetPlan({ gateway: '198.51.100.1' });
    expect(s().network.plan).toMatchObject({ preview: null, previewStatus: 'idle' });
  });
});

describe('network slice: journal', () => {
  const entry = (id: number, change: NetJournalEntry['change']): NetJournalEntry => ({
    id, createdAt: '2024-05-01T10:00:00.000Z', updatedAt: '2024-05-01T10:00:00.000Z', change, reason: 'set 192.168.1.64 → 198.51.100.21/24', state: 'applied', error: null, autoRevert: true,
  });

  it('reverts everything outstanding, reports failures, and reloads', async () => {
    const h = harness();
    h.setEntries([entry(2, { kind: 'neighbour', iface: 'eth0', ip: '198.51.100.30', mac: '02:00:00:00:00:05' }), entry(1, { kind: 'address', iface: 'eth0', cidr: '192.168.1.254/24' })]);
    await h.store.getState().netLoadJournal();
    expect(h.store.getState().network.journal).toMatchObject({ outstanding: 2, status: 'ready' });
    await h.store.getState().netRevertJournal();
    expect(h.calls).toEqual(['journal', 'journalRevert', 'journal']);
    expect(h.store.getState().network.journal).toMatchObject({
      outstanding: 0, busy: false, lastRevert: { reverted: 1, failed: [{ id: 1, error: 'RTNETLINK answers: Operation not permitted' }] },
    });
  });

  it('removes one alias through aliasRemove; a pin cannot be removed alone', async () => {
    const h = harness();
    const alias = entry(1, { kind: 'address', iface: 'eth0', cidr: '10.77.0.1/24' });
    const pin = entry(2, { kind: 'neighbour', iface: 'eth0', ip: '198.51.100.30', mac: '02:00:00:00:00:05' });
    h.setEntries([pin, alias]);
    await h.store.getState().netRemoveAlias(pin);
    expect(h.calls).toEqual([]);
    await h.store.getState().netRemoveAlias(alias);
    expect(h.calls).toEqual(['aliasRemove 10.77.0.1/24 eth0', 'journal']);
    expect(h.store.getState().network.journal.outstanding).toBe(1);
  });
});
