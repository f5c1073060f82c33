/**
 * Turns the core's plan changes (by their codes and params), problems (by code) and password
 * reasons (by wording) into i18n keys. Anything not known is shown as the core wrote it, so a
 * new message from a newer core still reads.
 */
import type { PlannedChange, WizardProblem } from '../../../../../src/contract';

/** A translated text: a key with its values, or the raw text. */
export type Text = { key: string; values?: Record<string, string> } | { raw: string };

type Params = Record<string, string | number> | undefined;

/** The params as i18n values (all strings). */
const values = (p: Params): Record<string, string> => Object.fromEntries(Object.entries(p ?? {}).map(([k, v]) => [k, String(v)]));
/** A param as text, or null when the core did not send it. */
const param = (p: Params, name: string): string | null => {
  const v = p?.[name];
  return v === undefined ? null : String(v);
};

/** Field codes with a plain key under `setup.change.field`. */
const FIELD_KEYS: Record<string, string> = {
  address: 'address', gateway: 'gateway', clock: 'clock', ntp: 'ntp', timezone: 'timezone',
  hostname: 'hostname', name: 'name', location: 'location', 'ptz-check': 'ptzCheck', 'password-login-user': 'passwordLogin',
};

/** The field a planned change touches. */
export function changeField(c: PlannedChange): Text {
  const user = param(c.fieldParams, 'user');
  if (c.fieldCode === 'password' && user !== null) return { key: 'setup.change.field.password', values: { user } };
  const k = typeof c.fieldCode === 'string' ? FIELD_KEYS[c.fieldCode] : undefined;
  return k ? { key: `setup.change.field.${k}` } : { raw: c.field };
}

/** To-codes with a plain key under `setup.change.to`. */
const TO_KEYS: Record<string, string> = { dhcp: 'dhcp', 'laptop-time': 'laptopTime', 'ptz-check': 'ptz', 'ptz-check-if-any': 'ptzIfAny' };
const STRENGTHS = new Set(['weak', 'fair', 'strong']);
const MODES = new Set(['ntp', 'manual', 'unknown']);

/** The value a change sets (addresses and names stay as they are). */
export function changeTo(c: PlannedChange): Text {
  const p = c.toParams;
  switch (c.toCode) {
    case 'value':
      return { raw: param(p, 'value') ?? c.to };
    case 'ntp-server': {
      const server = param(p, 'server');
      return server === null ? { raw: c.to } : { key: 'setup.change.to.ntp', values: { server } };
    }
    case 'new-password': {
      const strength = param(p, 'strength');
      return strength !== null && STRENGTHS.has(strength) ? { key: `setup.change.to.newPassword.${strength}` } : { raw: c.to };
    }
  }
  const k = typeof c.toCode === 'string' ? TO_KEYS[c.toCode] : undefined;
  return k ? { key: `setup.change.to.${k}` } : { raw: c.to };
}

/** The value before the change; null when apply will read it first. */
export function changeFrom(c: PlannedChange): Text | null {
  if (c.from === null) return null;
  const p = c.fromParams;
  const mode = param(p, 'mode');
  switch (c.fromCode) {
    case 'value':
      return { raw: param(p, 'value') ?? c.from };
    case 'address':
      return { raw: param(p, 'cidr') ?? c.from };
    case 'address-dhcp':
      return param(p, 'cidr') === null ? { raw: c.from } : { key: 'setup.change.from.addressDhcp', values: values(p) };
    case 'none':
      return { key: 'setup.change.from.none' };
    case 'clock-offset':
      return mode !== null && MODES.has(mode) && param(p, 'seconds') !== null ? { key: `setup.change.from.offset.${mode}`, values: values(p) } : { raw: c.from };
    case 'time-source':
      if (mode === null || !MODES.has(mode)) return { raw: c.from };
      return param(p, 'servers') ? { key: `setup.change.from.timeSource.${mode}Servers`, values: values(p) } : { key: `setup.change.from.timeSource.${mode}` };
  }
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

const REASON_KEYS: Record<string, string> = {
  short: 'short', long: 'long', 'one-kind': 'oneKind', common: 'common', username: 'username', repeated: 'repeated',
  run: 'run', 'non-ascii': 'nonAscii', longer: 'longer', 'third-kind': 'thirdKind',
};

/** One reason the strength meter gives, by its code; the core's English for a code this UI does not know. */
export function reasonText(code: string | undefined, raw: string): Text {
  const k = code === undefined ? undefined : REASON_KEYS[code];
  return k ? { key: `setup.password.reason.${k}` } : { raw };
}
