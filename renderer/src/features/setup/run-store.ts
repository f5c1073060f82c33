/**
 * One wizard run's store: created when a run starts (or is resumed) and thrown
 * away when the technician cancels or closes it, so nothing of one run leaks
 * into the next (the architecture's "a separate store per wizard run").
 *
 * Passwords never enter this store: the login and new-password actions take
 * them as arguments and pass them straight to the core, which keeps them in
 * its vault; the store only learns the vault's metadata and the strength.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApplyResult, CredentialMeta, DeviceProgress, EventPayload, PasswordCheck, PlannedDevice, Topic, WizardProblem, WizardRun, WizardStepId,
} from '../../../../src/contract';
import { errorMessage, type StoreDeps } from '../../stores/deps';
import type { DeviceInput } from './model/draft';
import { foldProgress, progressFromResult, type ProgressEvent } from './model/progress';

export type WizardApi = NonNullable<StoreDeps['api']['wizard']>;

/** What one run's pages show. */
export interface RunState {
  run: WizardRun;
  /** The pages in the core's order (`wizard.stepIds`). */
  stepIds: WizardStepId[];
  current: WizardStepId;
  /** A draft call in flight (the pages disable their inputs). */
  busy: boolean;
  error: string | null;
  importErrors: { line: number; message: string }[];
  credentials: CredentialMeta[];
  /** The strength of the candidate new password (never the password). */
  strength: PasswordCheck | null;
  plan: { devices: PlannedDevice[]; problems: WizardProblem[] } | null;
  planStatus: 'idle' | 'loading' | 'ready' | 'error';
  applyState: { status: 'idle' | 'running' | 'cancelling' | 'finished' | 'error'; result: ApplyResult | null; error: string | null };
  progress: DeviceProgress[];
}

export interface RunActions {
  goTo(step: WizardStepId): void;
  next(): void;
  back(): void;
  /**
   * Reads the run again (after a reconnect, or when the core says it changed state). Unless an apply
   * call of this page is waiting for the core, the apply state then follows the run's state.
   */
  refresh(): Promise<void>;
  updateDevices(devices: DeviceInput[]): Promise<void>;
  updateMeta(patch: { site?: string; technician?: string; iface?: string | null }): Promise<void>;
  importPlan(csv: string): Promise<void>;
  loadCredentials(): Promise<void>;
  /** Saves the login in the vault; the password is not kept here. */
  setLogin(username: string, password: string): Promise<boolean>;
  useCredential(id: string): Promise<void>;
  checkPassword(password: string): Promise<void>;
  /** Sets the new password of every device (mac null) or one; true when the core took it. */
  setNewPassword(mac: string | null, password: string): Promise<boolean>;
  loadPlan(): Promise<void>;
  /** Applies the plan (or continues it), following progress live. */
  apply(): Promise<void>;
  cancelApply(): Promise<void>;
  applyProgress(ev: ProgressEvent): void;
  /** Stops listening to the core; the store is not used after this. */
  dispose(): void;
}

export type RunStore = StoreApi<RunState & RunActions>;

export interface RunStoreDeps {
  api: WizardApi;
  on?: <T extends Topic>(topic: T, cb: (payload: EventPayload<T>) => void) => () => void;
}

/** The page a run opens on: where it stopped for a run that applied, else the first. */
export function openingStep(run: WizardRun): WizardStepId {
  if (run.state === 'applying' || run.state === 'interrupted') return 'apply';
  if (run.state === 'done' || run.state === 'failed' || run.state === 'cancelled') return 'summary';
  return 'devices';
}

/** Pages the technician can go to now, in order. */
export function availableSteps(s: Pick<RunState, 'run' | 'stepIds'>): WizardStepId[] {
  const avail = new Map(s.run.steps.map((x) => [x.id, x.available]));
  return s.stepIds.filter((id) => avail.get(id) ?? false);
}

type ApplyState = RunState['applyState'];

/**
 * The apply state a run read from the core implies when no apply call of this page follows it: the
 * call was cut off (a dropped link rejects it while the core carries on) or there never was one.
 */
export function settledApply(run: WizardRun, current: ApplyState): ApplyState {
  switch (run.state) {
    case 'applying':
      return current.status === 'running' || current.status === 'cancelling' ? current : { status: 'running', result: null, error: null };
    case 'done':
    case 'failed':
    case 'cancelled':
      return current.status === 'finished' ? current : { status: 'finished', result: null, error: null };
    case 'interrupted':
      // Its process is gone: any error of the cut-off call is stale, and the page offers Continue.
      return { status: 'idle', result: null, error: null };
    case 'draft':
      // The apply never reached the core: its error (and Continue) still stand.
      return current;
  }
}

