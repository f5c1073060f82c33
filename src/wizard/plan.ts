import { APPLY_STEPS, type ApplyStepName, type DeviceSnapshot, type DraftDevice, type PlannedChange, type PlannedDevice, type WizardDraft } from '../contract/wizard';
import { tryNormaliseMac } from '../discovery/protocols/mac';
import { parseCidr } from './ipv4-util';

/** What is known of each camera before apply, by canonical MAC; missing = not read yet. */
export type BeforeState = Readonly<Record<string, DeviceSnapshot | null | undefined>>;

/** A laptop-set clock closer than this to the laptop is left alone. */
export const CLOCK_TOLERANCE_MS = 2000;

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

function networkChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  const n = dev.network;
  const out: PlannedChange[] = [];
  const now = b?.ip ? `${b.ip}/${b.prefix ?? '?'}${b.dhcp ? ' (DHCP)' : ''}` : null;
  if (n.mode === 'dhcp') {
    if (b?.dhcp !== true) out.push({ step: 'network', field: 'address', from: now, to: 'DHCP', action: 'set' });
  } else if (n.mode === 'static') {
    const c = parseCidr(n.cidr);
    const same = !!c && b?.dhcp === false && b.ip === c.ip && b.prefix === c.prefix;
    const gwSame = !n.gateway || (b?.gateway ?? []).includes(n.gateway);
    // A gateway change alone still goes through the network step (it is set with the address).
    if (!same || !gwSame) {
      if (!same) out.push({ step: 'network', field: 'address', from: now, to: n.cidr, action: 'set' });
      if (n.gateway && !gwSame) out.push({ step: 'network', field: 'gateway', from: b ? b.gateway.join(', ') || 'none' : null, to: n.gateway, action: 'set' });
    }
  }
  return out;
}

function timeChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  const t = dev.time;
  if (t.mode === 'keep') return [];
  const out: PlannedChange[] = [];
  if (t.mode === 'laptop') {
    const close = b?.timeMode === 'Manual' && b.clockOffsetMs !== null && Math.abs(b.clockOffsetMs) <= CLOCK_TOLERANCE_MS;
    if (!close) out.push({ step: 'time', field: 'clock', from: b?.clockOffsetMs != null ? `offset ${secs(b.clockOffsetMs)} (${b.timeMode ?? '?'})` : null, to: 'laptop time', action: 'set' });
  } else {
    const already = b?.timeMode === 'NTP' && b.ntpServers.includes(t.server);
    if (!already) out.push({ step: 'time', field: 'ntp', from: b ? `${b.timeMode ?? '?'}${b.ntpServers.length ? ` ${b.ntpServers.join(', ')}` : ''}` : null, to: `NTP ${t.server}`, action: 'set' });
  }
  // The time zone rides on SetSystemDateAndTime, so asking for it alone still runs the step.
  if (t.timezone && b?.timezone !== t.timezone) out.push({ step: 'time', field: 'timezone', from: b?.timezone ?? null, to: t.timezone, action: 'set' });
  return out;
}

function identityChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  const out: PlannedChange[] = [];
  if (dev.hostname !== null && b?.hostname !== dev.hostname) out.push({ step: 'hostname', field: 'hostname', from: b?.hostname ?? null, to: dev.hostname, action: 'set' });
  if (dev.name !== null && b?.name !== dev.name) out.push({ step: 'scopes', field: 'name', from: b?.name ?? null, to: dev.name, action: 'set' });
  if (dev.location !== null && b?.location !== dev.location) out.push({ step: 'scopes', field: 'location', from: b?.location ?? null, to: dev.location, action: 'set' });
  return out;
}

function ptzChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  if (dev.ptz === 'skip' || (dev.ptz === 'auto' && b?.hasPtz === false)) return [];
  const to = dev.ptz === 'auto' && b?.hasPtz !== true ? 'move, set and recall a preset, verify (if the camera has PTZ)' : 'move, set and recall a preset, verify';
  return [{ step: 'ptz', field: 'ptz check', from: null, to, action: 'check' }];
}

/**
 * Every change apply will make, device by device, in the order it makes
 * them. Pure: the same draft and the same knowledge of the cameras give the
 * same plan, and what a camera already has is not planned again (so a resumed
 * run, planned from a fresh read, leaves out what was already done).
 * Passwords appear only as "changed", never as text.
 */
export function planChanges(before: BeforeState, draft: WizardDraft): PlannedDevice[] {
  return draft.devices.map((dev) => {
    const mac = tryNormaliseMac(dev.mac) ?? dev.mac.toLowerCase();
    const b = before[mac] ?? null;
    const changes: PlannedChange[] = [
      ...(dev.newPassword ? [{ step: 'password' as const, field: `password of ${draft.username || 'the login user'}`, from: null, to: `a new ${dev.newPassword.strength} password`, action: 'set' as const }] : []),
      ...networkChanges(dev, b),
      ...timeChanges(dev, b),
      ...identityChanges(dev, b),
      ...ptzChanges(dev, b),
    ];
    const steps = APPLY_STEPS.filter((s: ApplyStepName) => changes.some((c) => c.step === s));
    return { mac, changes, steps };
  });
}
