import { describe, expect, it } from 'vitest';
import type { Api, ApplyResult, WizardDraft, WizardRun } from '../../../src/contract';
import { WIZARD_STEP_IDS } from '../../../src/contract/wizard';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { fakeEventBus } from './event-bus-helpers';

const LOGIN = 'Passw0rd!';
const NEW = 'Kx7-tower-North!';
const MAC = '02:00:00:00:0d:01';

/**
 * A fake wizard service over one run: calls change the draft the way the core
 * does (the vault keeps only ids), apply stays open until the test settles it,
 * and an event bus plays `wizard.progress`.
 */
function harness(initialState: WizardRun['state'] = 'draft') {
  const { listeners, on, emit } = fakeEventBus();
  const calls: Array<[string, unknown[]]> = [];
  let draft: WizardDraft = { site: 'Harbour', technician: 'Li', iface: null, username: '', credentialId: null, devices: [] };
  let state: WizardRun['state'] = initialState;
  let settle: ((r: ApplyResult) => void) | null = null;
  const run = (): WizardRun => ({
    id: 7, site: draft.site, technician: draft.technician, state, devices: draft.devices.length, createdAt: 't', updatedAt: 't', draft,
    steps: WIZARD_STEP_IDS.map((id) => ({ id, titleKey: `wizard.step.${id}`, available: id === 'devices' || draft.devices.length > 0, problems: [] })),
    progress: draft.devices.map((d) => ({ mac: d.mac, state: 'pending' as const, steps: [] })),
  });
  const log = (name: string, args: unknown[]) => calls.push([name, args]);
  const wizard = {
    stepIds: async () => WIZARD_STEP_IDS.map((id) => ({ id, titleKey: `wizard.step.${id}` })),
    create: async (...a: unknown[]) => (log('create', a), run()),
    get: async () => run(),
    list: async () => [],
    resumable: async () => (state === 'interrupted' ? [{ ...run() }] : []),
    update: async (_id: number, p: { devices?: WizardDraft['devices'] }) => {
      log('update', [p]);
      if (p.devices) draft = { ...draft, devices: p.devices.map((d) => ({ ...d, newPassword: null })) };
      return run();
    },
    setLogin: async (_id: number, l: { username: string; password: string }) => {
      log('setLogin', [l.username]);
      draft = { ...draft, username: l.username, credentialId: 'v-login' };
      return { id: 'v-login', site: 'Harbour', label: `login ${l.username}`, username: l.username, createdAt: 't' };
    },
    credentials: async () => [],
    checkPassword: async (pw: string) => ({ strength: pw.length > 12 ? ('strong' as const) : ('weak' as const), reasons: [], reasonCodes: [] }),
    setNewPassword: async () => {
      draft = { ...draft, devices: draft.devices.map((d) => ({ ...d, newPassword: { id: 'v-new', strength: 'strong' as const } })) };
      return { strength: 'strong' as const, reasons: [], reasonCodes: [] };
    },
    plan: async () => ({ devices: [], problems: [] }),
    apply: (...a: unknown[]) => {
      log('apply', a);
      state = 'applying';
      return new Promise<ApplyResult>((res) => (settle = res));
    },
    cancel: async (...a: unknown[]) => (log('cancel', a), { cancelling: true }),
    discard: async (...a: unknown[]) => (log('discard', a), { removed: true }),
  };
  const records = { sites: async () => [], list: async () => [], export: async () => ({ filename: 'r.html', mimeType: 'text/html', content: '<h1>r</h1>' }) };
  const deps: StoreDeps = {
    api: { settings: {} as Api['settings'], system: {} as Api['system'], wizard: wizard as unknown as Api['wizard'], records: records as unknown as Api['records'] },
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
  };
  const store = createAppStore(deps);
  return {
    store, calls, emit, listeners,
    finish: (r: Omit<ApplyResult, 'runId' | 'resumed'>) => {
      state = r.state;
      settle!({ ...r, runId: 7, resumed: false });
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('setup slice and run store', () => {
  it('starts a run with its own store; passwords are sent, never kept', async () => {
    const h = harness();
    await h.store.getState().setupStart({ site: 'Harbour', technician: 'Li', iface: null });
    const run = h.store.getState().setup.run!;
    expect(run.getState().stepIds).toEqual([...WIZARD_STEP_IDS]);
    expect(run.getState().current).toBe('devices');
    await run.getState().updateDevices([{ mac: MAC, currentIp: null, currentPrefix: null, label: null, network: { mode: 'keep' }, time: { mode: 'keep' }, hostname: null, name: null, location: null, ptz: 'auto' }]);
    expect(await run.getState().setLogin('admin', LOGIN)).toBe(true);
    await run.getState().checkPassword(NEW);
    expect(await run.getState().setNewPassword(null, NEW)).toBe(true);
    expect(run.getState().run.draft.credentialId).toBe('v-login');
    expect(run.getState().run.draft.devices[0]!.newPassword).toEqual({ id: 'v-new', strength: 'strong' });
    const everything = JSON.stringify({ app: h.store.getState(), run: run.getState() }, (_k, v: unknown) => (typeof v === 'function' ? undefined : v));
    expect(everything).not.toContain(LOGIN);
    expect(everything).not.toContain(NEW);
  });

  it('applies with live progress, lands on the summary, and a cancel asks the core', async () => {
    const h = harness();
    await h.store.getState().setupStart({ site: 'Harbour', technician: 'Li', iface: null });
    const run = h.store.getState().setup.run!;
    await run.getState().updateDevices([{ mac: MAC, currentIp: null, currentPrefix: null, label: null, network: { mode: 'keep' }, time: { mode: 'keep' }, hostname: null, name: null, location: null, ptz: 'auto' }]);
    const done = run.getState().apply();
    expect(run.getState().current).toBe('apply');
    h.emit('wizard.progress', { runId: 7, mac: MAC, step: 'login', state: 'running', detail: '', at: 't' });
    h.emit('wizard.progress', { runId: 99, mac: MAC, step: 'other-run', state: 'running', detail: '', at: 't' });
    expect(run.getState().progress[0]).toMatchObject({ state: 'running', steps: [{ name: 'login', state: 'running' }] });
    await run.getState().cancelApply();
    expect(h.calls.find(([n]) => n === 'cancel')?.[1]).toEqual([7]);
    expect(run.getState().applyState.status).toBe('cancelling');
    h.finish({ state: 'done', devices: [{ mac: MAC, ok: true, steps: [{ name: 'login', ok: true, detail: 'logged in', at: 't' }] }] });
    await done;
    expect(run.getState().current).toBe('summary');
    expect(run.getState().applyState.status).toBe('finished');
  });

  it('cancelling a draft drops its store and deletes it in the core; the store stops listening', async () => {
    const h = harness();
    await h.store.getState().setupStart({ site: 'Harbour', technician: 'Li', iface: null });
    expect(h.listeners.get('wizard.progress')?.size).toBe(1);
    await h.store.getState().setupClose(true);
    expect(h.store.getState().setup.run).toBeNull();
    expect(h.calls.find(([n]) => n === 'discard')?.[1]).toEqual([7]);
    expect(h.listeners.get('wizard.progress')?.size).toBe(0);
  });

  it('offers an interrupted run and continues applying it on the apply page', async () => {
    const h = harness('interrupted');
    await h.store.getState().setupLoadRuns();
    expect(h.store.getState().setup.resumable.map((r) => r.id)).toEqual([7]);
    await h.store.getState().setupOpen(7, { continueApply: true });
    await flush();
    const run = h.store.getState().setup.run!;
    expect(run.getState().current).toBe('apply');
    expect(h.calls.filter(([n]) => n === 'apply')).toHaveLength(1);
    expect(run.getState().applyState.status).toBe('running');
  });
});
