import { z } from 'zod';
import { event, method } from './define';

/**
 * The setup (commissioning) wizard: a draft per run, a pure plan of every
 * change, an apply that verifies each step by read-back and can resume after a
 * crash, and a credentials vault whose secrets never leave the core.
 */

const ipv4 = z.string().max(15).regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address');
const cidr = z.string().max(18).regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'IPv4/prefix, e.g. 198.51.100.20/24');
const mac = z.string().max(17).regex(/^[0-9A-Fa-f]{2}([-:]?[0-9A-Fa-f]{2}){5}$/, 'a MAC address');
const host = z.string().min(1).max(253).regex(/^[A-Za-z0-9.-]+$/, 'a host name or IPv4 address');
const hostname = z.string().min(1).max(63);
const runId = z.number().int().min(1).max(2 ** 31);
const site = z.string().min(1).max(120);
const secretId = z.string().min(1).max(64);

/** Network settings the wizard gives one camera. `keep` changes nothing. */
export type NetworkPlan = { mode: 'keep' } | { mode: 'dhcp' } | { mode: 'static'; cidr: string; gateway: string | null };
/** Clock setting: the laptop's time, an NTP server, or leave it. */
export type TimePlan = { mode: 'keep' } | { mode: 'laptop'; timezone: string | null } | { mode: 'ntp'; server: string; timezone: string | null };
/** PTZ check: `auto` runs it when the camera says it has PTZ (ONVIF capabilities). */
export type PtzPlan = 'auto' | 'skip' | 'require';
/** How good a new password is; `weak` is refused. */
export type PasswordStrength = 'weak' | 'fair' | 'strong';

/**
 * Why a password is weak or only fair, as stable ids a UI words in its own language: `short` (< 8),
 * `long` (> 64), `one-kind`, `common` (factory default), `username`, `repeated`, `run` (12345678),
 * `non-ascii`, `longer` (12+ would be strong), `third-kind`.
 */
export type PasswordReasonCode = 'short' | 'long' | 'one-kind' | 'common' | 'username' | 'repeated' | 'run' | 'non-ascii' | 'longer' | 'third-kind';

/** A password's strength and why: `reasons` in English (CLI), `reasonCodes` in the same order. */
export interface PasswordCheck {
  strength: PasswordStrength;
  reasons: string[];
  reasonCodes: PasswordReasonCode[];
}

/** A new password already saved in the vault: the draft holds only its id and strength. */
export interface SecretRef {
  id: string;
  strength: PasswordStrength;
}

/** One camera in a draft, identified by its MAC. */
export interface DraftDevice {
  mac: string;
  /** Where the camera was last seen (discovery, or the plan file); null = FieldKit looks for it. */
  currentIp: string | null;
  currentPrefix: number | null;
  /** What discovery or the last read said (for the UI list); never trusted for a change. */
  label: string | null;
  network: NetworkPlan;
  time: TimePlan;
  hostname: string | null;
  /** ONVIF `onvif://www.onvif.org/name/...` scope. */
  name: string | null;
  /** ONVIF `onvif://www.onvif.org/location/...` scope. */
  location: string | null;
  newPassword: SecretRef | null;
  ptz: PtzPlan;
}

/** A whole run's draft: who, where, with which login, and the devices. */
export interface WizardDraft {
  site: string;
  technician: string;
  /** Laptop interface to work on; null = the one holding the camera's subnet, or the only NIC. */
  iface: string | null;
  username: string;
  /** Vault id of the login password for `username`; null until the technician gives it. */
  credentialId: string | null;
  devices: DraftDevice[];
}

/** The wizard's pages, in order. */
export const WIZARD_STEP_IDS = ['devices', 'credentials', 'network', 'time', 'identity', 'ptz', 'review', 'apply', 'summary'] as const;
export type WizardStepId = (typeof WIZARD_STEP_IDS)[number];

/** One page as the UI shows it: available or not, and what is wrong with the draft for it. */
export interface WizardStepState {
  id: WizardStepId;
  /** i18n key of the page title (`wizard.step.<id>`). */
  titleKey: string;
  available: boolean;
  problems: WizardProblem[];
}

/** A problem in the draft, with a stable code the UI translates and the device it concerns. */
export interface WizardProblem {
  code: string;
  message: string;
  mac: string | null;
}

/** What a camera was found to be before any change (read at apply, or known from discovery). */
export interface DeviceSnapshot {
  ip: string | null;
  prefix: number | null;
  dhcp: boolean | null;
  gateway: string[];
  hostname: string | null;
  name: string | null;
  location: string | null;
  timeMode: 'NTP' | 'Manual' | null;
  ntpServers: string[];
  timezone: string | null;
  clockOffsetMs: number | null;
  hasPtz: boolean | null;
}

