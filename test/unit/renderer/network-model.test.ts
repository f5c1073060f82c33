import { describe, expect, it } from 'vitest';
import { laptopSubnets } from '../../../renderer/src/features/devices/lan-map';
import { candidateAddresses, isReserved, parseAddressPool } from '../../../renderer/src/features/network/model/addresses';
import {
  buildSetIpRequest, defaultFixDraft, firstAliasCandidate, fixDraftErrors, fixPlan, type FixDraft,
} from '../../../renderer/src/features/network/model/fix-plan';
import { stepKey } from '../../../renderer/src/features/network/model/fix-steps';
import { planDeviceOf, planFormErrors, planIpAssignments, type PlanDevice, type SkipReason } from '../../../renderer/src/features/network/model/ip-plan';
import { buildProblems, knownAddresses, type FixedNote, type Problem } from '../../../renderer/src/features/network/model/problems';
import { DUP_A, DUP_B, HIK, OFF, device, iface } from './devices-helpers';

const INTERFACES = [iface('lo', 'loopback', ['127.0.0.1/8']), iface('eth0', 'physical', ['198.51.100.1/24']), iface('eth1', 'physical', ['203.0.113.1/24'])];
const LAPTOP = laptopSubnets(INTERFACES);

const problemsOf = (extra: Partial<Parameters<typeof buildProblems>[0]> = {}) =>
  buildProblems({ devices: [HIK, OFF, DUP_A, DUP_B], sweep: null, laptop: LAPTOP, fixed: {}, ...extra });
const byIp = (list: Problem[], ip: string) => list.find((p) => p.ip === ip)!;

describe('address pool', () => {
  it('reads ranges (full or last-octet shorthand) and lists in the order written', () => {
    expect(parseAddressPool('198.51.100.50-52, 198.51.100.60\n198.51.100.70 - 198.51.100.71')).toEqual({
      ok: true,
      addresses: ['198.51.100.50', '198.51.100.51', '198.51.100.52', '198.51.100.60', '198.51.100.70', '198.51.100.71'],
    });
    expect(parseAddressPool('10.0.0.255-10.0.1.1')).toEqual({ ok: true, addresses: ['10.0.0.255', '10.0.1.0', '10.0.1.1'] });
  });

  it('says which piece is wrong', () => {
    expect(parseAddressPool('  ')).toEqual({ ok: false, error: 'empty' });
    expect(parseAddressPool('198.51.100.50, 198.51.100.300')).toEqual({ ok: false, error: 'invalid', token: '198.51.100.300' });
    expect(parseAddressPool('198.51.100.50-40')).toEqual({ ok: false, error: 'backwards', token: '198.51.100.50-40' });
    expect(parseAddressPool('198.51.100.50-999')).toEqual({ ok: false, error: 'invalid', token: '198.51.100.50-999' });
    expect(parseAddressPool('cam; rm -rf /')).toMatchObject({ ok: false, error: 'invalid', token: 'cam' });
    expect(parseAddressPool('10.0.0.0-10.0.255.255')).toEqual({ ok: false, error: 'tooMany', count: 65536 });
  });

  it('knows network and broadcast addresses', () => {
    expect(isReserved('198.51.100.0', 24)).toBe(true);
    expect(isReserved('198.51.100.255', 24)).toBe(true);
    expect(isReserved('198.51.100.127', 25)).toBe(true);
    expect(isReserved('198.51.100.128', 24)).toBe(false);
    expect(isReserved('198.51.100.1', 31)).toBe(false);
  });

  it('proposes addresses from .10 upwards, then the low ones, skipping used ones', () => {
    const used = new Set(['198.51.100.10', '198.51.100.12']);
    expect(candidateAddresses('198.51.100.1/24', used, 3)).toEqual(['198.51.100.11', '198.51.100.13', '198.51.100.14']);
    expect(candidateAddresses('192.168.7.1/29', new Set(['192.168.7.1']), 10)).toEqual(['192.168.7.6', '192.168.7.2', '192.168.7.3', '192.168.7.4', '192.168.7.5']);
    expect(candidateAddresses('nonsense', used, 3)).toEqual([]);
  });
});

