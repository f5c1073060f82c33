import { FieldKitError } from '../../contract/errors';
import { APPLY_STEPS, type ApplyResult, type ApplyStepName, type ApplyStepReport, type DeviceSnapshot, type DraftDevice, type StepState } from '../../contract/wizard';
import type { RecordNetwork } from '../../contract/records';
import { setDeviceIp } from '../../net/set-ip';
import type { OnvifCredentials, OnvifDevice } from '../../onvif/device';
import type { DeviceInformation } from '../../onvif/types';
import { parseCidr } from '../ipv4-util';
import { planChanges } from '../plan';
import type { RunRow } from '../store';
import { thoroughArp } from './arp';
import { FACTORY_ADDRESSES, type ApplyDeps } from './deps';
import { candidateList, locate, workIface } from './locate';
import { DeviceSession } from './session';
import { readCamera, type CameraRead } from './snapshot';
import { changePassword, checkPtz, setHostname, setScopes, setTime, type StepContext } from './step-runners';

/** Cancel flag for a running apply: checked between steps, never in the middle of one. */
export interface ApplyControl {
  cancelled: boolean;
}

/** Order of the persisted rows of a device. */
const SEQ: Record<string, number> = { locate: 0, login: 1, activate: 2, read: 3, password: 4, network: 5, time: 6, hostname: 7, scopes: 8, ptz: 9, done: 10 };

/** What the `read` row keeps: the camera as first found, for the record's "before". */
interface FirstRead {
  snapshot: DeviceSnapshot;
  identity: DeviceInformation;
}

/** A step failure already reported on its own row. */
class StepFailure extends Error {
  constructor(readonly failure: unknown) {
    super((failure as Error).message);
  }
}

const netOf = (s: DeviceSnapshot | null | undefined): RecordNetwork | null => (s ? { ip: s.ip, prefix: s.prefix, dhcp: s.dhcp, gateway: s.gateway } : null);

function timeSetting(device: DraftDevice, after: DeviceSnapshot | null): string {
  const t = device.time;
  const tz = t.mode !== 'keep' && t.timezone ? `, TZ ${t.timezone}` : '';
  if (t.mode === 'laptop') return `laptop clock${after?.clockOffsetMs != null ? ` (offset ${Math.round(after.clockOffsetMs / 1000)} s)` : ''}${tz}`;
  if (t.mode === 'ntp') return `NTP ${t.server}${tz}`;
  return after ? `unchanged (${after.timeMode ?? '?'})` : 'unchanged';
}

/**
 * Applies one run, device after device. For each: find it (ARP by MAC),
 * log in (activating a factory-state ONVIF camera when it has no user), read
 * it, plan from what it really is, then run the planned steps in order, each
 * verified by read-back and persisted before and after. A step verified by an
 * earlier process is never run again; one left `running` by a crash is
 * re-planned from a fresh read, so a change that did land is not sent twice.
 * A failed step stops that device only; the others still get done.
 */
export async function applyRun(deps: ApplyDeps, run: RunRow, control: ApplyControl): Promise<ApplyResult> {
  const resumed = deps.store.steps(run.id).length > 0;
  deps.store.setState(run.id, 'applying', deps.pid);
  const devices: ApplyResult['devices'] = [];
  try {
    if (!run.draft.credentialId) throw new FieldKitError('invalid_input', 'No login password saved for this run.');
    const login = { username: run.draft.username, password: deps.vault.reveal(run.draft.credentialId) };
    const iface = await workIface(deps, run.draft.iface);
    for (const device of run.draft.devices) {
      if (control.cancelled) break;
      devices.push(await applyDevice(deps, run, device, iface, login, control));
    }
  } catch (err) {
    deps.store.setState(run.id, 'failed', null);
    throw err;
  }
  const state = control.cancelled && devices.length < run.draft.devices.length ? 'interrupted' : devices.every((d) => d.ok) ? 'done' : 'failed';
  deps.store.setState(run.id, state, null);
  return { runId: run.id, state, resumed, devices };
}

