/**
 * The Setup page's state in the app store: runs the technician can continue,
 * the open run (its own store, see run-store.ts), and the commissioning
 * records with their exports. The wizard's draft lives in the run's store,
 * not here, so cancelling a run drops all of it at once.
 */
import type { CommissioningRecord, RecordLang, WizardRunSummary, WizardStepId } from '../../../../src/contract';
import { errorMessage } from '../../stores/deps';
import type { SliceCreator } from '../../stores/types';
import { createRunStore, type RunStore } from './run-store';

export interface RecordsState {
  sites: { site: string; records: number }[];
  /** The site shown; null = every site. */
  site: string | null;
  list: CommissioningRecord[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The printable report open in the page, in one language. */
  report: { html: string; lang: RecordLang; filename: string } | null;
}

export interface SetupState {
  run: RunStore | null;
  /** Runs a crash or restart left unfinished (`wizard.resumable`), and drafts not applied yet. */
  resumable: WizardRunSummary[];
  drafts: WizardRunSummary[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  starting: boolean;
  records: RecordsState;
}

export interface SetupSlice {
  setup: SetupState;
  /** Loads the runs to continue and the records; follows the core's run and record events. */
  setupActivate(): () => void;
  setupLoadRuns(): Promise<void>;
  setupStart(form: { site: string; technician: string; iface: string | null }): Promise<void>;
  /** Opens an unfinished run; an interrupted one continues applying at once. */
  setupOpen(id: number, opts?: { continueApply?: boolean }): Promise<void>;
  /** Deletes a run that is not applying (a draft, or an interrupted run not to be continued). */
  setupDiscard(id: number): Promise<void>;
  /** Closes the open run: its store goes; a draft is also deleted in the core when `discard`. */
  setupClose(discard: boolean): Promise<void>;
  setupLoadRecords(site?: string | null): Promise<void>;
  /** The export of the shown site, as a file to hand to the browser. */
  setupExportRecords(format: 'html' | 'csv', lang: RecordLang): Promise<{ filename: string; mimeType: string; content: string } | null>;
  setupOpenReport(lang: RecordLang): Promise<void>;
  setupCloseReport(): void;
}

const IDLE_RECORDS: RecordsState = { sites: [], site: null, list: [], status: 'idle', error: null, report: null };

export const createSetupSlice: SliceCreator<SetupSlice> = (deps) => (set, get) => {
  const wizard = () => {
    const w = deps.api.wizard;
    if (!w) throw new Error('The setup wizard is not available in this host.');
    return w;
  };
  const records = () => {
    const r = deps.api.records;
    if (!r) throw new Error('Commissioning records are not available in this host.');
    return r;
  };
  const patch = (p: Partial<SetupState> | ((s: SetupState) => Partial<SetupState>)) =>
    set((st) => ({ setup: { ...st.setup, ...(typeof p === 'function' ? p(st.setup) : p) } }));
  const patchRecords = (p: Partial<RecordsState>) => patch((s) => ({ records: { ...s.records, ...p } }));
  let stepIds: WizardStepId[] | null = null;
  const steps = async () => (stepIds ??= (await wizard().stepIds()).map((s) => s.id));
  const adopt = async (id: number, start?: WizardStepId) => {
    const [run, ids] = await Promise.all([wizard().get(id), steps()]);
    get().setup.run?.getState().dispose();
    const store = createRunStore({ api: wizard(), ...(deps.on ? { on: deps.on } : {}) }, run, ids, start);
    patch({ run: store });
    return store;
  };

  return {
    setup: { run: null, resumable: [], drafts: [], status: 'idle', error: null, starting: false, records: IDLE_RECORDS },

    setupActivate: () => {
      const openRun = () => get().setup.run?.getState();
      const offs = deps.on
        ? [
            deps.on('wizard.run', (r) => {
              void get().setupLoadRuns();
              // The open run started or ended applying in the core, whoever asked: show where it is now.
              if (r.id === openRun()?.run.id) void openRun()?.refresh();
            }),
            deps.on('records.added', () => void get().setupLoadRecords(get().setup.records.site)),
          ]
        : [];
      void get().setupLoadRuns();
      void get().setupLoadRecords(get().setup.records.site);
      // The page activates again after a reconnect: the open run may have moved on while the link was
      // down (an apply cut off from this page goes on in the core), and its events were lost.
      void openRun()?.refresh();
      return () => offs.forEach((off) => off());
    },

    setupLoadRuns: async () => {
      patch((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading' }));
      try {
        const [resumable, all] = await Promise.all([wizard().resumable(), wizard().list()]);
        const open = get().setup.run?.getState().run.id;
        patch({ resumable, drafts: all.filter((r) => r.state === 'draft' && r.id !== open), status: 'ready', error: null });
      } catch (err) {
        patch({ status: 'error', error: errorMessage(err) });
      }
    },

    setupStart: async (form) => {
      if (get().setup.starting) return;
      patch({ starting: true, error: null });
      try {
        const run = await wizard().create(form);
        await adopt(run.id, 'devices');
        patch({ starting: false });
        void get().setupLoadRuns();
      } catch (err) {
        patch({ starting: false, error: errorMessage(err) });
      }
    },

    setupOpen: async (id, opts) => {
      patch({ error: null });
      try {
        const store = await adopt(id);
        if (opts?.continueApply && store.getState().run.state === 'interrupted') void store.getState().apply();
        void get().setupLoadRuns();
      } catch (err) {
        patch({ error: errorMessage(err) });
      }
    },

    setupDiscard: async (id) => {
      try {
        await wizard().discard(id);
      } catch (err) {
        patch({ error: errorMessage(err) });
      }
      void get().setupLoadRuns();
    },

    setupClose: async (discard) => {
      const store = get().setup.run;
      if (!store) return;
      const st = store.getState();
      if (st.applyState.status === 'running' || st.applyState.status === 'cancelling') return;
      st.dispose();
      patch({ run: null });
      if (discard && st.run.state === 'draft') await wizard().discard(st.run.id).catch(() => undefined);
      void get().setupLoadRuns();
    },

    setupLoadRecords: async (site = null) => {
      patchRecords({ status: 'loading', site, error: null });
      try {
        const [sites, list] = await Promise.all([records().sites(), records().list(site ? { site, limit: 1000 } : { limit: 1000 })]);
        if (get().setup.records.site !== site) return;
        patchRecords({ sites, list, status: 'ready' });
      } catch (err) {
        patchRecords({ status: 'error', error: errorMessage(err) });
      }
    },

    setupExportRecords: async (format, lang) => {
      const site = get().setup.records.site;
      try {
        return await records().export({ format, lang, ...(site ? { site } : {}) });
      } catch (err) {
        patchRecords({ error: errorMessage(err) });
        return null;
      }
    },

    setupOpenReport: async (lang) => {
      const file = await get().setupExportRecords('html', lang);
      if (file) patchRecords({ report: { html: file.content, lang, filename: file.filename } });
    },

    setupCloseReport: () => patchRecords({ report: null }),
  };
};
