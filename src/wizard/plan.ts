import { APPLY_STEPS, type ApplyStepName, type DeviceSnapshot, type DraftDevice, type PlannedChange, type PlannedDevice, type WizardDraft } from '../contract/wizard';
import { tryNormaliseMac } from '../discovery/protocols/mac';
import { parseCidr } from './ipv4-util';

/** What is known of each camera before apply, by canonical MAC; missing = not read yet. */
export type BeforeState = Readonly<Record<string, DeviceSnapshot | null | undefined>>;

/** A laptop-set clock closer than this to the laptop is left alone. */
export const CLOCK_TOLERANCE_MS = 2000;

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

type Params = PlannedChange['fieldParams'];
/** What a change says in English, with its code and values for a UI. */
type Said = { text: string; code: string; params: Params };
const said = (text: string, code: string, params: Params = {}): Said => ({ text, code, params });
/** A literal value (address, name, zone): the same in every language. */
const literal = (value: string): Said => said(value, 'value', { value });

/** One planned change; the codes mirror the English so a UI need not read it. */
function change(step: ApplyStepName, field: Said, from: Said | null, to: Said, action: PlannedChange['action'] = 'set'): PlannedChange {
  return {
    step, field: field.text, from: from?.text ?? null, to: to.text, action,
    // Copies, so no two changes share (and a client cannot alter) one params object.
    fieldCode: field.code, fieldParams: { ...field.params },
    toCode: to.code, toParams: { ...to.params },
    fromCode: from?.code ?? null, fromParams: { ...from?.params },
  };
}

const FIELD = {
  address: said('address', 'address'), gateway: said('gateway', 'gateway'), clock: said('clock', 'clock'), ntp: said('ntp', 'ntp'),
  timezone: said('timezone', 'timezone'), hostname: said('hostname', 'hostname'), name: said('name', 'name'), location: said('location', 'location'),
  ptz: said('ptz check', 'ptz-check'),
} as const;

/** The camera's ONVIF time mode as a code. */
const modeCode = (m: DeviceSnapshot['timeMode']): string => (m === 'NTP' ? 'ntp' : m === 'Manual' ? 'manual' : 'unknown');

/** The camera's address as it is now, or null when not read. */
function addressOf(b: DeviceSnapshot | null): Said | null {
  if (!b?.ip) return null;
  const cidr = `${b.ip}/${b.prefix ?? '?'}`;
  return b.dhcp ? said(`${cidr} (DHCP)`, 'address-dhcp', { cidr }) : said(cidr, 'address', { cidr });
}

function networkChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  const n = dev.network;
  const out: PlannedChange[] = [];
  const now = addressOf(b);
  if (n.mode === 'dhcp') {
    if (b?.dhcp !== true) out.push(change('network', FIELD.address, now, said('DHCP', 'dhcp')));
  } else if (n.mode === 'static') {
    const c = parseCidr(n.cidr);
    const same = !!c && b?.dhcp === false && b.ip === c.ip && b.prefix === c.prefix;
    const gwSame = !n.gateway || (b?.gateway ?? []).includes(n.gateway);
    // A gateway change alone still goes through the network step (it is set with the address).
    if (!same || !gwSame) {
      if (!same) out.push(change('network', FIELD.address, now, literal(n.cidr)));
      if (n.gateway && !gwSame) {
        const from = b ? (b.gateway.length ? literal(b.gateway.join(', ')) : said('none', 'none')) : null;
        out.push(change('network', FIELD.gateway, from, literal(n.gateway)));
      }
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
    if (!close) {
      const from = b?.clockOffsetMs != null
        ? said(`offset ${secs(b.clockOffsetMs)} (${b.timeMode ?? '?'})`, 'clock-offset', { seconds: Math.round(b.clockOffsetMs / 1000), mode: modeCode(b.timeMode) })
        : null;
      out.push(change('time', FIELD.clock, from, said('laptop time', 'laptop-time')));
    }
  } else {
    const already = b?.timeMode === 'NTP' && b.ntpServers.includes(t.server);
    if (!already) {
      const from = b
        ? said(`${b.timeMode ?? '?'}${b.ntpServers.length ? ` ${b.ntpServers.join(', ')}` : ''}`, 'time-source', { mode: modeCode(b.timeMode), servers: b.ntpServers.join(', ') })
        : null;
      out.push(change('time', FIELD.ntp, from, said(`NTP ${t.server}`, 'ntp-server', { server: t.server })));
    }
  }
  // The time zone rides on SetSystemDateAndTime, so asking for it alone still runs the step.
  if (t.timezone && b?.timezone !== t.timezone) out.push(change('time', FIELD.timezone, b?.timezone != null ? literal(b.timezone) : null, literal(t.timezone)));
  return out;
}

function identityChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  const out: PlannedChange[] = [];
  const was = (v: string | null | undefined) => (v != null ? literal(v) : null);
  if (dev.hostname !== null && b?.hostname !== dev.hostname) out.push(change('hostname', FIELD.hostname, was(b?.hostname), literal(dev.hostname)));
  if (dev.name !== null && b?.name !== dev.name) out.push(change('scopes', FIELD.name, was(b?.name), literal(dev.name)));
  if (dev.location !== null && b?.location !== dev.location) out.push(change('scopes', FIELD.location, was(b?.location), literal(dev.location)));
  return out;
}

function ptzChanges(dev: DraftDevice, b: DeviceSnapshot | null): PlannedChange[] {
  if (dev.ptz === 'skip' || (dev.ptz === 'auto' && b?.hasPtz === false)) return [];
  const to = dev.ptz === 'auto' && b?.hasPtz !== true
    ? said('move, set and recall a preset, verify (if the camera has PTZ)', 'ptz-check-if-any')
    : said('move, set and recall a preset, verify', 'ptz-check');
  return [change('ptz', FIELD.ptz, null, to, 'check')];
}

function passwordChange(dev: DraftDevice, username: string): PlannedChange[] {
  if (!dev.newPassword) return [];
  const field = username ? said(`password of ${username}`, 'password', { user: username }) : said('password of the login user', 'password-login-user');
  const strength = dev.newPassword.strength;
  return [change('password', field, null, said(`a new ${strength} password`, 'new-password', { strength }))];
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
      ...passwordChange(dev, draft.username),
      ...networkChanges(dev, b),
      ...timeChanges(dev, b),
      ...identityChanges(dev, b),
      ...ptzChanges(dev, b),
    ];
    const steps = APPLY_STEPS.filter((s: ApplyStepName) => changes.some((c) => c.step === s));
    return { mac, changes, steps };
  });
}