async function applyDevice(
  deps: ApplyDeps,
  run: RunRow,
  device: DraftDevice,
  iface: string,
  login: OnvifCredentials,
  control: ApplyControl,
): Promise<{ mac: string; ok: boolean; steps: ApplyStepReport[] }> {
  const mac = device.mac;
  const report: ApplyStepReport[] = [];
  const prior = new Map(deps.store.steps(run.id, mac).map((s) => [s.name, s]));
  const note = (name: string, state: StepState, detail: string, data?: unknown, toReport = true) => {
    const row = deps.store.setStep(run.id, mac, SEQ[name] ?? 99, name, state, detail, data);
    deps.progress({ runId: run.id, mac, step: name, state, detail, at: row.updatedAt });
    if (toReport && state !== 'running' && state !== 'pending') report.push({ name, ok: state === 'verified', detail, at: row.updatedAt });
  };
  const finished = prior.get('done');
  if (finished?.state === 'verified') {
    // Commissioned by an earlier process: nothing is sent to it again.
    const steps = [...prior.values()]
      .filter((s) => s.name !== 'done' && s.name !== 'read' && s.state !== 'running' && s.state !== 'pending')
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({ name: s.name, ok: s.state !== 'failed', detail: `${s.detail} (verified earlier)`, at: s.updatedAt }));
    deps.progress({ runId: run.id, mac, step: 'done', state: 'verified', detail: 'commissioned earlier', at: finished.updatedAt });
    return { mac, ok: true, steps };
  }
  const target = device.network.mode === 'static' ? parseCidr(device.network.cidr) : null;
  let first = (prior.get('read')?.data as FirstRead | null | undefined) ?? null;
  let session: DeviceSession | null = null;
  let read: CameraRead | null = null;
  let after: DeviceSnapshot | null = null;
  let phase = 'locate';
  let ok = true;
  let silent = false;
  const done = new Set<string>();
  try {
    // Where is it? After a verified move, at its new address; otherwise wherever it was seen.
    const moved = prior.get('network')?.state === 'verified';
    const candidates = candidateList(
      moved && target ? [target.ip] : [],
      [device.currentIp, first?.snapshot.ip],
      await deps.knownIps(mac).catch(() => []),
      [target?.ip],
      FACTORY_ADDRESSES,
    );
    const ip = await locate(deps, iface, mac, candidates);
    if (!ip) throw new FieldKitError('not_found', `${mac} does not answer ARP at ${candidates.join(', ')}: is it powered and on this switch?`);
    note('locate', 'verified', `found ${mac} at ${ip}`);
    const prefix = ip === target?.ip ? target.prefix : ip === first?.snapshot.ip ? (first.snapshot.prefix ?? 24) : (device.currentPrefix ?? 24);
    session = await DeviceSession.open(deps, { iface, ip, prefix, mac, reason: `commission ${mac} (run ${run.id})` });

    phase = 'login';
    const newPassword = device.newPassword ? deps.vault.reveal(device.newPassword.id) : null;
    const tries: { creds: OnvifCredentials; which: 'login' | 'new' }[] = [{ creds: login, which: 'login' }];
    if (newPassword) tries.push({ creds: { username: login.username, password: newPassword }, which: 'new' });
    let dev: OnvifDevice | null = null;
    let which: 'login' | 'new' = 'login';
    let creds = login;
    for (const t of tries) {
      const d = await session.device(t.creds);
      try {
        await d.getDeviceInformation();
        dev = d;
        which = t.which;
        creds = t.creds;
        break;
      } catch (err) {
        if (!(err instanceof FieldKitError && err.code === 'unauthorized')) throw err;
      }
    }
    if (!dev) {
      // Factory state: an ONVIF camera with no user answers GetUsers anonymously with an empty list.
      const anon = await session.device(login);
      const users = await anon.getUsers({ anonymous: true }).catch(() => null);
      if (users === null || users.length > 0) {
        throw new FieldKitError('unauthorized', `the camera refused user ${login.username} with the login password${newPassword ? ' and with the new password' : ''}`);
      }
      phase = 'activate';
      creds = { username: login.username, password: newPassword ?? login.password };
      await anon.createUser({ username: creds.username, password: creds.password }, { anonymous: true });
      dev = await session.device(creds);
      await dev.getDeviceInformation();
      which = newPassword ? 'new' : 'login';
      note('activate', 'verified', `the camera had no user (factory state): created ${creds.username}${newPassword ? ' with the new password' : ''} over ONVIF and logged in`);
    }
    note('login', 'verified', `logged in as ${creds.username}${which === 'new' ? ' with the new password' : ''}`);

    phase = 'read';
    read = await readCamera(dev, mac);
    if (!first) {
      first = { snapshot: read.snapshot, identity: read.identity };
      const s = read.snapshot;
      note('read', 'verified', `${read.identity.manufacturer} ${read.identity.model} (serial ${read.identity.serialNumber}) at ${s.ip}/${s.prefix}`, first);
    }
    const plan = planChanges({ [mac]: read.snapshot }, { ...run.draft, devices: [device] })[0]!;
    const ctx: StepContext = { deps, dev, read, device, username: creds.username, ip: session.ip };

    for (const name of APPLY_STEPS) {
      const p = prior.get(name);
      if (p?.state === 'verified') {
        report.push({ name, ok: true, detail: `${p.detail} (verified earlier)`, at: p.updatedAt });
        done.add(name);
        continue;
      }
      if (name === 'password' && newPassword && which === 'new') {
        note(name, 'verified', 'already set: the camera accepts the new password');
        done.add(name);
        continue;
      }
      if (!plan.steps.includes(name)) {
        // A step a crash interrupted whose change had landed: the fresh read says it is as planned.
        if (p) note(name, 'verified', 'as planned (read back on resume)');
        continue;
      }
      if (name === 'ptz' && device.ptz === 'auto' && read.snapshot.hasPtz !== true) {
        note(name, 'skipped', 'the camera does not report a PTZ service (GetCapabilities)');
        done.add(name);
        continue;
      }
      if (control.cancelled) throw new FieldKitError('cancelled', 'stopped by the technician; run again to continue');
      phase = name;
      note(name, 'running', 'started');
      try {
        let detail: string;
        if (name === 'password') {
          const r = await changePassword(ctx, session.xaddr, newPassword!);
          creds = r.credentials;
          ctx.dev = await session.device(creds);
          detail = r.detail;
        } else if (name === 'network') {
          const r = await moveDevice(deps, ctx, session, iface, creds, read, run.id);
          session = r.session;
          ctx.dev = r.dev;
          ctx.ip = r.session.ip;
          detail = r.detail;
        } else if (name === 'time') detail = await setTime(ctx);
        else if (name === 'hostname') detail = await setHostname(ctx);
        else if (name === 'scopes') detail = await setScopes(ctx);
        else detail = await checkPtz(ctx);
        note(name, 'verified', detail);
        done.add(name);
      } catch (err) {
        note(name, 'failed', describeError(err));
        done.add(name);
        throw new StepFailure(err);
      }
    }
    dev = ctx.dev;
    after = (await readCamera(dev, mac).catch(() => null))?.snapshot ?? null;
  } catch (err) {
    ok = false;
    const cause = err instanceof StepFailure ? err.failure : err;
    silent = cause instanceof FieldKitError && (cause.code === 'timeout' || cause.code === 'unavailable');
    if (!(err instanceof StepFailure)) note(phase, 'failed', describeError(err));
    const planned = planChanges({ [mac]: read?.snapshot }, { ...run.draft, devices: [device] })[0]!.steps;
    for (const name of planned) if (!done.has(name) && prior.get(name)?.state !== 'verified') note(name, 'skipped', 'not run: an earlier step failed');
  } finally {
    const left = session ? await session.close() : [];
    if (left.length) {
      ok = false;
      note('cleanup', 'failed', `laptop changes not removed: ${left.join('; ')}`);
    }
  }
  // The record goes first: 'done' makes a resume skip this camera, so a process killed between
  // the two, or a record that could not be written, must leave it to be finished (the record of a
  // run and camera is replaced, never doubled).
  const recordError = writeRecord(deps, run, device, first, after, ok, report);
  if (recordError) {
    note('done', 'failed', `${ok ? 'commissioned' : 'not fully commissioned'}, but its record could not be saved (${recordError}); run again to write it`, undefined, false);
    return { mac, ok: false, steps: report };
  }
  note('done', ok ? 'verified' : 'failed', ok ? 'commissioned' : silent ? 'the camera stopped answering' : 'not fully commissioned', undefined, false);
  return { mac, ok, steps: report };
}

