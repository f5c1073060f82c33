/**
 * The Network page's state: the ARP sweep, the Fix flow of one problem, the IP plan and the
 * journal of laptop changes. Problems themselves are derived (model/problems.ts) from discovery's
 * devices, the sweep and the fixes verified in this session.
 *
 * Passwords never enter this store: the fix and the plan take them as an argument, straight from
 * the form field into the `net.setIp` call.
 */
import type { FixStep, NetJournalEntry, NetScanResult, SetIpResult } from '../../../../src/contract';
import { errorMessage } from '../../stores/deps';
import type { SliceCreator } from '../../stores/types';
import { laptopSubnets } from '../devices/lan-map';
import { candidateAddresses, parseAddressPool } from './model/addresses';
import { buildSetIpRequest, defaultMember, fixDraftErrors, subnetOn, usableInterfaces, type FixDraft, type SetIpInput } from './model/fix-plan';
import { orderPlanDevices, planDeviceOf, planFormErrors, planIpAssignments, type PlanDevice, type PlanPreview, type SkipReason } from './model/ip-plan';
import { knownAddresses, memberKey, type FixedNote, type Problem } from './model/problems';

/** Addresses probed per "suggest" (each probe waits about a second for an answer). */
export const SUGGEST_TRIES = 6;
/** Probes in flight at once while previewing a plan. */
export const PLAN_PROBE_CONCURRENCY = 8;

export interface SweepState {
  /** The form. */
  cidr: string;
  iface: string;
  status: 'idle' | 'running' | 'done' | 'error';
  /** The CIDR of the sweep in flight (progress events name it). */
  runningCidr: string | null;
  progress: { done: number; total: number; found: number } | null;
  result: (NetScanResult & { iface: string; cidr: string; at: string }) | null;
  error: string | null;
}

/** The fix of one problem, from the form to the verified result. */
export interface FixRun {
  /** The problem as it was when the fix opened (the plan and the result refer to it). */
  problem: Problem;
  draft: FixDraft;
  /** The technician typed an address: suggestions no longer overwrite it. */
  newIpTouched: boolean;
  suggest: { status: 'idle' | 'probing' | 'found' | 'none' | 'noSubnet' | 'error'; ip: string | null; tried: string[]; error: string | null };
  status: 'editing' | 'running' | 'done' | 'failed';
  /** Steps as they happen (net.fixStep), then the result's. */
  steps: FixStep[];
  result: SetIpResult | null;
  /** A call that failed before the core could run the flow (invalid input, unreachable core). */
  error: string | null;
  /** What was asked, without the credentials. */
  sent: Omit<SetIpInput, 'credentials'> | null;
}

export interface PlanApplyRow {
  device: PlanDevice;
  to: string | null;
  status: 'waiting' | 'running' | 'ok' | 'failed' | 'skipped';
  steps: FixStep[];
  result: SetIpResult | null;
  error: string | null;
}

export interface PlanState {
  /** Discovery ids of the devices to renumber. */
  selected: string[];
  pool: string;
  prefix: string;
  gateway: string;
  iface: string;
  username: string;
  preview: (PlanPreview & { prefix: number; gateway: string | null; iface: string }) | null;
  previewStatus: 'idle' | 'probing' | 'ready' | 'error';
  probing: { done: number; total: number } | null;
  previewError: string | null;
  apply: { status: 'idle' | 'running' | 'done' | 'stopped'; stopRequested: boolean; rows: PlanApplyRow[] };
}

export interface JournalState {
  entries: NetJournalEntry[];
  outstanding: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  busy: boolean;
  /** The last revert: how many were undone, and the failures with why. */
  lastRevert: { reverted: number; failed: Array<{ id: number; error: string }> } | null;
}

export interface NetworkState {
  sweep: SweepState;
  fix: FixRun | null;
  /** Verified moves of this session, by member key (model/problems.ts memberKey). */
  fixed: Record<string, FixedNote>;
  plan: PlanState;
  journal: JournalState;
}

