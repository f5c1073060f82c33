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
      { step: 'password', field: 'password of admin', from: null, to: 'a new strong password', action: 'set' },
      { step: 'network', field: 'address', from: '192.168.1.64/24', to: '198.51.100.21/24', action: 'set' },
      { step: 'network', field: 'gateway', from: '192.168.1.1', to: '198.51.100.1', action: 'set' },
      { step: 'time', field: 'clock', from: 'offset -94608000 s (Manual)', to: 'laptop time', action: 'set' },
      { step: 'hostname', field: 'hostname', from: 'IPC', to: 'cam-21', action: 'set' },
      { step: 'scopes', field: 'name', from: 'HIKVISION', to: 'Gate', action: 'set' },
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
      { step: 'network', field: 'address', from: null, to: 'DHCP', action: 'set' },
      { step: 'time', field: 'ntp', from: null, to: 'NTP pool.example', action: 'set' },
      { step: 'time', field: 'timezone', from: null, to: 'UTC0', action: 'set' },
      { step: 'hostname', field: 'hostname', from: null, to: 'cam-21', action: 'set' },
      { step: 'scopes', field: 'name', from: null, to: 'Gate', action: 'set' },
    ]);
    // PTZ unknown until read: the check is planned "if the camera has PTZ".
    expect(p!.changes.find((c) => c.step === 'ptz')).toMatchObject({ action: 'check', to: expect.stringMatching(/if the camera has PTZ/) });
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
    expect(p!.changes).toEqual([{ step: 'network', field: 'gateway', from: '198.51.100.254', to: '198.51.100.1', action: 'set' }]);
  });
});