async function moveDevice(
  deps: ApplyDeps,
  ctx: StepContext,
  session: DeviceSession,
  iface: string,
  creds: OnvifCredentials,
  read: CameraRead,
  runId: number,
): Promise<{ session: DeviceSession; dev: OnvifDevice; detail: string }> {
  const n = ctx.device.network;
  const from = `${read.snapshot.ip}/${read.snapshot.prefix}`;
  if (n.mode !== 'static') {
    await ctx.dev.setNetworkInterface(read.token, { dhcp: true });
    throw new FieldKitError('failed', 'switched to DHCP; FieldKit cannot verify it without knowing the new address (find it with discovery)');
  }
  // set-ip brings its own alias and MAC pin; ours go first so nothing is doubled.
  await session.close();
  const r = await setDeviceIp(
    {
      net: thoroughArp(deps.net, ctx.device.mac, deps.seen),
      info: deps.info,
      journal: deps.journal,
      onvif: deps.onvif,
      now: deps.now,
      sleep: deps.sleep,
      onStep: (s) => deps.progress({ runId, mac: ctx.device.mac, step: 'network', state: 'running', detail: `${s.ok ? 'ok' : 'FAIL'} ${s.name}: ${s.detail}`, at: s.at }),
    },
    {
      iface,
      ip: session.ip,
      prefix: read.snapshot.prefix ?? 24,
      mac: ctx.device.mac,
      credentials: creds,
      newCidr: n.cidr,
      ...(n.gateway ? { gateway: n.gateway } : {}),
      verifyTimeoutMs: deps.verifyTimeoutMs,
    },
  );
  if (!r.ok) {
    const why = r.steps.find((s) => !s.ok && s.name !== 'error' && s.name !== 'cleanup')?.detail ?? r.error ?? 'not verified';
    throw new FieldKitError(r.error && /timeout|No answer/i.test(r.error) ? 'timeout' : 'failed', why);
  }
  const c = parseCidr(n.cidr)!;
  const next = await DeviceSession.open(deps, { iface, ip: c.ip, prefix: c.prefix, mac: ctx.device.mac, reason: `commission ${ctx.device.mac} (run ${runId})` });
  const dev = await next.device(creds);
  const gw = r.after?.gateway.length ? `, gateway ${r.after.gateway.join(', ')}` : '';
  return { session: next, dev, detail: `${from} → ${r.after?.ip}/${r.after?.prefix}${gw}; found by ARP at the new address and read back` };
}