export interface NetworkSlice {
  network: NetworkState;
  /** Subscribes to the net events and loads the journal; returns the function that stops listening. */
  netActivate(): () => void;
  netSetSweep(patch: Partial<Pick<SweepState, 'cidr' | 'iface'>>): void;
  netSweep(): Promise<void>;
  netApplyScanProgress(p: { cidr: string; done: number; total: number; found: number }): void;
  /** Opens the Fix flow of a problem with a first draft, and starts looking for a free address. */
  netOpenFix(problem: Problem, draft: FixDraft): void;
  netCloseFix(): void;
  netSetFixDraft(patch: Partial<FixDraft>): void;
  /** Probes addresses of the laptop's subnet on the fix's NIC; the first free one fills the form. */
  netSuggestAddress(another?: boolean): Promise<void>;
  netRunFix(password: string): Promise<void>;
  netApplyFixStep(step: FixStep & { ip: string }): void;
  netSetPlan(patch: Partial<Pick<PlanState, 'pool' | 'prefix' | 'gateway' | 'iface' | 'username'>>): void;
  netTogglePlanDevice(id: string, on: boolean): void;
  netPlanPreview(): Promise<void>;
  netPlanApply(password: string): Promise<void>;
  netPlanStop(): void;
  netLoadJournal(): Promise<void>;
  netRevertJournal(): Promise<void>;
  /** Removes one alias still in place (its journal row is reverted). */
  netRemoveAlias(entry: NetJournalEntry): Promise<void>;
}

const IDLE_SWEEP: SweepState = { cidr: '', iface: '', status: 'idle', runningCidr: null, progress: null, result: null, error: null };
const IDLE_PLAN: PlanState = {
  selected: [], pool: '', prefix: '', gateway: '', iface: '', username: 'admin',
  preview: null, previewStatus: 'idle', probing: null, previewError: null,
  apply: { status: 'idle', stopRequested: false, rows: [] },
};
const IDLE_JOURNAL: JournalState = { entries: [], outstanding: 0, status: 'idle', error: null, busy: false, lastRevert: null };

/** Normalises "a.b.c.d / p" as typed into the form the core echoes in its progress events. */
const canonicalCidr = (s: string): string => s.replace(/\s+/g, '');

