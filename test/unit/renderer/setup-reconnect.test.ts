import { describe, expect, it } from 'vitest';
import { FieldKitError, type Api, type ApplyResult, type WizardRun } from '../../../src/contract';
import { WIZARD_STEP_IDS } from '../../../src/contract/wizard';
import { createAppStore } from '../../../renderer/src/stores/app-store';
import type { StoreDeps } from '../../../renderer/src/stores/deps';
import { fakeEventBus } from './event-bus-helpers';

/**
 * The open run on the Setup page is read again after a reconnect and whenever the core says it
 * changed state, and the Apply step follows the run's state when no apply call of the page does.
 */
const settle = () => new Promise((r) => setTimeout(r, 0));
const closed = () => new FieldKitError('unavailable', 'The connection to the FieldKit core was closed.');

function harness() {
  const core = { state: 'draft' as WizardRun['state'], online: true, gets: 0, applyResult: null as null | ((r: ApplyResult) => void) };
  const device = { mac: '02:00:00:00:0d:01' };
  const run = (): WizardRun =>
    ({
      id: 7, site: 'Harbour', technician: 'Li', state: core.state, devices: 1, createdAt: 't', updatedAt: 't',
      draft: { site: 'Harbour', technician: 'Li', iface: null, username: 'admin', credentialId: 'v', devices: [device] },
      steps: WIZARD_STEP_IDS.map((id) => ({ id, titleKey: `wizard.step.${id}`, available: true, problems: [] })),
      progress: [{ mac: device.mac, state: core.state === 'done' ? 'done' : 'pending', steps: [] }],
    }) as unknown as WizardRun;
  const wizard = {
    stepIds: async () => WIZARD_STEP_IDS.map((id) => ({ id, titleKey: `wizard.step.${id}` })),
    get: async () => {
      core.gets++;
      if (!core.online) throw closed();
      return run();
    },
    list: async () => [run()],
    resumable: async () => [],
    // By default the link drops while the core applies: the client rejects the pending call; the core goes on.
    apply: (): Promise<ApplyResult> => {
      core.state = 'applying';
      if (core.applyResult === null) {
        core.online = false;
        return Promise.reject(closed());
      }
      return new Promise((resolve) => (core.applyResult = resolve));
    },
  };
  const { listeners, on } = fakeEventBus();
  const deps: StoreDeps = {
    api: {
      settings: {} as Api['settings'], system: {} as Api['system'], wizard: wizard as unknown as Api['wizard'],
      records: { sites: async () => [], list: async () => [] } as unknown as Api['records'],
    },
    retryConnection: () => undefined,
    writeHash: () => undefined,
    on,
  };
  const store = createAppStore(deps);
  /** The core announces a run's state (`wizard.run`). */
  const announce = (id = 7) => listeners.get('wizard.run')?.forEach((cb) => cb({ ...run(), id }));
  const open = () => store.getState().setup.run!.getState();
  return { core, store, announce, open };
}

describe('setup run after a reconnect', () => {
  it('an apply cut off by a dropped link is read again once the link is back', async () => {
    const { core, store, announce, open } = harness();
    // SetupPage: activate while open.
    let release = store.getState().setupActivate();
    await store.getState().setupOpen(7);
    await open().apply();
    expect(open().applyState.status).toBe('error');
    release(); // the link closed: the page's effect releases

    // The core finished the apply meanwhile; the link reopens, the page re-activates, the core says so.
    core.state = 'done';
    core.online = true;
    release = store.getState().setupActivate();
    announce();
    await settle();
    await settle();
    // The run is read again: the Apply step no longer shows the closed connection of a run that is done.
    expect(open().run.state).toBe('done');
    expect(open().applyState).toEqual({ status: 'finished', result: null, error: null });
    expect(open().current).toBe('summary');
    expect(open().progress).toEqual([{ mac: '02:00:00:00:0d:01', state: 'done', steps: [] }]);
    release();
  });

  it('reactivation alone (no event) reads the open run: events sent while the link was down are lost', async () => {
    const { core, store, announce, open } = harness();
    let release = store.getState().setupActivate();
    await store.getState().setupOpen(7);
    await open().apply();
    release();
    // Still applying in the core when the link comes back: the Apply step follows it (and can cancel).
    core.online = true;
    release = store.getState().setupActivate();
    await settle();
    expect(open().applyState).toEqual({ status: 'running', result: null, error: null });
    expect(open().current).toBe('apply');
    // Its end is announced: finished, on the summary like a call that waited for it.
    core.state = 'failed';
    announce();
    await settle();
    expect(open().applyState).toEqual({ status: 'finished', result: null, error: null });
    expect(open().current).toBe('summary');
    release();
  });

  it('a wizard.run event for the open run settles the Apply step; one for another run reads nothing', async () => {
    const { core, store, announce, open } = harness();
    const release = store.getState().setupActivate();
    await store.getState().setupOpen(7);
    await open().apply();
    core.online = true; // the call was cut off; the event below arrives once the link is up
    await settle();
    const gets = core.gets;
    core.state = 'cancelled';
    announce(8);
    await settle();
    expect(core.gets).toBe(gets);
    expect(open().applyState.status).toBe('error');
    announce(7);
    await settle();
    expect(open().run.state).toBe('cancelled');
    expect(open().applyState).toEqual({ status: 'finished', result: null, error: null });
    release();
  });

  it('while an apply call of the page waits for the core, events update the run but not the apply state', async () => {
    const { core, store, announce, open } = harness();
    core.applyResult = () => undefined; // the call stays open until the test answers it
    const release = store.getState().setupActivate();
    await store.getState().setupOpen(7);
    const applying = open().apply();
    await settle();
    announce(); // the core announces "applying"
    await settle();
    expect(open().run.state).toBe('applying');
    expect(open().applyState.status).toBe('running');
    core.state = 'done';
    announce(); // ...and "done", just before the call's answer
    await settle();
    expect(open().applyState.status).toBe('running');
    const result: ApplyResult = { runId: 7, state: 'done', resumed: false, devices: [{ mac: '02:00:00:00:0d:01', ok: true, steps: [] }] };
    core.applyResult(result);
    await applying;
    expect(open().applyState).toEqual({ status: 'finished', result, error: null });
    expect(open().current).toBe('summary');
    release();
  });
});
