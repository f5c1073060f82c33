import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot, DraftDevice, WizardDraft } from '../../../src/contract/wizard';
import { planChanges } from '../../../src/wizard/plan';

const dev = (over: Partial<DraftDevice> = {}): DraftDevice => ({
  mac: '02:00:00:00:00:01',
  currentIp: null,
  currentPrefix: null,
  label: null,
  network: { mode: 'static', cidr: '198.51.100.21/24', gateway: '198.51.100.1' },
  time: { mode: 'laptop', timezone: null },
  hostname: 'cam-21',
  name: 'Gate',
  location: null,
  newPassword: null,
  ptz: 'auto',
  ...over,
});
const draft = (devices: DraftDevice[]): WizardDraft => ({ site: 'S', technician: 'T', iface: 'br0', username: 'admin', credentialId: 'x', devices });
const factory: DeviceSnapshot = {
  ip: '192.168.1.64',
  prefix: 24,
  dhcp: false,
  gateway: ['192.168.1.1'],
  hostname: 'IPC',
  name: 'HIKVISION',
  location: null,
  timeMode: 'Manual',
  ntpServers: [],
  timezone: 'CST-8',
  clockOffsetMs: -94_608_000_000,
  hasPtz: false,
};

describe('planChanges', () => {
  it('lists every change of a factory camera, in apply order, with from and to', () => {
    const [p] = planChanges({ '02:00:00:00:00:01': factory }, draft([dev({ newPassword: { id: 'v1', strength: 'strong' } })]));
    expect(p!.steps).toEqual(['password', 'network', 'time', 'hostname', 'scopes']);
    expect(p!.changes).toEqual([
      {
        step: 'password', field: 'password of admin', from: null, to: 'a new strong password', action: 'set',
        fieldCode: 'password', fieldParams: { user: 'admin' }, toCode: 'new-password', toParams: { strength: 'strong' }, fromCode: null, fromParams: {},
      },
      {
        step: 'network', field: 'address', from: '192.168.1.64/24', to: '198.51.100.21/24', action: 'set',
        fieldCode: 'address', fieldParams: {}, toCode: 'value', toParams: { value: '198.51.100.21/24' }, fromCode: 'address', fromParams: { cidr: '192.168.1.64/24' },
      },
      {
        step: 'network', field: 'gateway', from: '192.168.1.1', to: '198.51.100.1', action: 'set',
        fieldCode: 'gateway', fieldParams: {}, toCode: 'value', toParams: { value: '198.51.100.1' }, fromCode: 'value', fromParams: { value: '192.168.1.1' },
      },
      {
        step: 'time', field: 'clock', from: 'offset -94608000 s (Manual)', to: 'laptop time', action: 'set',
        fieldCode: 'clock', fieldParams: {}, toCode: 'laptop-time', toParams: {}, fromCode: 'clock-offset', fromParams: { seconds: -94608000, mode: 'manual' },
      },
      {
        step: 'hostname', field: 'hostname', from: 'IPC', to: 'cam-21', action: 'set',
        fieldCode: 'hostname', fieldParams: {}, toCode: 'value', toParams: { value: 'cam-21' }, fromCode: 'value', fromParams: { value: 'IPC' },
      },
      {
        step: 'scopes', field: 'name', from: 'HIKVISION', to: 'Gate', action: 'set',
        fieldCode: 'name', fieldParams: {}, toCode: 'value', toParams: { value: 'Gate' }, fromCode: 'value', fromParams: { value: 'HIKVISION' },
      },
    ]);
  });

  it('plans nothing for what the camera already has (a resumed run re-plans from a fresh read)', () => {
    const done: DeviceSnapshot = { ...factory, ip: '198.51.100.21', gateway: ['198.51.100.1'], hostname: 'cam-21', name: 'Gate', clockOffsetMs: 400 };
    const [p] = planChanges({ '02:00:00:00:00:01': done }, draft([dev()]));
    expect(p).toEqual({ mac: '02:00:00:00:00:01', changes: [], steps: [] });
  });

  it('keys devices by canonical MAC and plans with unknown "from" when the camera was not read', () => {
    const [p] = planChanges({}, draft([dev({ mac: '02-00-00-00-00-01', network: { mode: 'dhcp' }, time: { mode: 'ntp', server: 'pool.example', timezone: 'UTC0' } })]));
    expect(p!.mac).toBe('02:00:00:00:00:01');
    expect(p!.changes.filter((c) => c.step !== 'ptz')).toEqual([
      { step: 'network', field: 'address', from: null, to: 'DHCP', action: 'set', fieldCode: 'address', fieldParams: {}, toCode: 'dhcp', toParams: {}, fromCode: null, fromParams: {} },
      { step: 'time', field: 'ntp', from: null, to: 'NTP pool.example', action: 'set', fieldCode: 'ntp', fieldParams: {}, toCode: 'ntp-server', toParams: { server: 'pool.example' }, fromCode: null, fromParams: {} },
      { step: 'time', field: 'timezone', from: null, to: 'UTC0', action: 'set', fieldCode: 'timezone', fieldParams: {}, toCode: 'value', toParams: { value: 'UTC0' }, fromCode: null, fromParams: {} },
      { step: 'hostname', field: 'hostname', from: null, to: 'cam-21', action: 'set', fieldCode: 'hostname', fieldParams: {}, toCode: 'value', toParams: { value: 'cam-21' }, fromCode: null, fromParams: {} },
      { step: 'scopes', field: 'name', from: null, to: 'Gate', action: 'set', fieldCode: 'name', fieldParams: {}, toCode: 'value', toParams: { value: 'Gate' }, fromCode: null, fromParams: {} },
    ]);
    // PTZ unknown until read: the check is planned "if the camera has PTZ".
    expect(p!.changes.find((c) => c.step === 'ptz')).toMatchObject({ action: 'check', to: expect.stringMatching(/if the camera has PTZ/), fieldCode: 'ptz-check', toCode: 'ptz-check-if-any' });
  });

  it('plans the PTZ check only where PTZ is wanted and possible', () => {
    const ptzCam = { ...factory, hasPtz: true };
    const plans = planChanges(
      { 'aa:00:00:00:00:01': ptzCam, 'aa:00:00:00:00:02': factory, 'aa:00:00:00:00:03': ptzCam },
      draft([dev({ mac: 'aa:00:00:00:00:01' }), dev({ mac: 'aa:00:00:00:00:02' }), dev({ mac: 'aa:00:00:00:00:03', ptz: 'skip' })]),
    );
    expect(plans.map((p) => p.steps.includes('ptz'))).toEqual([true, false, false]);
  });

  it('is pure: the same input gives the same plan and the inputs are not changed', () => {
    const d = draft([dev()]);
    const before = { '02:00:00:00:00:01': factory };
    const copy = JSON.stringify([before, d]);
    expect(planChanges(before, d)).toEqual(planChanges(before, d));
    expect(JSON.stringify([before, d])).toBe(copy);
  });

  it('a gateway change alone still runs the network step; an NTP camera already on the server is left alone', () => {
    const at = { ...factory, ip: '198.51.100.21', gateway: ['198.51.100.254'], timeMode: 'NTP' as const, ntpServers: ['198.51.100.1'] };
    const [p] = planChanges({ '02:00:00:00:00:01': at }, draft([dev({ time: { mode: 'ntp', server: '198.51.100.1', timezone: null }, hostname: null, name: null })]));
    expect(p!.changes).toEqual([{
      step: 'network', field: 'gateway', from: '198.51.100.254', to: '198.51.100.1', action: 'set',
      fieldCode: 'gateway', fieldParams: {}, toCode: 'value', toParams: { value: '198.51.100.1' }, fromCode: 'value', fromParams: { value: '198.51.100.254' },
    }]);
  });

  it('codes the other wordings: a DHCP camera, no gateway, the login user not named yet, an NTP source, a known PTZ', () => {
    const cam: DeviceSnapshot = { ...factory, dhcp: true, gateway: [], timeMode: 'Manual', ntpServers: ['198.51.100.9', '198.51.100.8'], hasPtz: true };
    const d = { ...draft([dev({ newPassword: { id: 'v1', strength: 'fair' }, time: { mode: 'ntp', server: 'pool.example', timezone: null }, ptz: 'require' })]), username: '' };
    const [p] = planChanges({ '02:00:00:00:00:01': cam }, d);
    const byField = Object.fromEntries(p!.changes.map((c) => [c.field, c]));
    expect(byField['password of the login user']).toMatchObject({ fieldCode: 'password-login-user', fieldParams: {}, toCode: 'new-password', toParams: { strength: 'fair' } });
    expect(byField.address).toMatchObject({ from: '192.168.1.64/24 (DHCP)', fromCode: 'address-dhcp', fromParams: { cidr: '192.168.1.64/24' } });
    expect(byField.gateway).toMatchObject({ from: 'none', fromCode: 'none', fromParams: {} });
    expect(byField.ntp).toMatchObject({ from: 'Manual 198.51.100.9, 198.51.100.8', fromCode: 'time-source', fromParams: { mode: 'manual', servers: '198.51.100.9, 198.51.100.8' } });
    expect(byField['ptz check']).toMatchObject({ to: 'move, set and recall a preset, verify', toCode: 'ptz-check', toParams: {} });
    const [q] = planChanges({ '02:00:00:00:00:01': { ...cam, timeMode: null, ntpServers: [] } }, d);
    expect(q!.changes.find((c) => c.field === 'ntp')).toMatchObject({ from: '?', fromCode: 'time-source', fromParams: { mode: 'unknown', servers: '' } });
  });
});