/** The steps apply runs on a device, in order. */
export const APPLY_STEPS = ['password', 'network', 'time', 'hostname', 'scopes', 'ptz'] as const;
export type ApplyStepName = (typeof APPLY_STEPS)[number];

/** One change the plan says apply will make (or check) on one device. */
export interface PlannedChange {
  step: ApplyStepName;
  /** What changes, e.g. `address`, `gateway`, `hostname`, `scope name`. */
  field: string;
  /** As it is now (null when not known yet). */
  from: string | null;
  to: string;
  /** `set` writes to the camera; `check` only exercises and verifies (PTZ). */
  action: 'set' | 'check';
  /**
   * Stable id of `field`, so a UI can name it in its own language: `address`, `gateway`, `clock`,
   * `ntp`, `timezone`, `hostname`, `name`, `location`, `ptz-check`, `password` (of `fieldParams.user`)
   * or `password-login-user` (the draft names no user yet).
   */
  fieldCode: string;
  /** Values `fieldCode` names (`user` for `password`). */
  fieldParams: Record<string, string | number>;
  /**
   * Stable id of what `to` says: `value` (`toParams.value` is the literal address, name or zone,
   * shown as is), `dhcp`, `laptop-time`, `ntp-server` (`server`), `new-password` (`strength`:
   * weak, fair or strong), `ptz-check`, `ptz-check-if-any` (the camera may have no PTZ).
   */
  toCode: string;
  /** Values `toCode` names. */
  toParams: Record<string, string | number>;
  /**
   * Stable id of what `from` says, null when `from` is null: `value` (`fromParams.value`, literal),
   * `address` / `address-dhcp` (`cidr`), `none` (no gateway), `clock-offset` (`seconds`, `mode`),
   * `time-source` (`mode`, `servers`: comma-separated, maybe empty). `mode` is `ntp`, `manual` or
   * `unknown` (the camera's ONVIF time mode, or not known).
   */
  fromCode: string | null;
  /** Values `fromCode` names. */
  fromParams: Record<string, string | number>;
}

/** The plan for one device. */
export interface PlannedDevice {
  mac: string;
  changes: PlannedChange[];
  /** Steps apply will run, in order (derived from changes). */
  steps: ApplyStepName[];
}

/** State of one apply step of one device, persisted so a restart resumes after the last verified step. */
export type StepState = 'pending' | 'running' | 'verified' | 'failed' | 'skipped';

/** One step as apply reports it. */
export interface ApplyStepReport {
  name: string;
  ok: boolean;
  detail: string;
  at: string;
}

/** Progress of one device. */
export interface DeviceProgress {
  mac: string;
  state: 'pending' | 'running' | 'done' | 'failed';
  steps: (ApplyStepReport & { state: StepState })[];
}

/** A run's lifecycle: a draft; applying (or interrupted when its process died); finished. */
export type RunState = 'draft' | 'applying' | 'interrupted' | 'done' | 'failed' | 'cancelled';

export interface WizardRunSummary {
  id: number;
  site: string;
  technician: string;
  state: RunState;
  devices: number;
  createdAt: string;
  updatedAt: string;
}

/** A run with its draft, page states and progress; never any secret. */
export interface WizardRun extends WizardRunSummary {
  draft: WizardDraft;
  steps: WizardStepState[];
  progress: DeviceProgress[];
}

/** What apply returns at the end (the CLI prints `devices`). */
export interface ApplyResult {
  runId: number;
  state: RunState;
  resumed: boolean;
  devices: { mac: string; ok: boolean; steps: ApplyStepReport[] }[];
}

/** A saved credential, as anyone outside the core sees it: metadata only. */
export interface CredentialMeta {
  id: string;
  site: string;
  label: string;
  username: string;
  createdAt: string;
}

const networkPlan = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('keep') }).strict(),
  z.object({ mode: z.literal('dhcp') }).strict(),
  z.object({ mode: z.literal('static'), cidr, gateway: ipv4.nullable().default(null) }).strict(),
]);
const tz = z.string().max(64).regex(/^[A-Za-z0-9:+\-/_,.]*$/, 'a POSIX time zone').nullable().default(null);
const timePlan = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('keep') }).strict(),
  z.object({ mode: z.literal('laptop'), timezone: tz }).strict(),
  z.object({ mode: z.literal('ntp'), server: host, timezone: tz }).strict(),
]);