export function createRunStore(deps: RunStoreDeps, run: WizardRun, stepIds: WizardStepId[], start?: WizardStepId): RunStore {
  const offs: Array<() => void> = [];
  const store = createStore<RunState & RunActions>()((set, get) => {
    /** Runs a draft call: busy while it runs, its error shown, the run refreshed from its answer. */
    const call = async <T>(fn: () => Promise<T>, after?: (v: T) => void): Promise<T | undefined> => {
      set({ busy: true, error: null });
      try {
        const v = await fn();
        after?.(v);
        set({ busy: false, plan: null, planStatus: 'idle' });
        return v;
      } catch (err) {
        set({ busy: false, error: errorMessage(err) });
        return undefined;
      }
    };
    const id = run.id;
    /** Apply calls this page started, and whether one is waiting for the core (it then owns the apply state). */
    let applyCalls = 0;
    let applyWaiting = false;
    /** Reads by refresh: only the latest one lands. */
    let reads = 0;
    const move = (delta: 1 | -1) => {
      const list = availableSteps(get());
      const all = get().stepIds;
      const at = all.indexOf(get().current);
      const target = (delta === 1 ? all.slice(at + 1) : all.slice(0, at).reverse()).find((x) => list.includes(x) && x !== 'apply' && x !== 'summary');
      if (target) get().goTo(target);
    };

    return {
      run,
      stepIds,
      current: start ?? openingStep(run),
      busy: false,
      error: null,
      importErrors: [],
      credentials: [],
      strength: null,
      plan: null,
      planStatus: 'idle',
      applyState: { status: 'idle', result: null, error: null },
      progress: run.progress,

      goTo: (step) => {
        set({ current: step, error: null });
        if (step === 'review') void get().loadPlan();
        if (step === 'credentials') void get().loadCredentials();
      },
      next: () => move(1),
      back: () => move(-1),

      // Not through `call`: a read changes nothing in the draft, so the plan stays and inputs stay enabled.
      refresh: async () => {
        const mine = ++reads;
        const calls = applyCalls;
        try {
          const r = await deps.api.get(id);
          if (mine !== reads) return;
          if (applyWaiting || calls !== applyCalls) {
            set({ run: r });
            return;
          }
          set((s) => {
            const applyState = settledApply(r, s.applyState);
            if (applyState === s.applyState) return { run: r };
            // An apply that ended while nobody waited for it moves on to the summary, as a finished call does.
            const toSummary = applyState.status === 'finished' && s.current === 'apply';
            return { run: r, applyState, progress: r.progress, ...(toSummary ? { current: 'summary' as const } : {}) };
          });
        } catch (err) {
          if (mine === reads) set({ error: errorMessage(err) });
        }
      },

      updateDevices: async (list) => {
        await call(() => deps.api.update(id, { devices: list }), (r) => set({ run: r }));
      },

      updateMeta: async (patch) => {
        await call(() => deps.api.update(id, patch), (r) => set({ run: r }));
      },

      importPlan: async (csv) => {
        await call(() => deps.api.importPlan(id, { csv }), ({ errors, ...r }) => set({ run: r, importErrors: errors }));
      },

      loadCredentials: async () => {
        try {
          const list = await deps.api.credentials({ site: get().run.draft.site });
          // Only logins are offered; new passwords saved for devices are not a way in yet.
          set({ credentials: list.filter((c) => c.label.startsWith('login ')) });
        } catch (err) {
          set({ error: errorMessage(err) });
        }
      },

      setLogin: async (username, password) => {
        const ok = await call(async () => {
          await deps.api.setLogin(id, { username, password });
          return deps.api.get(id);
        }, (r) => set({ run: r }));
        if (ok) void get().loadCredentials();
        return ok !== undefined;
      },

      useCredential: async (credId) => {
        await call(() => deps.api.useCredential(id, credId), (r) => set({ run: r }));
      },

      checkPassword: async (password) => {
        if (!password) {
          set({ strength: null });
          return;
        }
        try {
          set({ strength: await deps.api.checkPassword(password, get().run?.draft.username || undefined) });
        } catch {
          set({ strength: null });
        }
      },

      setNewPassword: async (mac, password) => {
        const ok = await call(async () => {
          const s = await deps.api.setNewPassword(id, { mac, password });
          set({ strength: s });
          return deps.api.get(id);
        }, (r) => set({ run: r }));
        return ok !== undefined;
      },

      loadPlan: async () => {
        set({ planStatus: 'loading' });
        try {
          const plan = await deps.api.plan(id);
          set({ plan, planStatus: 'ready' });
        } catch (err) {
          set({ planStatus: 'error', error: errorMessage(err) });
        }
      },

      apply: async () => {
        const st = get().applyState.status;
        if (st === 'running' || st === 'cancelling') return;
        set({ current: 'apply', applyState: { status: 'running', result: null, error: null }, error: null });
        applyCalls++;
        applyWaiting = true;
        try {
          const result = await deps.api.apply(id);
          applyWaiting = false;
          set((s) => ({ applyState: { status: 'finished', result, error: null }, progress: progressFromResult(s.progress, result) }));
          const r = await deps.api.get(id).catch(() => null);
          set((s) => ({ ...(r ? { run: r } : {}), current: 'summary', progress: r ? mergeFinal(r.progress, s.progress) : s.progress }));
        } catch (err) {
          applyWaiting = false;
          set({ applyState: { status: 'error', result: null, error: errorMessage(err) } });
          const r = await deps.api.get(id).catch(() => null);
          if (r) set({ run: r, progress: r.progress });
        }
      },

      cancelApply: async () => {
        if (get().applyState.status !== 'running') return;
        set((s) => ({ applyState: { ...s.applyState, status: 'cancelling' } }));
        try {
          await deps.api.cancel(id);
        } catch (err) {
          set({ error: errorMessage(err) });
        }
      },

      applyProgress: (ev) => {
        if (ev.runId !== id) return;
        set((s) => ({ progress: foldProgress(s.progress, ev) }));
      },

      dispose: () => {
        offs.splice(0).forEach((off) => off());
      },
    };
  });
  if (deps.on) {
    offs.push(deps.on('wizard.progress', (ev) => store.getState().applyProgress(ev)));
  }
  return store;
}

/**
 * After apply, the run read back has every step of every device (including
 * those verified in an earlier attempt); devices the result reported but the
 * read does not know keep the result's rows.
 */
function mergeFinal(persisted: readonly DeviceProgress[], fromResult: readonly DeviceProgress[]): DeviceProgress[] {
  const known = new Map(persisted.map((p) => [p.mac, p]));
  return fromResult.map((r) => {
    const p = known.get(r.mac);
    return p && p.steps.length ? { ...p, state: r.state === 'failed' || p.state === 'failed' ? 'failed' : p.state } : r;
  });
}
