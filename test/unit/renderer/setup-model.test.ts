import { passwordStrength } from '../../../src/wizard/password-strength';
import { describe, expect, it } from 'vitest';
import type { DeviceProgress, DeviceSnapshot, DraftDevice, PlannedChange, WizardDraft, WizardProblem } from '../../../src/contract';
import { planChanges } from '../../../src/wizard/plan';
import { createI18n } from '../../../renderer/src/i18n';
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
  const change = (c: Partial<PlannedChange>): PlannedChange => ({
    step: 'network', field: 'address', from: null, to: '198.51.100.2/24', action: 'set',
    fieldCode: 'address', fieldParams: {}, toCode: 'value', toParams: { value: '198.51.100.2/24' }, fromCode: null, fromParams: {}, ...c,
  });
  const zh = createI18n('zh-CN');
  const en = createI18n('en');
  const say = (i18n: typeof zh, t: Text | null) => (t === null ? '' : 'key' in t ? (i18n.t as unknown as (k: string, v?: object) => string)(t.key, t.values ?? {}) : t.raw);

  // Every kind of change the core plans, made by the core's own planChanges.
  const cam: DeviceSnapshot = {
    ip: '192.168.1.64', prefix: 24, dhcp: true, gateway: [], hostname: 'IPC', name: 'HIKVISION', location: null,
    timeMode: 'Manual', ntpServers: ['198.51.100.9'], timezone: 'CST-8', clockOffsetMs: -94_608_000_000, hasPtz: null,
  };
  const device = (over: Partial<DraftDevice>): DraftDevice => ({
    mac: '02:00:00:00:00:01', currentIp: null, currentPrefix: null, label: null, network: { mode: 'static', cidr: '198.51.100.21/24', gateway: '198.51.100.1' },
    time: { mode: 'laptop', timezone: 'UTC0' }, hostname: 'cam-21', name: 'Gate', location: 'Yard', newPassword: { id: 'v', strength: 'fair' }, ptz: 'auto', ...over,
  });
  const wizard = (username: string, d: DraftDevice): WizardDraft => ({ site: 'S', technician: 'T', iface: 'br0', username, credentialId: 'x', devices: [d] });
  const planned: PlannedChange[] = [
    ...planChanges({ '02:00:00:00:00:01': cam }, wizard('admin', device({}))),
    ...planChanges({ '02:00:00:00:00:01': { ...cam, dhcp: false, timeMode: 'NTP', gateway: [] } }, wizard('', device({ network: { mode: 'dhcp' }, time: { mode: 'ntp', server: 'ntp.example', timezone: null }, ptz: 'require' }))),
    ...planChanges({ '02:00:00:00:00:01': { ...cam, timeMode: null, ntpServers: [], clockOffsetMs: 5000 } }, wizard('admin', device({ time: { mode: 'ntp', server: 'ntp.example', timezone: null } }))),
    ...planChanges({ '02:00:00:00:00:01': { ...cam, timeMode: null, clockOffsetMs: 5000 } }, wizard('admin', device({}))),
    ...planChanges({ '02:00:00:00:00:01': cam }, wizard('admin', device({ time: { mode: 'ntp', server: 'ntp.example', timezone: null } }))),
    ...planChanges({}, wizard('admin', device({}))),
  ].flatMap((p) => p.changes);

  it('translates every field, value and prior value the core plans, by code; literal values stay as they are', () => {
    const codes = new Set(planned.flatMap((c) => [`field:${c.fieldCode}`, `to:${c.toCode}`, `from:${c.fromCode ?? 'null'}`]));
    // The drafts above reach every code the core has.
    expect([...codes].sort()).toEqual([
      'field:address', 'field:clock', 'field:gateway', 'field:hostname', 'field:location', 'field:name', 'field:ntp', 'field:password', 'field:password-login-user', 'field:ptz-check', 'field:timezone',
      'from:address', 'from:address-dhcp', 'from:clock-offset', 'from:none', 'from:null', 'from:time-source', 'from:value',
      'to:dhcp', 'to:laptop-time', 'to:new-password', 'to:ntp-server', 'to:ptz-check', 'to:ptz-check-if-any', 'to:value',
    ].sort());
    for (const c of planned) {
      expectKey(changeField(c));
      if (c.toCode === 'value') expect(changeTo(c)).toEqual({ raw: c.to });
      else expectKey(changeTo(c));
      const from = changeFrom(c);
      if (c.from === null) expect(from).toBeNull();
      else if (c.fromCode === 'value' || c.fromCode === 'address') expect(from).toEqual({ raw: c.from });
      else expectKey(from!);
    }
  });

  it('says the plan in Chinese with no English words but names, addresses and protocol names', () => {
    for (const c of planned) {
      for (const text of [say(zh, changeField(c)), say(zh, changeTo(c)), say(zh, changeFrom(c))]) {
        // Strip what is the same in every language: the values the core planned, and protocol acronyms.
        const rest = [c.fieldParams, c.toParams, c.fromParams].flatMap((p) => Object.values(p).map(String)).sort((x, y) => y.length - x.length).reduce((t, v) => t.split(v).join(''), text)
          .replace(/\b(NTP|DHCP|PTZ)\b/g, '');
        expect(rest, `${c.field}: ${text}`).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
    const clock = planned.find((c) => c.fromCode === 'clock-offset' && c.fromParams.mode === 'manual')!;
    expect(say(zh, changeFrom(clock))).toBe('偏差 -94608000 秒（手动设置）');
    expect(say(en, changeFrom(clock))).toBe('-94608000 s off (set by hand)');
    const ntp = planned.find((c) => c.fromCode === 'time-source' && c.fromParams.mode === 'manual')!;
    expect(say(zh, changeFrom(ntp))).toBe('手动设置（NTP 服务器：198.51.100.9）');
    expect(say(zh, changeField(planned.find((c) => c.fieldCode === 'password')!))).toBe('admin 的密码');
  });

  it('shows what it does not know as the core wrote it', () => {
    expect(changeField(change({ field: 'something new', fieldCode: 'something-new' }))).toEqual({ raw: 'something new' });
    expect(changeTo(change({ to: 'a new colour', toCode: 'colour', toParams: { colour: 'red' } }))).toEqual({ raw: 'a new colour' });
    expect(changeFrom(change({ from: 'sideways', fromCode: 'tilt' }))).toEqual({ raw: 'sideways' });
    expect(changeTo(change({ to: 'a new great password', toCode: 'new-password', toParams: { strength: 'great' } }))).toEqual({ raw: 'a new great password' });
    expect(changeFrom(change({ from: 'offset 5 s (Auto)', fromCode: 'clock-offset', fromParams: { seconds: 5, mode: 'auto' } }))).toEqual({ raw: 'offset 5 s (Auto)' });
    // An older core sends no codes: its English is shown, never guessed at.
    const old = { step: 'time', field: 'clock', from: 'offset 5 s (Manual)', to: 'laptop time', action: 'set' } as unknown as PlannedChange;
    expect([changeField(old), changeTo(old), changeFrom(old)]).toEqual([{ raw: 'clock' }, { raw: 'laptop time' }, { raw: 'offset 5 s (Manual)' }]);
  });

  it('translates every problem code the core has, and shows unknown ones as written', () => {
    const codes = ['no-devices', 'bad-mac', 'duplicate-mac', 'no-username', 'no-login', 'weak-password', 'bad-address', 'gateway-off-subnet', 'gateway-is-device', 'duplicate-address', 'bad-ntp-server', 'bad-hostname', 'duplicate-hostname', 'bad-scope'];
    for (const code of codes) expectKey(problemText({ code, message: 'x', mac: 'm' }));
    const unknown: WizardProblem = { code: 'new-thing', message: 'A new check.', mac: null };
    expect(problemText(unknown)).toEqual({ raw: 'A new check.' });
  });

  it('translates every password strength reason the core gives, by code', () => {
    const codes = new Set<string>();
    for (const [pw, user] of [['1234', ''], ['x'.repeat(70), ''], ['aaaaaaaa', ''], ['admin', ''], ['admin-site-9', 'admin'], ['abcdefgh', ''], ['pässwort-9Z', ''], ['tower7North', ''], ['towersevennorth7', '']] as const) {
      const r = passwordStrength(pw, user);
      r.reasonCodes.forEach((c, i) => {
        codes.add(c);
        expectKey(reasonText(c, r.reasons[i]!));
      });
    }
    expect([...codes].sort()).toEqual(['common', 'long', 'longer', 'non-ascii', 'one-kind', 'repeated', 'run', 'short', 'third-kind', 'username']);
    expect(reasonText('new-rule', 'a new rule')).toEqual({ raw: 'a new rule' });
    expect(reasonText(undefined, 'from an older core')).toEqual({ raw: 'from an older core' });
  });

  it('describes a record network', () => {
    expect(describeNetwork({ ip: '198.51.100.21', prefix: 24, dhcp: false, gateway: ['198.51.100.1'] })).toBe('198.51.100.21/24 gw 198.51.100.1');
    expect(describeNetwork(null)).toBeNull();
  });
});