function describeError(err: unknown): string {
  if (err instanceof FieldKitError && err.code === 'timeout') return `no answer: ${err.message}`;
  return (err as Error).message ?? String(err);
}

/** Writes (or replaces) the camera's commissioning record; returns why it could not, or null. */
function writeRecord(deps: ApplyDeps, run: RunRow, device: DraftDevice, first: FirstRead | null, after: DeviceSnapshot | null, ok: boolean, checks: ApplyStepReport[]): string | null {
  try {
    const rec = deps.records.put({
      runId: run.id,
      site: run.draft.site,
      technician: run.draft.technician,
      mac: device.mac,
      serial: first?.identity.serialNumber ?? '',
      model: first?.identity.model ?? '',
      manufacturer: first?.identity.manufacturer ?? '',
      firmware: first?.identity.firmwareVersion ?? '',
      networkBefore: netOf(first?.snapshot),
      networkAfter: netOf(after),
      timeSetting: timeSetting(device, after),
      hostname: after?.hostname ?? null,
      name: after?.name ?? null,
      location: after?.location ?? null,
      ok,
      checks,
    });
    deps.recordAdded({ id: rec.id, site: rec.site, mac: rec.mac, ok: rec.ok });
    return null;
  } catch (err) {
    deps.logger.error('could not write the commissioning record', { mac: device.mac, error: String(err) });
    return err instanceof Error ? err.message : String(err);
  }
}

export type { ApplyStepName };