/** A device as a client sends it (new passwords go through `wizard.setNewPassword`). */
export const draftDeviceInput = z
  .object({
    mac,
    currentIp: ipv4.nullable().default(null),
    currentPrefix: z.number().int().min(1).max(32).nullable().default(null),
    label: z.string().max(200).nullable().default(null),
    network: networkPlan.default({ mode: 'keep' }),
    time: timePlan.default({ mode: 'keep' }),
    hostname: hostname.nullable().default(null),
    name: z.string().max(64).nullable().default(null),
    location: z.string().max(64).nullable().default(null),
    ptz: z.enum(['auto', 'skip', 'require']).default('auto'),
  })
  .strict();

const draftPatch = z
  .object({
    site: site.optional(),
    technician: z.string().max(120).optional(),
    iface: z.string().min(1).max(64).nullable().optional(),
    devices: z.array(draftDeviceInput).max(500).optional(),
  })
  .strict();

export const wizardContract = {
  stepIds: method(z.tuple([]), 'The wizard pages in order with their i18n title keys.').returns<{ id: WizardStepId; titleKey: string }[]>(),
  create: method(
    z.tuple([z.object({ site, technician: z.string().max(120).default(''), iface: z.string().min(1).max(64).nullable().default(null) }).strict()]),
    'Start a new run with an empty draft.',
  ).returns<WizardRun>(),
  list: method(z.tuple([]), 'Every run, newest first (drafts, interrupted, finished).').returns<WizardRunSummary[]>(),
  get: method(z.tuple([runId]), 'One run: draft, page states, progress.').returns<WizardRun>(),
  update: method(z.tuple([runId, draftPatch]), 'Change the draft (only while it is a draft).').returns<WizardRun>(),
  importPlan: method(
    z.tuple([runId, z.object({ csv: z.string().max(1_000_000) }).strict()]),
    'Replace the devices with a plan CSV (mac, ip, gateway, hostname, new_password, ntp); new passwords go to the vault.',
  ).returns<WizardRun & { errors: { line: number; message: string }[] }>(),
  openPlan: method(
    z.tuple([
      z
        .object({
          csv: z.string().min(1).max(1_000_000),
          site,
          technician: z.string().max(120).default(''),
          iface: z.string().min(1).max(64).nullable().default(null),
          username: z.string().min(1).max(64),
          password: z.string().max(128),
        })
        .strict(),
    ]),
    'Start a run from a plan CSV, or continue the unfinished run of the same plan and site (batch and CLI).',
  ).returns<{ run: WizardRun; resumed: boolean }>(),
  setLogin: method(
    z.tuple([runId, z.object({ username: z.string().min(1).max(64), password: z.string().max(128) }).strict()]),
    'Save the login for the cameras in the vault; the run keeps only its id.',
  ).returns<CredentialMeta>(),
  useCredential: method(z.tuple([runId, secretId]), 'Use a login already saved for the site.').returns<WizardRun>(),
  setNewPassword: method(
    z.tuple([runId, z.object({ mac: mac.nullable(), password: z.string().min(1).max(128) }).strict()]),
    'Set the new password for one device (or every device: mac null); refused when weak.',
  ).returns<PasswordCheck>(),
  checkPassword: method(z.tuple([z.string().max(128), z.string().max(64).optional()]), 'Strength of a candidate password for a user name, with the reasons (the same rule setNewPassword applies).').returns<PasswordCheck>(),
  plan: method(z.tuple([runId]), 'Every change apply would make, device by device (pure: nothing is sent).').returns<{ devices: PlannedDevice[]; problems: WizardProblem[] }>(),
  apply: method(
    z.tuple([runId, z.object({ verifyTimeoutMs: z.number().int().min(1000).max(300_000).optional() }).strict().optional()]),
    'Apply the plan (or resume it), verifying every step; progress as wizard.progress events.',
  ).returns<ApplyResult>(),
  cancel: method(z.tuple([runId]), 'Stop after the current step; the run can be resumed later.').returns<{ cancelling: boolean }>(),
  resumable: method(z.tuple([]), 'Runs a crash or restart left unfinished.').returns<WizardRunSummary[]>(),
  discard: method(z.tuple([runId]), 'Delete a run that is not applying.').returns<{ removed: boolean }>(),
  credentials: method(z.tuple([z.object({ site: site.optional() }).strict().optional()]), 'Saved credentials: metadata only, never the secret.').returns<CredentialMeta[]>(),
  forgetCredential: method(z.tuple([secretId]), 'Delete a saved credential.').returns<{ removed: boolean }>(),
};

export const wizardEvents = {
  'wizard.progress': event<{ runId: number; mac: string; step: string; state: StepState; detail: string; at: string }>(
    'A step of an applying run started or finished.',
  ),
  'wizard.run': event<WizardRunSummary>('A run was created, changed state or was discarded.'),
};
