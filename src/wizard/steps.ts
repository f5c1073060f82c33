import type { RunState, WizardDraft, WizardProblem, WizardStepId, WizardStepState } from '../contract/wizard';
import { tryNormaliseMac } from '../discovery/protocols/mac';
import { HOSTNAME_RE, NTP_SERVER_RE } from './hostname';
import { inPrefix, isNetworkOrBroadcast, parseCidr } from './ipv4-util';

/**
 * One page of the wizard, as data (the Companion pattern): whether it can be
 * shown for this draft, and what in the draft stops the technician going on.
 * The UI renders pages by id; nothing here knows about rendering.
 */
export interface WizardStepDef {
  id: WizardStepId;
  /** i18n key of the title. */
  titleKey: string;
  isAvailable(draft: WizardDraft, run?: RunState): boolean;
  validate(draft: WizardDraft): WizardProblem[];
}

const problem = (code: string, message: string, mac: string | null = null): WizardProblem => ({ code, message, mac });

function devicesProblems(d: WizardDraft): WizardProblem[] {
  if (d.devices.length === 0) return [problem('no-devices', 'Select at least one camera.')];
  const out: WizardProblem[] = [];
  const seen = new Set<string>();
  for (const dev of d.devices) {
    const mac = tryNormaliseMac(dev.mac);
    if (!mac) out.push(problem('bad-mac', `"${dev.mac}" is not a MAC address.`, dev.mac));
    else if (seen.has(mac)) out.push(problem('duplicate-mac', `${mac} is listed twice.`, mac));
    else seen.add(mac);
  }
  return out;
}

function credentialsProblems(d: WizardDraft): WizardProblem[] {
  const out: WizardProblem[] = [];
  if (!d.username.trim()) out.push(problem('no-username', 'Give the user name to log in to the cameras with.'));
  if (!d.credentialId) out.push(problem('no-login', 'Give the password to log in with (it is kept in the vault).'));
  for (const dev of d.devices) {
    if (dev.newPassword?.strength === 'weak') out.push(problem('weak-password', `The new password for ${dev.mac} is too weak.`, dev.mac));
  }
  return out;
}

function networkProblems(d: WizardDraft): WizardProblem[] {
  const out: WizardProblem[] = [];
  const owners = new Map<string, string>();
  for (const dev of d.devices) {
    if (dev.network.mode !== 'static') continue;
    const c = parseCidr(dev.network.cidr);
    if (!c) {
      out.push(problem('bad-address', `"${dev.network.cidr}" is not an address with a prefix (e.g. 198.51.100.20/24).`, dev.mac));
      continue;
    }
    if (isNetworkOrBroadcast(c.ip, c.prefix)) out.push(problem('bad-address', `${dev.network.cidr} is the network or broadcast address of its subnet.`, dev.mac));
    const gw = dev.network.gateway;
    if (gw && !inPrefix(gw, c.ip, c.prefix)) out.push(problem('gateway-off-subnet', `Gateway ${gw} is not in ${dev.network.cidr}.`, dev.mac));
    if (gw && gw === c.ip) out.push(problem('gateway-is-device', `The gateway cannot be the camera's own address (${gw}).`, dev.mac));
    const other = owners.get(c.ip);
    if (other) out.push(problem('duplicate-address', `${c.ip} is planned for both ${other} and ${dev.mac}.`, dev.mac));
    else owners.set(c.ip, dev.mac);
  }
  return out;
}

function timeProblems(d: WizardDraft): WizardProblem[] {
  return d.devices
    .filter((dev) => dev.time.mode === 'ntp' && !NTP_SERVER_RE.test(dev.time.server))
    .map((dev) => problem('bad-ntp-server', `"${dev.time.mode === 'ntp' ? dev.time.server : ''}" is not an NTP server address or name.`, dev.mac));
}

function identityProblems(d: WizardDraft): WizardProblem[] {
  const out: WizardProblem[] = [];
  const names = new Map<string, string>();
  for (const dev of d.devices) {
    if (dev.hostname !== null) {
      if (!HOSTNAME_RE.test(dev.hostname)) out.push(problem('bad-hostname', `"${dev.hostname}" is not a host name (letters, digits, hyphens; 1..63).`, dev.mac));
      const other = names.get(dev.hostname.toLowerCase());
      if (other) out.push(problem('duplicate-hostname', `Host name ${dev.hostname} is planned for both ${other} and ${dev.mac}.`, dev.mac));
      else names.set(dev.hostname.toLowerCase(), dev.mac);
    }
    for (const [what, v] of [['name', dev.name], ['location', dev.location]] as const) {
      // eslint-disable-next-line no-control-regex
      if (v !== null && (v.trim() === '' || /[\u0000-\u001f\u007f]/.test(v))) out.push(problem('bad-scope', `The ${what} of ${dev.mac} is empty or has control characters.`, dev.mac));
    }
  }
  return out;
}

const beforeReview = [devicesProblems, credentialsProblems, networkProblems, timeProblems, identityProblems];
const allProblems = (d: WizardDraft) => beforeReview.flatMap((f) => f(d));
const finished = (s: RunState | undefined) => s === 'done' || s === 'failed' || s === 'cancelled';

/** The wizard, page by page. */
export const WIZARD_STEPS: readonly WizardStepDef[] = [
  { id: 'devices', titleKey: 'wizard.step.devices', isAvailable: () => true, validate: devicesProblems },
  { id: 'credentials', titleKey: 'wizard.step.credentials', isAvailable: (d) => d.devices.length > 0, validate: credentialsProblems },
  { id: 'network', titleKey: 'wizard.step.network', isAvailable: (d) => d.devices.length > 0, validate: networkProblems },
  { id: 'time', titleKey: 'wizard.step.time', isAvailable: (d) => d.devices.length > 0, validate: timeProblems },
  { id: 'identity', titleKey: 'wizard.step.identity', isAvailable: (d) => d.devices.length > 0, validate: identityProblems },
  // Shown only when some camera may have PTZ; `auto` devices are checked at apply if the camera says it has PTZ.
  { id: 'ptz', titleKey: 'wizard.step.ptz', isAvailable: (d) => d.devices.some((x) => x.ptz !== 'skip'), validate: () => [] },
  { id: 'review', titleKey: 'wizard.step.review', isAvailable: (d) => d.devices.length > 0, validate: allProblems },
  { id: 'apply', titleKey: 'wizard.step.apply', isAvailable: (d, s) => !finished(s) && allProblems(d).length === 0, validate: allProblems },
  { id: 'summary', titleKey: 'wizard.step.summary', isAvailable: (_d, s) => finished(s) || s === 'interrupted', validate: () => [] },
];

/** Every page's availability and problems for a draft. */
export function stepStates(draft: WizardDraft, run?: RunState): WizardStepState[] {
  return WIZARD_STEPS.map((s) => ({ id: s.id, titleKey: s.titleKey, available: s.isAvailable(draft, run), problems: s.validate(draft) }));
}

/** Everything that stops apply; empty when the draft can be applied. */
export function draftProblems(draft: WizardDraft): WizardProblem[] {
  return allProblems(draft);
}
