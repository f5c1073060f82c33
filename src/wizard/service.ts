import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Handlers } from '../contract';
import { FieldKitError } from '../contract/errors';
import type { DeviceSnapshot, DraftDevice, WizardDraft, WizardRun } from '../contract/wizard';
import { WIZARD_STEP_IDS } from '../contract/wizard';
import { tryNormaliseMac } from '../discovery/protocols/mac';
import type { LaptopJournal } from '../net/journal';
import { OnvifDevice, type OnvifCredentials } from '../onvif/device';
import type { NetConfig } from '../platform/netconfig';
import type { Ports } from '../platform/ports';
import type { RpcServer } from '../rpc/server';
import { RecordsStore } from '../records/store';
import type { KeyProvider } from '../vault/key-provider';
import { Vault } from '../vault/vault';
import { applyRun, type ApplyControl } from './apply/runner';
import type { ApplyDeps } from './apply/deps';
import { passwordStrength } from './password-strength';
import { planChanges } from './plan';
import { parsePlanCsv, type PlanRow } from './plan-csv';
import { draftProblems, stepStates } from './steps';
import { WizardStore, type RunRow } from './store';

export interface WizardServiceDeps {
  db: Database.Database;
  ports: Ports;
  net: NetConfig;
  journal: LaptopJournal;
  emit: RpcServer['emit'];
  keys: KeyProvider;
  ptz: Handlers['ptz'] | null;
  discovery: Pick<Handlers['discovery'], 'list'> | null;
  onvif?: (xaddr: string, credentials: OnvifCredentials) => OnvifDevice;
  verifyTimeoutMs?: number;
  pid?: number;
}

