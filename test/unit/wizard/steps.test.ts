import { describe, expect, it } from 'vitest';
import type { DraftDevice, WizardDraft } from '../../../src/contract/wizard';
import { WIZARD_STEP_IDS } from '../../../src/contract/wizard';
import { draftProblems, stepStates, WIZARD_STEPS } from '../../../src/wizard/steps';

const dev = (mac: string, over: Partial<DraftDevice> = {}): DraftDevice => ({
  mac,
  currentIp: null,
  currentPrefix: null,
  label: null,
  network: { mode: 'keep' },
  time: { mode: 'keep' },
  hostname: null,
  name: null,
  location: null,
  newPassword: null,
  ptz: 'skip',
  ...over,
});
const draft = (devices: DraftDevice[], over: Partial<WizardDraft> = {}): WizardDraft => ({ site: 'S', technician: '', iface: null, username: 'admin', credentialId: 'c', devices, ...over });
const codes = (d: WizardDraft, id: string) => stepStates(d).find((s) => s.id === id)!.problems.map((p) => p.code);

describe('wizard steps as data', () => {
  it('has every page, in order, with a title key', () => {
    expect(WIZARD_STEPS.map((s) => s.id)).toEqual([...WIZARD_STEP_IDS]);
    expect(WIZARD_STEPS.every((s) => s.titleKey === `wizard.step.${s.id}`)).toBe(true);
  });

  it('an empty draft shows only the device page and cannot be applied', () => {
    const st = stepStates(draft([]));
    expect(st.filter((s) => s.available).map((s) => s.id)).toEqual(['devices']);
    expect(codes(draft([]), 'devices')).toEqual(['no-devices']);
  });

  it('validates each page', () => {
    const d = draft(
      [
        dev('02:00:00:00:00:01', { network: { mode: 'static', cidr: '198.51.100.0/24', gateway: '10.0.0.1' }, hostname: 'bad_name', newPassword: { id: '', strength: 'weak' } }),
        dev('02-00-00-00-00-01'),
        dev('02:00:00:00:00:02', { network: { mode: 'static', cidr: '198.51.100.9/24', gateway: '198.51.100.9' }, time: { mode: 'ntp', server: 'a b', timezone: null }, name: '' }),
        dev('02:00:00:00:00:03', { network: { mode: 'static', cidr: '198.51.100.9/24', gateway: null } }),
      ],
      { credentialId: null },
    );
    expect(codes(d, 'devices')).toEqual(['duplicate-mac']);
    expect(codes(d, 'credentials')).toEqual(['no-login', 'weak-password']);
    expect(codes(d, 'network')).toEqual(['bad-address', 'gateway-off-subnet', 'gateway-is-device', 'duplicate-address']);
    expect(codes(d, 'time')).toEqual(['bad-ntp-server']);
    expect(codes(d, 'identity')).toEqual(['bad-hostname', 'bad-scope']);
    expect(stepStates(d).find((s) => s.id === 'apply')!.available).toBe(false);
  });

  it('offers the PTZ page only when a camera may have PTZ, and apply once the draft is clean', () => {
    const clean = draft([dev('02:00:00:00:00:01', { hostname: 'cam-1' })]);
    expect(draftProblems(clean)).toEqual([]);
    const avail = (d: WizardDraft, run?: Parameters<typeof stepStates>[1]) => stepStates(d, run).filter((s) => s.available).map((s) => s.id);
    expect(avail(clean)).toEqual(['devices', 'credentials', 'network', 'time', 'identity', 'review', 'apply']);
    expect(avail(draft([dev('02:00:00:00:00:01', { ptz: 'auto' })]))).toContain('ptz');
    expect(avail(clean, 'done')).toContain('summary');
    expect(avail(clean, 'done')).not.toContain('apply');
  });
});