describe('problems list', () => {
  it('lists the off-subnet device and the shared address from discovery, open first', () => {
    const list = problemsOf();
    expect(list.map((p) => [p.ip, p.offSubnet, p.conflict, p.open])).toEqual([
      ['192.168.1.64', true, false, true],
      ['198.51.100.30', false, true, true],
    ]);
    expect(byIp(list, '192.168.1.64')).toMatchObject({ subnet: '192.168.1.0/24', sources: ['discovery'], members: [{ mac: '44:19:b6:00:00:03', prefix: 24, offSubnet: true }] });
    expect(byIp(list, '198.51.100.30').members.map((m) => m.mac)).toEqual(['02:00:00:00:00:04', '02:00:00:00:00:05']);
  });

  it('merges the sweep by MAC: a conflict only the sweep saw, and a third MAC at a known conflict', () => {
    const list = problemsOf({
      sweep: {
        iface: 'eth0',
        hosts: [
          { ip: '198.51.100.10', macs: ['44:19:b6:00:00:01'] },
          { ip: '198.51.100.30', macs: ['02:00:00:00:00:04', '02:00:00:00:00:05', '02:00:00:00:00:09'] },
          { ip: '198.51.100.77', macs: ['02:00:00:00:00:0a', '02:00:00:00:00:0B'] },
        ],
      },
    });
    expect(list.map((p) => p.ip)).toEqual(['192.168.1.64', '198.51.100.30', '198.51.100.77']);
    const shared = byIp(list, '198.51.100.30');
    expect(shared.sources).toEqual(['discovery', 'sweep']);
    expect(shared.members.map((m) => [m.mac, m.seenBy])).toEqual([
      ['02:00:00:00:00:04', ['discovery', 'sweep']],
      ['02:00:00:00:00:05', ['discovery', 'sweep']],
      ['02:00:00:00:00:09', ['sweep']],
    ]);
    expect(byIp(list, '198.51.100.77')).toMatchObject({ sources: ['sweep'], offSubnet: false, conflict: true });
    expect(byIp(list, '198.51.100.77').members.map((m) => m.mac)).toEqual(['02:00:00:00:00:0a', '02:00:00:00:00:0b']);
  });

  it('closes a problem once verified fixes leave one MAC in the laptop subnet', () => {
    const fixedB: FixedNote = { memberKey: '02:00:00:00:00:05', mac: '02:00:00:00:00:05', from: '198.51.100.30', to: '198.51.100.40', at: '' };
    const fixedOff: FixedNote = { memberKey: '44:19:b6:00:00:03', mac: '44:19:b6:00:00:03', from: '192.168.1.64', to: '198.51.100.41', at: '' };
    const list = problemsOf({ fixed: { [fixedB.memberKey]: fixedB, [fixedOff.memberKey]: fixedOff } });
    expect(list.map((p) => [p.ip, p.open])).toEqual([
      ['192.168.1.64', false],
      ['198.51.100.30', false],
    ]);
    expect(byIp(list, '198.51.100.30').fixed).toEqual([fixedB]);
    // A note about another address (the device moved there earlier) does not count here.
    const stale = { ...fixedB, from: '198.51.100.99' };
    expect(byIp(problemsOf({ fixed: { [stale.memberKey]: stale } }), '198.51.100.30').open).toBe(true);
  });

  it('two factory-default cameras off-subnet stay open until both are dealt with', () => {
    const a = device({ id: 'a', mac: '02:00:00:00:01:01', ips: ['192.168.1.64'], inSubnet: false });
    const b = device({ id: 'b', mac: '02:00:00:00:01:02', ips: ['192.168.1.64'], inSubnet: false });
    const note: FixedNote = { memberKey: a.mac!, mac: a.mac, from: '192.168.1.64', to: '198.51.100.50', at: '' };
    const [p] = buildProblems({ devices: [a, b], sweep: null, laptop: LAPTOP, fixed: { [note.memberKey]: note } });
    expect(p).toMatchObject({ offSubnet: true, conflict: true, open: true });
  });

  it('collects every address known to be taken', () => {
    const used = knownAddresses({ devices: [HIK, OFF], sweepHosts: [{ ip: '198.51.100.5', macs: ['02:00:00:00:00:01'] }], laptop: LAPTOP, fixed: {} });
    expect([...used].sort()).toEqual(['192.168.1.64', '198.51.100.1', '198.51.100.10', '198.51.100.5', '203.0.113.1']);
  });
});