export interface WizardService {
  wizard: Handlers['wizard'];
  records: RecordsStore;
  vault: Vault;
  /** Asks running applies to stop after their current step and waits for them. */
  close(): Promise<void>;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const normMac = (m: string) => {
  const n = tryNormaliseMac(m);
  if (!n) throw new FieldKitError('invalid_input', `"${m}" is not a MAC address.`);
  return n;
};

function deviceFromRow(r: PlanRow): DraftDevice {
  return { mac: r.mac, currentIp: r.currentIp, currentPrefix: null, label: null, network: r.network, time: r.time, hostname: r.hostname, name: r.name, location: r.location, newPassword: null, ptz: r.ptz };
}

/** `wizard.*`: drafts, plan, apply with resume, and the vault behind them. */
export function createWizardService(deps: WizardServiceDeps): WizardService {
  const now = () => deps.ports.clock.now();
  const pid = deps.pid ?? process.pid;
  const store = new WizardStore(deps.db, now);
  const records = new RecordsStore(deps.db, now);
  const vault = new Vault(deps.db, deps.keys, now);
  const running = new Map<number, { control: ApplyControl; done: Promise<unknown> }>();
  store.markInterrupted(processAlive, pid);

  const view = (r: RunRow): WizardRun => ({
    id: r.id,
    site: r.site,
    technician: r.technician,
    state: r.state,
    devices: r.devices,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    draft: r.draft,
    steps: stepStates(r.draft, r.state),
    progress: store.progress(r),
  });
  const announce = (r: RunRow) => deps.emit('wizard.run', { id: r.id, site: r.site, technician: r.technician, state: r.state, devices: r.devices, createdAt: r.createdAt, updatedAt: r.updatedAt });
  const editable = (id: number) => {
    const r = store.get(id);
    if (r.state !== 'draft') throw new FieldKitError('conflict', `Run ${id} is ${r.state}; only a draft can be changed (start a new run to change the plan).`);
    return r;
  };
  const saveNewPassword = (draft: WizardDraft, mac: string | null, password: string) => {
    const s = passwordStrength(password, draft.username);
    if (s.strength === 'weak') throw new FieldKitError('invalid_input', `The new password is too weak: ${s.reasons.join('; ')}.`, { reasons: s.reasons });
    const meta = vault.put({ site: draft.site, label: `new password${mac ? ` for ${mac}` : ''}`, username: draft.username, secret: password });
    return { ref: { id: meta.id, strength: s.strength }, strength: s };
  };
  const devicesFromPlan = (draft: WizardDraft, rows: PlanRow[]) =>
    rows.map((r) => {
      const dev = deviceFromRow(r);
      if (r.newPassword) {
        const s = passwordStrength(r.newPassword, draft.username);
        // A weak password stays out of the vault and shows as a draft problem (line and reasons).
        if (s.strength === 'weak') return { dev: { ...dev, newPassword: { id: '', strength: s.strength } }, weak: { line: r.line, message: `line ${r.line}: new_password is too weak: ${s.reasons.join('; ')}` } };
        dev.newPassword = saveNewPassword(draft, r.mac, r.newPassword).ref;
      }
      return { dev, weak: null };
    });
  const knownIps = async (mac: string) => {
    const list = (await deps.discovery?.list()) ?? [];
    return list.filter((d) => d.mac === mac).flatMap((d) => d.ips);
  };
  const applyDeps = (): ApplyDeps => ({
    store,
    records,
    vault,
    net: deps.net,
    info: deps.ports.network,
    journal: deps.journal,
    onvif: deps.onvif ?? ((xaddr, credentials) => new OnvifDevice({ xaddr, credentials, now })),
    ptz: deps.ptz,
    knownIps,
    now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    logger: deps.ports.logger,
    progress: (p) => deps.emit('wizard.progress', p),
    recordAdded: (p) => deps.emit('records.added', p),
    verifyTimeoutMs: deps.verifyTimeoutMs ?? 20_000,
    pid,
    seen: new Set(),
    answers: (xaddr) =>
      new OnvifDevice({ xaddr, timeoutMs: 2000, now })
        .syncClock()
        .then(() => true)
        .catch(() => false),
  });
  const before = (r: RunRow): Record<string, DeviceSnapshot> => {
    const out: Record<string, DeviceSnapshot> = {};
    for (const s of store.steps(r.id)) if (s.name === 'read' && s.data) out[s.mac] = (s.data as { snapshot: DeviceSnapshot }).snapshot;
    return out;
  };

  const wizard: Handlers['wizard'] = {
    stepIds: () => WIZARD_STEP_IDS.map((id) => ({ id, titleKey: `wizard.step.${id}` })),
    create({ site, technician, iface }) {
      const r = store.create({ site, technician, iface, username: '', credentialId: null, devices: [] });
      announce(r);
      return view(r);
    },
    list: () => store.list().map(({ draft: _d, sourceKey: _s, ownerPid: _o, ...summary }) => summary),
    get: (id) => view(store.get(id)),
    update(id, patch) {
      const r = editable(id);
      const old = new Map(r.draft.devices.map((d) => [d.mac, d]));
      const devices = patch.devices?.map((d) => {
        const mac = normMac(d.mac);
        return { ...d, mac, newPassword: old.get(mac)?.newPassword ?? null };
      });
      const draft: WizardDraft = {
        ...r.draft,
        ...(patch.site !== undefined ? { site: patch.site } : {}),
        ...(patch.technician !== undefined ? { technician: patch.technician } : {}),
        ...(patch.iface !== undefined ? { iface: patch.iface } : {}),
        ...(devices ? { devices } : {}),
      };
      return view(store.saveDraft(id, draft));
    },
    importPlan(id, { csv }) {
      const r = editable(id);
      const { rows, errors } = parsePlanCsv(csv);
      const made = devicesFromPlan(r.draft, rows);
      const weak = made.flatMap((m) => (m.weak ? [m.weak] : []));
      return { ...view(store.saveDraft(id, { ...r.draft, devices: made.map((m) => m.dev) })), errors: [...errors, ...weak] };
    },
    openPlan({ csv, site, technician, iface, username, password }) {
      const key = createHash('sha256').update(`fieldkit-plan/v1\u0000${site}\u0000${username}\u0000${csv}`).digest('hex');
      const existing = store.findUnfinished(key);
      if (existing && existing.state === 'applying' && existing.ownerPid !== null && existing.ownerPid !== pid && processAlive(existing.ownerPid)) {
        throw new FieldKitError('conflict', `This plan is being applied by another FieldKit (pid ${existing.ownerPid}).`);
      }
      if (existing && existing.state !== 'draft') {
        // Same plan, same site: continue it. A changed login password gets a new vault entry.
        let draft = existing.draft;
        const same = draft.credentialId !== null && (() => {
          try {
            return vault.reveal(draft.credentialId!) === password;
          } catch {
            return false;
          }
        })();
        if (!same) draft = { ...draft, credentialId: vault.put({ site, label: `login ${username}`, username, secret: password }).id };
        if (iface !== null && iface !== draft.iface) draft = { ...draft, iface };
        const r = store.saveDraft(existing.id, draft);
        return { run: view(r), resumed: true };
      }
      if (existing) store.remove(existing.id);
      const { rows, errors } = parsePlanCsv(csv);
      const base: WizardDraft = { site, technician, iface, username, credentialId: null, devices: [] };
      const weakRows = rows.flatMap((row) => {
        const s = row.newPassword ? passwordStrength(row.newPassword, username) : null;
        return s?.strength === 'weak' ? [{ line: row.line, message: `new_password is too weak: ${s.reasons.join('; ')}` }] : [];
      });
      const all = [...errors, ...weakRows].sort((a, b) => a.line - b.line);
      if (all.length) {
        throw new FieldKitError('invalid_input', `The plan has ${all.length} problem(s): ${all.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ')}${all.length > 5 ? '; ...' : ''}`, { errors: all });
      }
      const made = devicesFromPlan(base, rows);
      const cred = vault.put({ site, label: `login ${username}`, username, secret: password });
      const r = store.create({ ...base, credentialId: cred.id, devices: made.map((m) => m.dev) }, key);
      announce(r);
      return { run: view(r), resumed: false };
    },
    setLogin(id, { username, password }) {
      const r = editable(id);
      const meta = vault.put({ site: r.draft.site, label: `login ${username}`, username, secret: password });
      store.saveDraft(id, { ...r.draft, username, credentialId: meta.id });
      return meta;
    },
    useCredential(id, credentialId) {
      const r = editable(id);
      const meta = vault.get(credentialId);
      if (!meta || meta.site !== r.draft.site) throw new FieldKitError('not_found', `No saved credential ${credentialId} for site ${r.draft.site}.`);
      return view(store.saveDraft(id, { ...r.draft, username: meta.username || r.draft.username, credentialId }));
    },
    setNewPassword(id, { mac, password }) {
      const r = editable(id);
      const target = mac === null ? null : normMac(mac);
      if (target && !r.draft.devices.some((d) => d.mac === target)) throw new FieldKitError('not_found', `${target} is not in this run.`);
      const { ref, strength } = saveNewPassword(r.draft, target, password);
      store.saveDraft(id, { ...r.draft, devices: r.draft.devices.map((d) => (target === null || d.mac === target ? { ...d, newPassword: ref } : d)) });
      return strength;
    },
    checkPassword: (pw, username) => passwordStrength(pw, username ?? ''),
    plan(id) {
      const r = store.get(id);
      return { devices: planChanges(before(r), r.draft), problems: draftProblems(r.draft) };
    },
    async apply(id, opts) {
      if (running.has(id)) throw new FieldKitError('conflict', `Run ${id} is already being applied.`);
      const r = store.get(id);
      if (r.state === 'applying' && r.ownerPid !== null && r.ownerPid !== pid && processAlive(r.ownerPid)) {
        throw new FieldKitError('conflict', `Run ${id} is being applied by another FieldKit (pid ${r.ownerPid}).`);
      }
      if (r.state === 'done' || r.state === 'cancelled') throw new FieldKitError('conflict', `Run ${id} is ${r.state}.`);
      const problems = draftProblems(r.draft);
      if (problems.length) throw new FieldKitError('invalid_input', `The draft is not ready: ${problems.map((p) => p.message).join(' ')}`, { problems });
      const control: ApplyControl = { cancelled: false };
      const work = applyRun({ ...applyDeps(), ...(opts?.verifyTimeoutMs ? { verifyTimeoutMs: opts.verifyTimeoutMs } : {}) }, r, control);
      running.set(id, { control, done: work.catch(() => undefined) });
      announce(store.get(id));
      try {
        return await work;
      } finally {
        running.delete(id);
        announce(store.get(id));
      }
    },
    cancel(id) {
      const w = running.get(id);
      if (w) w.control.cancelled = true;
      return { cancelling: !!w };
    },
    resumable: () =>
      store
        .list()
        .filter((r) => r.state === 'interrupted')
        .map(({ draft: _d, sourceKey: _s, ownerPid: _o, ...summary }) => summary),
    discard(id) {
      if (running.has(id)) throw new FieldKitError('conflict', `Run ${id} is being applied; cancel it first.`);
      const removed = store.remove(id);
      return { removed };
    },
    credentials: (o) => vault.list(o?.site),
    forgetCredential: (id) => ({ removed: vault.remove(id) }),
  };

  return {
    wizard,
    records,
    vault,
    async close() {
      for (const w of running.values()) w.control.cancelled = true;
      await Promise.all([...running.values()].map((w) => w.done));
    },
  };
}
