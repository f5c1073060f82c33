import { describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../src/contract';
import { subnetState } from '../../../src/discovery/subnet';
import { DOCTOR_TITLES, doctorTitleKey, orderChecks } from '../../../renderer/src/features/devices/doctor-view';
import { parseSubnetReason } from '../../../renderer/src/features/devices/subnet-reason';
import { EN, ZH_CN } from '../../../renderer/src/i18n/resources';
import { doctorVariantChecks } from './devices-helpers';

// The core writes these texts in English; the UI recognises them to say them in Chinese too.
// These tests run the core's own code, so a change of wording there fails here.

const laptop = [
  { address: '198.51.100.1', prefix: 24, iface: 'eth0' },
  { address: '203.0.113.1', prefix: 24, iface: 'eth1' },
];

describe('off-subnet reasons from the core', () => {
  const cases: Array<[string[], string | null, typeof laptop, string, Record<string, string>]> = [
    [[], null, laptop, 'noDeviceIp', {}],
    [['198.51.100.10'], null, [], 'noLaptopIp', {}],
    [['198.51.100.10'], '255.255.255.252', laptop, 'maskExcludesLaptop', { mask: '255.255.255.252', subnet: '198.51.100.8/30', laptopIp: '198.51.100.1' }],
    [['192.168.1.64'], '255.255.255.0', laptop, 'noLaptopIn', { subnet: '192.168.1.0/24', laptop: '198.51.100.0/24, 203.0.113.0/24' }],
    [['192.168.1.64'], null, laptop, 'noLaptopFor', { ip: '192.168.1.64', laptop: '198.51.100.0/24, 203.0.113.0/24' }],
  ];

  it.each(cases)('%j mask %s is recognised', (ips, mask, lap, key, params) => {
    const state = subnetState(ips, mask, lap);
    expect(state.inSubnet).toBe(false);
    expect(parseSubnetReason(state.reason)).toEqual({ key, params });
  });

  it('every recognised reason has a sentence in both languages with the same values', () => {
    for (const [, , , key] of cases) {
      const k = key as keyof typeof EN.devices.subnetReason;
      expect(EN.devices.subnetReason[k]).toBeTruthy();
      expect(ZH_CN.devices.subnetReason[k]).toBeTruthy();
    }
  });

  it('an unknown sentence or none is not guessed at', () => {
    expect(parseSubnetReason('the moon is in the way')).toBeNull();
    expect(parseSubnetReason(null)).toBeNull();
    expect(parseSubnetReason('no laptop address in 192.168.1.0/24')).toBeNull();
  });
});

describe('doctor check titles', () => {
  const checks: DoctorCheck[] = doctorVariantChecks();

  it('cover every (id, status) the core produces', () => {
    const missing = checks.filter((c) => doctorTitleKey(c) === null).map((c) => `${c.id}.${c.status}`);
    expect([...new Set(missing)]).toEqual([]);
    // The variants reach every pair the UI knows, so none of its titles is dead.
    const produced = new Set(checks.map((c) => `${c.id}.${c.status}`));
    const known = Object.entries(DOCTOR_TITLES).flatMap(([id, statuses]) => statuses.map((s) => `${id}.${s}`));
    expect(known.filter((k) => !produced.has(k))).toEqual([]);
  });

  it('exist in both languages', () => {
    const en = EN.devices.doctor.checks as Record<string, Record<string, string>>;
    const zh = ZH_CN.devices.doctor.checks as Record<string, Record<string, string>>;
    for (const [id, statuses] of Object.entries(DOCTOR_TITLES)) {
      for (const s of statuses) {
        expect(en[id]?.[s], `${id}.${s}`).toBeTruthy();
        expect(zh[id]?.[s], `${id}.${s}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('an unknown check keeps the core\'s title; problems are listed first', () => {
    expect(doctorTitleKey({ id: 'new-check', status: 'warn' })).toBeNull();
    expect(doctorTitleKey({ id: 'vpn', status: 'ok' })).toBeNull();
    const order = orderChecks([
      { id: 'a', status: 'ok', title: '', detail: '', code: '', params: {} },
      { id: 'b', status: 'info', title: '', detail: '', code: '', params: {} },
      { id: 'c', status: 'fail', title: '', detail: '', code: '', params: {} },
      { id: 'd', status: 'warn', title: '', detail: '', code: '', params: {} },
      { id: 'e', status: 'ok', title: '', detail: '', code: '', params: {} },
    ]);
    expect(order.map((c) => c.id)).toEqual(['c', 'd', 'b', 'a', 'e']);
  });
});
