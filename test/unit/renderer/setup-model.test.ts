import { describe, expect, it } from 'vitest';
import type { DeviceProgress, PlannedChange, WizardProblem } from '../../../src/contract';
import { EN, ZH_CN } from '../../../renderer/src/i18n/resources';
import { assignAddresses, numberHostnames, toDeviceInput, type DeviceInput } from '../../../renderer/src/features/setup/model/draft';
import { foldProgress, progressCounts, progressFromResult } from '../../../renderer/src/features/setup/model/progress';
import { describeNetwork } from '../../../renderer/src/features/setup/model/records';
import { changeField, changeFrom, changeTo, problemText, reasonText, type Text } from '../../../renderer/src/features/setup/model/text';

const dev = (mac: string): DeviceInput => ({
  mac, currentIp: null, currentPrefix: null, label: null, network: { mode: 'keep' }, time: { mode: 'keep' }, hostname: null, name: null, location: null, ptz: 'auto',
});

/** Looks a dotted key up in a locale tree. */
const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), tree);
const expectKey = (t: Text) => {
  expect('key' in t, JSON.stringify(t)).toBe(true);
  if ('key' in t) {
    expect(typeof lookup(EN, t.key), t.key).toBe('string');
    expect(typeof lookup(ZH_CN, t.key), t.key).toBe('string');
  }
};

describe('setup draft edits', () => {
  it('assigns consecutive addresses, skipping the gateway', () => {
    const r = assignAddresses([dev('02:00:00:00:00:01'), dev('02:00:00:00:00:02'), dev('02:00:00:00:00:03')], { start: '198.51.100.253', prefix: '24', gateway: '198.51.100.254' });
    expect('error' in r ? r.error : null).toBe('overflow');
    const ok = assignAddresses([dev('02:00:00:00:00:01'), dev('02:00:00:00:00:02')], { start: '198.51.100.20', prefix: '24', gateway: '198.51.100.21' });
    expect('devices' in ok && ok.devices.map((d) => d.network)).toEqual([
      { mode: 'static', cidr: '198.51.100.20/24', gateway: '198.51.100.21' },
      { mode: 'static', cidr: '198.51.100.22/24', gateway: '198.51.100.21' },
    ]);
  });

  it('refuses a bad start, prefix or an off-subnet gateway', () => {
    expect(assignAddresses([dev('a')], { start: '198.51.100.300', prefix: '24', gateway: '' })).toEqual({ error: 'start' });
    expect(assignAddresses([dev('a')], { start: '198.51.100.3', prefix: '33', gateway: '' })).toEqual({ error: 'prefix' });
    expect(assignAddresses([dev('a')], { start: '198.51.100.3', prefix: '24', gateway: '198.51.101.1' })).toEqual({ error: 'gateway' });
  });

  it('numbers host names in list order and never sends the new password reference back', () => {
    expect(numberHostnames([dev('a'), dev('b')], 'cam').map((d) => d.hostname)).toEqual(['cam-01', 'cam-02']);
    const withSecret = { ...dev('a'), newPassword: { id: 'v1', strength: 'strong' as const } };
    expect(toDeviceInput(withSecret)).not.toHaveProperty('newPassword');
  });
});

describe('setup progress', () => {
  it('folds running then verified into one step, and a failure fails the device', () => {
    let rows: DeviceProgress[] = [{ mac: 'm', state: 'pending', steps: [] }];
    const ev = (step: string, state: 'running' | 'verified' | 'failed') => ({ runId: 1, mac: 'm', step, state, detail: step, at: 't' });
    rows = foldProgress(rows, ev('login', 'running'));
    expect(rows[0]).toMatchObject({ state: 'running', steps: [{ name: 'login', state: 'running' }] });
    rows = foldProgress(rows, ev('login', 'verified'));
    expect(rows[0]!.steps).toHaveLength(1);
    rows = foldProgress(rows, ev('network', 'failed'));
    expect(rows[0]!.state).toBe('failed');
    expect(progressCounts(rows)).toEqual({ done: 0, failed: 1, running: 0, pending: 0, total: 1 });
    rows = foldProgress(rows, { ...ev('done', 'verified'), mac: 'other' });
    expect(rows[1]).toMatchObject({ mac: 'other', state: 'done' });
  });

  it('takes the final word from the apply result', () => {
    const rows = progressFromResult([{ mac: 'm', state: 'running', steps: [] }], {
      runId: 1, state: 'failed', resumed: false,
      devices: [{ mac: 'm', ok: false, steps: [{ name: 'network', ok: false, detail: 'did not apply', at: 't' }, { name: 'hostname', ok: false, detail: 'not run: an earlier step failed', at: 't' }] }],
    });
    expect(rows[0]!.state).toBe('failed');
    expect(rows[0]!.steps.map((s) => s.state)).toEqual(['failed', 'skipped']);
  });
});

describe('setup texts', () => {
  const change = (c: Partial<PlannedChange>): PlannedChange => ({ step: 'network', field: 'address', from: null, to: '198.51.100.2/24', action: 'set', ...c });

  it('translates the fields and values the core plans, and keeps addresses as they are', () => {
    for (const f of ['address', 'gateway', 'clock', 'ntp', 'timezone', 'hostname', 'name', 'location', 'ptz check', 'password of admin', 'password of the login user']) expectKey(changeField(change({ field: f })));
    expect(changeTo(change({}))).toEqual({ raw: '198.51.100.2/24' });
    for (const to of ['a new strong password', 'a new fair password', 'laptop time', 'DHCP', 'NTP 198.51.100.1']) expectKey(changeTo(change({ to })));
    expectKey(changeTo(change({ step: 'ptz', to: 'move, set and recall a preset, verify (if the camera has PTZ)' })));
    expectKey(changeFrom(change({ from: 'offset -94608000 s (Manual)' }))!);
    expect(changeFrom(change({ from: '192.168.1.64/24' }))).toEqual({ raw: '192.168.1.64/24' });
    expect(changeField(change({ field: 'something new' }))).toEqual({ raw: 'something new' });
  });

  it('translates every problem code the core has, and shows unknown ones as written', () => {
    const codes = ['no-devices', 'bad-mac', 'duplicate-mac', 'no-username', 'no-login', 'weak-password', 'bad-address', 'gateway-off-subnet', 'gateway-is-device', 'duplicate-address', 'bad-ntp-server', 'bad-hostname', 'duplicate-hostname', 'bad-scope'];
    for (const code of codes) expectKey(problemText({ code, message: 'x', mac: 'm' }));
    const unknown: WizardProblem = { code: 'new-thing', message: 'A new check.', mac: null };
    expect(problemText(unknown)).toEqual({ raw: 'A new check.' });
  });

  it('translates the password strength reasons', () => {
    for (const r of ['shorter than 8 characters', 'uses only one kind of character (mix letters, digits, symbols)', 'a factory default or very common password', 'contains the user name', 'one character repeated', 'a run of consecutive characters', '12 or more characters would be strong', 'a third kind of character would make it strong']) expectKey(reasonText(r));
  });

  it('describes a record network', () => {
    expect(describeNetwork({ ip: '198.51.100.21', prefix: 24, dhcp: false, gateway: ['198.51.100.1'] })).toBe('198.51.100.21/24 gw 198.51.100.1');
    expect(describeNetwork(null)).toBeNull();
  });
});
