/**
 * Turns the core's English wording (plan changes, problems, password reasons)
 * into i18n keys. Anything not known is shown as the core wrote it, so a new
 * message from a newer core still reads.
 */
import type { PlannedChange, WizardProblem } from '../../../../../src/contract';

/** A translated text: a key with its values, or the raw text. */
export type Text = { key: string; values?: Record<string, string> } | { raw: string };

const FIELD_KEYS: Record<string, string> = {
  address: 'address', gateway: 'gateway', clock: 'clock', ntp: 'ntp', timezone: 'timezone',
  hostname: 'hostname', name: 'name', location: 'location', 'ptz check': 'ptzCheck',
};

/** The field a planned change touches. */
export function changeField(c: PlannedChange): Text {
  const pw = /^password of (.+)$/.exec(c.field);
  if (pw) return pw[1] === 'the login user' ? { key: 'setup.change.field.passwordLogin' } : { key: 'setup.change.field.password', values: { user: pw[1]! } };
  const k = FIELD_KEYS[c.field];
  return k ? { key: `setup.change.field.${k}` } : { raw: c.field };
}

/** The value a change sets (addresses and names stay as they are). */
export function changeTo(c: PlannedChange): Text {
  const strength = /^a new (weak|fair|strong) password$/.exec(c.to);
  if (strength) return { key: `setup.change.to.newPassword.${strength[1]!}` };
  if (c.to === 'laptop time') return { key: 'setup.change.to.laptopTime' };
  if (c.to === 'DHCP') return { key: 'setup.change.to.dhcp' };
  const ntp = /^NTP (.+)$/.exec(c.to);
  if (ntp) return { key: 'setup.change.to.ntp', values: { server: ntp[1]! } };
  if (c.step === 'ptz') return { key: /if the camera has PTZ/.test(c.to) ? 'setup.change.to.ptzIfAny' : 'setup.change.to.ptz' };
  return { raw: c.to };
}

/** The value before the change; null when apply will read it first. */
export function changeFrom(c: PlannedChange): Text | null {
  if (c.from === null) return null;
  const off = /^offset (-?\d+) s \((\w+|\?)\)$/.exec(c.from);
  if (off) return { key: 'setup.change.from.offset', values: { seconds: off[1]!, mode: off[2]! } };
  if (c.from === 'none') return { key: 'setup.change.from.none' };
  return { raw: c.from };
}

const PROBLEM_CODES = new Set([
  'no-devices', 'bad-mac', 'duplicate-mac', 'no-username', 'no-login', 'weak-password', 'bad-address',
  'gateway-off-subnet', 'gateway-is-device', 'duplicate-address', 'bad-ntp-server', 'bad-hostname',
  'duplicate-hostname', 'bad-scope',
]);

/** A draft problem: by its stable code, with the device it concerns. */
export function problemText(p: WizardProblem): Text {
  return PROBLEM_CODES.has(p.code) ? { key: `setup.problem.${p.code}`, values: { mac: p.mac ?? '' } } : { raw: p.message };
}

const REASONS: Array<[RegExp, string]> = [
  [/^shorter than 8/, 'short'],
  [/^longer than 64/, 'long'],
  [/^uses only one kind/, 'oneKind'],
  [/^a factory default/, 'common'],
  [/^contains the user name/, 'username'],
  [/^one character repeated/, 'repeated'],
  [/^a run of consecutive/, 'run'],
  [/^contains characters outside/, 'nonAscii'],
  [/^12 or more characters/, 'longer'],
  [/^a third kind/, 'thirdKind'],
];

/** One reason the strength meter gives. */
export function reasonText(reason: string): Text {
  const hit = REASONS.find(([re]) => re.test(reason));
  return hit ? { key: `setup.password.reason.${hit[1]}` } : { raw: reason };
}