describe('fix flow model', () => {
  const off = byIp(problemsOf(), '192.168.1.64');
  const shared = byIp(problemsOf(), '198.51.100.30');
  const draft = (p: Problem, over: Partial<FixDraft> = {}): FixDraft => ({ ...defaultFixDraft(p, INTERFACES, LAPTOP), ...over });

  it('opens on the NIC the camera was heard on, with its subnet prefix, user admin; moves the last MAC of a conflict', () => {
    expect(defaultFixDraft(off, INTERFACES, LAPTOP)).toEqual({ iface: 'eth0', newIp: '', prefix: '24', gateway: '', username: 'admin', mac: '44:19:b6:00:00:03' });
    expect(defaultFixDraft(shared, INTERFACES, LAPTOP).mac).toBe('02:00:00:00:00:05');
  });

  it('checks the form', () => {
    expect(fixDraftErrors(off, draft(off, { newIp: '198.51.100.20' }))).toEqual({});
    expect(fixDraftErrors(off, draft(off, { newIp: '192.168.1.64' }))).toEqual({ newIp: 'sameIp' });
    expect(fixDraftErrors(off, draft(off, { newIp: '198.51.100.255' }))).toEqual({ newIp: 'reserved' });
    expect(fixDraftErrors(off, draft(off, { newIp: '198.51.100.20;reboot', prefix: '33', username: ' ' }))).toEqual({ newIp: 'invalidIp', prefix: 'invalidPrefix', username: 'required' });
    expect(fixDraftErrors(off, draft(off, { newIp: '198.51.100.20', gateway: '10.0.0.1' }))).toEqual({ gateway: 'gatewayOutside' });
    expect(fixDraftErrors(off, draft(off, { newIp: '198.51.100.20', gateway: '198.51.100.20' }))).toEqual({ gateway: 'gatewayIsNew' });
    expect(fixDraftErrors(shared, draft(shared, { newIp: '198.51.100.20', mac: null }))).toEqual({ mac: 'chooseMac' });
    expect(fixDraftErrors(shared, draft(shared, { newIp: '198.51.100.20', mac: '02:00:00:00:00:99' }))).toEqual({ mac: 'noMac' });
  });

  it('plans an off-subnet fix: temporary address from the top of its subnet, login, probe, set, verify, clean up', () => {
    const steps = fixPlan(off, draft(off, { newIp: '198.51.100.21', gateway: '198.51.100.1' }), LAPTOP);
    expect(steps).toEqual([
      { key: 'alias', params: { iface: 'eth0', address: '192.168.1.254/24', subnet: '192.168.1.0/24' } },
      { key: 'login', params: { user: 'admin', ip: '192.168.1.64' } },
      { key: 'probe', params: { ip: '198.51.100.21' } },
      { key: 'gateway', params: { gateway: '198.51.100.1' } },
      { key: 'setIp', params: { cidr: '198.51.100.21/24' } },
      { key: 'verify', params: { mac: '44:19:b6:00:00:03', ip: '198.51.100.21' } },
      { key: 'cleanup', params: { iface: 'eth0' } },
    ]);
  });

  it('plans a shared-address fix with a MAC pin and no temporary address; a new subnet adds a second one', () => {
    const steps = fixPlan(shared, draft(shared, { newIp: '198.51.100.22', mac: '02:00:00:00:00:04' }), LAPTOP);
    expect(steps.map((s) => s.key)).toEqual(['noAlias', 'pin', 'login', 'probe', 'setIp', 'verify', 'cleanup']);
    expect(steps[1]).toEqual({ key: 'pin', params: { ip: '198.51.100.30', mac: '02:00:00:00:00:04', others: '02:00:00:00:00:05' } });
    const away = fixPlan(shared, draft(shared, { newIp: '10.20.0.5', prefix: '16' }), LAPTOP);
    expect(away.find((s) => s.key === 'aliasNew')).toEqual({ key: 'aliasNew', params: { iface: 'eth0', address: '10.20.255.254/16', subnet: '10.20.0.0/16' } });
    // Moving an off-subnet camera within its own subnet reuses the first temporary address.
    expect(fixPlan(off, draft(off, { newIp: '192.168.1.70' }), LAPTOP).map((s) => s.key)).toEqual(['alias', 'login', 'probe', 'setIp', 'verify', 'cleanup']);
  });

  it('names the top free host address as the first alias candidate', () => {
    expect(firstAliasCandidate('192.168.1.64', 24)).toBe('192.168.1.254');
    expect(firstAliasCandidate('192.168.1.64', 24, ['192.168.1.254'])).toBe('192.168.1.253');
    expect(firstAliasCandidate('192.168.1.64', 31)).toBeNull();
  });

  it('builds the set-ip call with the member’s MAC, XAddr and prefix; the password only there', () => {
    const withX = { ...shared, members: shared.members.map((m) => (m.mac === '02:00:00:00:00:05' ? { ...m, xaddr: 'http://198.51.100.30/onvif/device_service', prefix: 24 } : m)) };
    expect(buildSetIpRequest(withX, draft(withX, { newIp: ' 198.51.100.22 ', gateway: '198.51.100.1' }), 'Passw0rd!')).toEqual({
      iface: 'eth0', ip: '198.51.100.30', mac: '02:00:00:00:00:05', xaddr: 'http://198.51.100.30/onvif/device_service', prefix: 24,
      credentials: { username: 'admin', password: 'Passw0rd!' }, newCidr: '198.51.100.22/24', gateway: '198.51.100.1',
    });
  });

  it('maps the core’s step names to labels, unknown ones to a generic one', () => {
    expect(stepKey('pin-mac')).toBe('pinMac');
    expect(stepKey('read-back')).toBe('readBack');
    expect(stepKey('toString')).toBe('other');
    expect(stepKey('something-new')).toBe('other');
  });
});