/** Runs `fn` over `items` with at most `limit` in flight, keeping the order of the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const createNetworkSlice: SliceCreator<NetworkSlice> = (deps) => (set, get) => {
  const api = () => {
    const net = deps.api.net;
    if (!net) throw new Error('The network service is not available in this host.');
    return net;
  };
  const patch = (p: Partial<NetworkState> | ((n: NetworkState) => Partial<NetworkState>)) =>
    set((st) => ({ network: { ...st.network, ...(typeof p === 'function' ? p(st.network) : p) } }));
  const patchSweep = (p: Partial<SweepState>) => patch((n) => ({ sweep: { ...n.sweep, ...p } }));
  const patchPlan = (p: Partial<PlanState> | ((pl: PlanState) => Partial<PlanState>)) =>
    patch((n) => ({ plan: { ...n.plan, ...(typeof p === 'function' ? p(n.plan) : p) } }));
  /** Patches the open fix only if it is still the one for `key` (it may have been closed meanwhile). */
  const patchFix = (key: string, p: Partial<FixRun> | ((f: FixRun) => Partial<FixRun>)) =>
    patch((n) => (n.fix && n.fix.problem.key === key ? { fix: { ...n.fix, ...(typeof p === 'function' ? p(n.fix) : p) } } : {}));
  const nowIso = () => (deps.now?.() ?? new Date()).toISOString();
  const devices = () => Object.values(get().devices.byId);
  const laptop = () => {
    const interfaces = get().system.interfaces;
    return laptopSubnets(interfaces, usableInterfaces(interfaces).map((i) => i.name));
  };
  /** Every laptop IPv4 address, on any interface. */
  const laptopAddrs = () => get().system.interfaces.flatMap((i) => i.addresses.filter((a) => a.family === 'IPv4').map((a) => a.address));
  const known = () =>
    knownAddresses({ devices: devices(), sweepHosts: get().network.sweep.result?.hosts ?? [], laptop: laptop(), fixed: get().network.fixed });
  const busy = () => get().network.fix?.status === 'running' || get().network.plan.apply.status === 'running';
  const noteFixed = (m: { mac: string | null; deviceId: string | null }, from: string, to: string) =>
    patch((n) => ({ fixed: { ...n.fixed, [memberKey(m)]: { memberKey: memberKey(m), mac: m.mac, from, to, at: nowIso() } } }));

  let suggestGeneration = 0;
  let previewGeneration = 0;

  return {
    network: { sweep: IDLE_SWEEP, fix: null, fixed: {}, plan: IDLE_PLAN, journal: IDLE_JOURNAL },

    netActivate: () => {
      const offs = deps.on
        ? [
            deps.on('net.fixStep', (s) => get().netApplyFixStep(s)),
            deps.on('net.scanProgress', (p) => get().netApplyScanProgress(p)),
            deps.on('net.journal', () => void get().netLoadJournal()),
          ]
        : [];
      void get().netLoadJournal();
      return () => offs.forEach((off) => off());
    },

    netSetSweep: (p) => patchSweep(p),

    netSweep: async () => {
      const { sweep } = get().network;
      if (sweep.status === 'running') return;
      const cidr = canonicalCidr(sweep.cidr);
      patchSweep({ status: 'running', runningCidr: cidr, progress: null, error: null });
      try {
        const r = await api().scan({ cidr, ...(sweep.iface ? { iface: sweep.iface } : {}) });
        patchSweep({ status: 'done', runningCidr: null, result: { ...r, cidr, at: nowIso() } });
      } catch (err) {
        patchSweep({ status: 'error', runningCidr: null, error: errorMessage(err) });
      }
    },

    netApplyScanProgress: (p) => {
      const { sweep } = get().network;
      if (sweep.status === 'running' && sweep.runningCidr === p.cidr) patchSweep({ progress: { done: p.done, total: p.total, found: p.found } });
    },

    netOpenFix: (problem, draft) => {
      if (get().network.fix?.status === 'running') return;
      suggestGeneration++;
      patch({
        fix: {
          problem, draft, newIpTouched: draft.newIp !== '',
          suggest: { status: 'idle', ip: null, tried: [], error: null },
          status: 'editing', steps: [], result: null, error: null, sent: null,
        },
      });
      if (draft.newIp === '') void get().netSuggestAddress();
    },

    netCloseFix: () => {
      if (get().network.fix?.status === 'running') return;
      suggestGeneration++;
      patch({ fix: null });
    },

    netSetFixDraft: (p) => {
      const fix = get().network.fix;
      if (!fix || fix.status === 'running') return;
      const touched = fix.newIpTouched || p.newIp !== undefined;
      const draft = { ...fix.draft, ...p };
      const ifaceChanged = p.iface !== undefined && p.iface !== fix.draft.iface;
      if (ifaceChanged && !touched) {
        const home = subnetOn(laptop(), draft.iface);
        if (home) draft.prefix = String(home.prefix);
      }
      // A new form after a finished run: the technician is preparing another attempt.
      const reset = fix.status === 'editing' ? {} : { status: 'editing' as const, steps: [], result: null, error: null, sent: null };
      patchFix(fix.problem.key, { draft, newIpTouched: touched, ...reset });
      if (ifaceChanged && !touched) void get().netSuggestAddress();
    },

    netSuggestAddress: async (another = false) => {
      const fix = get().network.fix;
      if (!fix || fix.status === 'running') return;
      const key = fix.problem.key;
      const mine = ++suggestGeneration;
      const home = subnetOn(laptop(), fix.draft.iface);
      if (!home) {
        patchFix(key, { suggest: { status: 'noSubnet', ip: null, tried: [], error: null } });
        return;
      }
      const tried = another ? [...fix.suggest.tried, ...(fix.suggest.ip ? [fix.suggest.ip] : [])] : [];
      const used = new Set([...known(), ...tried, fix.problem.ip]);
      const candidates = candidateAddresses(home.cidr, used, SUGGEST_TRIES);
      patchFix(key, { suggest: { status: 'probing', ip: null, tried, error: null } });
      try {
        for (const ip of candidates) {
          const r = await api().probe({ ip, iface: fix.draft.iface });
          if (mine !== suggestGeneration) return;
          if (r.free) {
            patchFix(key, (f) => ({
              suggest: { status: 'found', ip, tried: [...f.suggest.tried], error: null },
              ...(another || !f.newIpTouched ? { draft: { ...f.draft, newIp: ip, prefix: String(home.prefix) }, newIpTouched: another ? false : f.newIpTouched } : {}),
            }));
            return;
          }
          patchFix(key, (f) => ({ suggest: { ...f.suggest, tried: [...f.suggest.tried, ip] } }));
        }
        patchFix(key, (f) => ({ suggest: { ...f.suggest, status: 'none' } }));
      } catch (err) {
        if (mine === suggestGeneration) patchFix(key, (f) => ({ suggest: { ...f.suggest, status: 'error', error: errorMessage(err) } }));
      }
    },

    netRunFix: async (password) => {
      const fix = get().network.fix;
      if (!fix || busy()) return;
      if (Object.keys(fixDraftErrors(fix.problem, fix.draft)).length) return;
      const key = fix.problem.key;
      suggestGeneration++;
      const req = buildSetIpRequest(fix.problem, fix.draft, password);
      const { credentials: _credentials, ...sent } = req;
      patchFix(key, (f) => ({ status: 'running', steps: [], result: null, error: null, sent, suggest: f.suggest.status === 'probing' ? { ...f.suggest, status: 'idle' } : f.suggest }));
      try {
        const r = await api().setIp(req);
        patchFix(key, { status: r.ok ? 'done' : 'failed', result: r, steps: r.steps });
        if (r.verified) {
          const member = fix.problem.members.find((m) => m.mac === fix.draft.mac) ?? defaultMember(fix.problem);
          if (member) noteFixed(member, fix.problem.ip, req.newCidr.split('/')[0]!);
        }
      } catch (err) {
        patchFix(key, { status: 'failed', error: errorMessage(err) });
      }
      void get().netLoadJournal();
    },

    netApplyFixStep: (s) => {
      const { fix, plan } = get().network;
      const step: FixStep = { name: s.name, ok: s.ok, detail: s.detail, at: s.at };
      if (fix?.status === 'running' && fix.sent?.ip === s.ip) {
        patchFix(fix.problem.key, (f) => ({ steps: [...f.steps, step] }));
        return;
      }
      if (plan.apply.status === 'running') {
        patchPlan((pl) => ({
          apply: { ...pl.apply, rows: pl.apply.rows.map((r) => (r.status === 'running' && r.device.ip === s.ip ? { ...r, steps: [...r.steps, step] } : r)) },
        }));
      }
    },

    netSetPlan: (p) => {
      if (get().network.plan.apply.status === 'running') return;
      previewGeneration++;
      patchPlan({ ...p, preview: null, previewStatus: 'idle', probing: null, previewError: null });
    },

    netTogglePlanDevice: (id, on) => {
      if (get().network.plan.apply.status === 'running') return;
      previewGeneration++;
      patchPlan((pl) => ({
        selected: on ? [...pl.selected.filter((x) => x !== id), id] : pl.selected.filter((x) => x !== id),
        preview: null, previewStatus: 'idle', probing: null, previewError: null,
      }));
    },

    netPlanPreview: async () => {
      const plan = get().network.plan;
      if (plan.previewStatus === 'probing' || plan.apply.status === 'running') return;
      const pool = parseAddressPool(plan.pool);
      const planned = orderPlanDevices(
        plan.selected.map((id) => get().devices.byId[id]).flatMap((d) => (d ? [planDeviceOf(d)].filter((x): x is PlanDevice => x !== null) : [])),
      );
      const errors = planFormErrors({
        deviceCount: planned.length, pool: pool.ok ? pool.addresses : null, prefix: plan.prefix, gateway: plan.gateway, iface: plan.iface, username: plan.username,
      });
      if (!pool.ok || errors.length) return;
      const prefix = Number(plan.prefix);
      const gateway = plan.gateway.trim() || null;
      const inUse = new Map<string, SkipReason>();
      for (const ip of laptopAddrs()) inUse.set(ip, { kind: 'laptop' });
      for (const h of get().network.sweep.result?.hosts ?? []) inUse.set(h.ip, { kind: 'sweep', macs: h.macs });
      for (const d of devices()) for (const ip of d.ips) inUse.set(ip, { kind: 'device', label: d.name ?? d.model ?? d.mac ?? ip });
      for (const f of Object.values(get().network.fixed)) inUse.set(f.to, { kind: 'device', label: f.mac ?? f.to });
      const mine = ++previewGeneration;
      patchPlan({ previewStatus: 'probing', preview: null, probing: { done: 0, total: 0 }, previewError: null });
      const probed = new Set<string>();
      try {
        // Plan, probe what the plan picked, plan again without what answered: ends when every pick is free.
        for (;;) {
          const preview = planIpAssignments({ devices: planned, pool: pool.addresses, prefix, gateway, inUse });
          const todo = preview.rows.map((r) => r.to).filter((ip): ip is string => ip !== null && !probed.has(ip));
          if (todo.length === 0) {
            patchPlan({ previewStatus: 'ready', probing: null, preview: { ...preview, prefix, gateway, iface: plan.iface } });
            return;
          }
          patchPlan({ probing: { done: probed.size, total: probed.size + todo.length } });
          const results = await mapLimited(todo, PLAN_PROBE_CONCURRENCY, (ip) => api().probe({ ip, iface: plan.iface }));
          if (mine !== previewGeneration) return;
          for (const r of results) {
            probed.add(r.ip);
            if (!r.free) inUse.set(r.ip, { kind: 'probe', macs: r.macs });
          }
        }
      } catch (err) {
        if (mine === previewGeneration) patchPlan({ previewStatus: 'error', probing: null, previewError: errorMessage(err) });
      }
    },

    netPlanApply: async (password) => {
      const plan = get().network.plan;
      const preview = plan.preview;
      if (!preview || plan.previewStatus !== 'ready' || busy()) return;
      const rows: PlanApplyRow[] = preview.rows.map((r) => ({ device: r.device, to: r.to, status: r.to ? 'waiting' : 'skipped', steps: [], result: null, error: null }));
      patchPlan({ apply: { status: 'running', stopRequested: false, rows } });
      const setRow = (i: number, p: Partial<PlanApplyRow>) =>
        patchPlan((pl) => ({ apply: { ...pl.apply, rows: pl.apply.rows.map((r, j) => (j === i ? { ...r, ...p } : r)) } }));
      let stopped = false;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (!row.to) continue;
        if (get().network.plan.apply.stopRequested) {
          stopped = true;
          setRow(i, { status: 'skipped' });
          continue;
        }
        setRow(i, { status: 'running' });
        const d = row.device;
        const req: SetIpInput = {
          iface: preview.iface,
          ip: d.ip,
          credentials: { username: plan.username.trim(), password },
          newCidr: `${row.to}/${preview.prefix}`,
          ...(d.mac ? { mac: d.mac } : {}),
          ...(d.xaddr ? { xaddr: d.xaddr } : {}),
          ...(d.prefix ? { prefix: d.prefix } : {}),
          ...(preview.gateway ? { gateway: preview.gateway } : {}),
        };
        try {
          const r = await api().setIp(req);
          setRow(i, { status: r.ok ? 'ok' : 'failed', result: r, steps: r.steps });
          if (r.verified) noteFixed({ mac: d.mac, deviceId: d.id }, d.ip, row.to);
        } catch (err) {
          setRow(i, { status: 'failed', error: errorMessage(err) });
        }
      }
      patchPlan((pl) => ({ preview: null, previewStatus: 'idle', apply: { ...pl.apply, status: stopped ? 'stopped' : 'done', stopRequested: false } }));
      void get().netLoadJournal();
    },

    netPlanStop: () => {
      if (get().network.plan.apply.status === 'running') patchPlan((pl) => ({ apply: { ...pl.apply, stopRequested: true } }));
    },

    netLoadJournal: async () => {
      patch((n) => ({ journal: { ...n.journal, status: n.journal.status === 'ready' ? 'ready' : 'loading', error: null } }));
      try {
        const r = await api().journal({ limit: 100 });
        patch((n) => ({ journal: { ...n.journal, entries: r.entries, outstanding: r.outstanding, status: 'ready', error: null } }));
      } catch (err) {
        patch((n) => ({ journal: { ...n.journal, status: 'error', error: errorMessage(err) } }));
      }
    },

    netRevertJournal: async () => {
      if (get().network.journal.busy || busy()) return;
      patch((n) => ({ journal: { ...n.journal, busy: true, error: null } }));
      try {
        const r = await api().journalRevert();
        patch((n) => ({
          journal: { ...n.journal, busy: false, lastRevert: { reverted: r.reverted.length, failed: r.failed.map((f) => ({ id: f.entry.id, error: f.error })) } },
        }));
      } catch (err) {
        patch((n) => ({ journal: { ...n.journal, busy: false, error: errorMessage(err) } }));
      }
      await get().netLoadJournal();
    },

    netRemoveAlias: async (entry) => {
      if (entry.change.kind !== 'address' || get().network.journal.busy || busy()) return;
      patch((n) => ({ journal: { ...n.journal, busy: true, error: null } }));
      try {
        await api().aliasRemove({ cidr: entry.change.cidr, iface: entry.change.iface });
        patch((n) => ({ journal: { ...n.journal, busy: false } }));
      } catch (err) {
        patch((n) => ({ journal: { ...n.journal, busy: false, error: errorMessage(err) } }));
      }
      await get().netLoadJournal();
    },
  };
};