describe('IP plan', () => {
  const dev = (id: string, ip: string): PlanDevice => ({ id, label: id, ip, mac: null, xaddr: null, prefix: null });
  const devices = [dev('a', '192.168.1.64'), dev('b', '192.168.1.64'), dev('c', '192.168.0.90')];

  it('assigns in order, skipping duplicates, reserved, gateway and in-use addresses, with the reason', () => {
    const inUse = new Map<string, SkipReason>([
      ['198.51.100.51', { kind: 'device', label: 'Gate' }],
      ['198.51.100.53', { kind: 'probe', macs: ['02:00:00:00:00:09'] }],
    ]);
    const pool = ['198.51.100.0', '198.51.100.50', '198.51.100.50', '198.51.100.51', '198.51.100.1', '198.51.100.52', '198.51.100.53', '198.51.100.54', '198.51.100.55'];
    const r = planIpAssignments({ devices, pool, prefix: 24, gateway: '198.51.100.1', inUse });
    expect(r.rows.map((x) => [x.device.id, x.to])).toEqual([
      ['a', '198.51.100.50'],
      ['b', '198.51.100.52'],
      ['c', '198.51.100.54'],
    ]);
    expect(r.skipped).toEqual([
      { ip: '198.51.100.0', reason: { kind: 'reserved' } },
      { ip: '198.51.100.50', reason: { kind: 'duplicate' } },
      { ip: '198.51.100.51', reason: { kind: 'device', label: 'Gate' } },
      { ip: '198.51.100.1', reason: { kind: 'gateway' } },
      { ip: '198.51.100.53', reason: { kind: 'probe', macs: ['02:00:00:00:00:09'] } },
    ]);
    expect(r.short).toBe(0);
  });

  it('says how many devices get no address when the pool runs out', () => {
    const r = planIpAssignments({ devices, pool: ['198.51.100.60', '198.51.100.61'], prefix: 24, gateway: null, inUse: new Map([['198.51.100.61', { kind: 'laptop' }]]) });
    expect(r.rows.map((x) => x.to)).toEqual(['198.51.100.60', null, null]);
    expect(r.short).toBe(2);
  });

  it('checks the plan form', () => {
    const ok = { deviceCount: 2, pool: ['198.51.100.60'], prefix: '24', gateway: '198.51.100.1', iface: 'eth0', username: 'admin' };
    expect(planFormErrors(ok)).toEqual([]);
    expect(planFormErrors({ ...ok, deviceCount: 0, pool: null, prefix: 'x', gateway: '', iface: '', username: '' })).toEqual(['noDevices', 'noPool', 'invalidPrefix', 'noIface', 'noUser']);
    expect(planFormErrors({ ...ok, gateway: '10.0.0.1' })).toEqual(['gatewayOutside']);
    expect(planFormErrors({ ...ok, gateway: '10.0.0' })).toEqual(['invalidGateway']);
  });

  it('takes discovered devices with an address, their MAC, prefix and matching XAddr', () => {
    expect(planDeviceOf(HIK)).toEqual({ id: HIK.id, label: 'Gate', ip: '198.51.100.10', mac: '44:19:b6:00:00:01', xaddr: 'http://198.51.100.10/onvif/device_service', prefix: 24 });
    expect(planDeviceOf(device({ id: 'x', ips: [] }))).toBeNull();
    expect(planDeviceOf(device({ id: 'y', ips: ['10.0.0.5'], xaddrs: ['http://10.9.9.9/onvif/device_service', 'not a url'] }))?.xaddr).toBeNull();
  });
});
