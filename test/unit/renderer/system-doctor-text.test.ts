import { describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../src/contract';
import { DOCTOR_CODES, doctorCheckText, type DoctorText } from '../../../renderer/src/features/system/doctor-text';
import { createI18n } from '../../../renderer/src/i18n';
import { doctorVariantChecks } from './devices-helpers';

// The core's own diagnose() makes the checks, so a new variant in the core fails here until the UI knows it.

const checks: DoctorCheck[] = doctorVariantChecks();

const zh = createI18n('zh-CN');
const en = createI18n('en');
const say = (i18n: typeof zh, t: DoctorText) => ('key' in t ? (i18n.t as unknown as (k: string, v?: object) => string)(t.key, t.values ?? {}) : t.raw);
const has = (i18n: typeof zh, key: string) => i18n.exists(key, { lng: i18n.language, fallbackLng: false });

describe('discovery doctor texts on the System page', () => {
  it('know every code the core produces, and the core produces every code they know', () => {
    const produced = new Set(checks.map((c) => c.code));
    expect([...produced].filter((c) => !(DOCTOR_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(DOCTOR_CODES.filter((c) => !produced.has(c))).toEqual([]);
  });

  it('translate title and detail of every check in both languages, from keys each language has', () => {
    for (const c of checks) {
      const { title, detail } = doctorCheckText(c);
      for (const t of [title, detail]) {
        expect('key' in t, `${c.code} ${JSON.stringify(t)}`).toBe(true);
        if ('key' in t) {
          expect(has(en, t.key), t.key).toBe(true);
          expect(has(zh, t.key), t.key).toBe(true);
        }
      }
    }
  });

  it('leave no English in Chinese but names, commands, addresses and protocol terms', () => {
    const allowed = /\b(IPv4|VPN|DHCP|Hyper-V|VirtualBox|VMware|FieldKit|UDP|ONVIF|SSDP|SADP|DHIP|Hello\/Bye|NOTIFY|rp_filter|CAP_NET_ADMIN|pkexec|sudo|policykit-1|root|Windows|UAC|Administrator)\b/g;
    for (const c of checks) {
      const { title, detail } = doctorCheckText(c);
      for (const text of [say(zh, title), say(zh, detail)]) {
        const rest = Object.values(c.params).map(String).sort((x, y) => y.length - x.length).reduce((t, v) => t.split(v).join(''), text)
          .replace(/ip route add \S+ dev/, '').replace(allowed, '');
        expect(rest, `${c.code}: ${text}`).not.toMatch(/[A-Za-z]{2,}/);
        expect(text, c.code).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('put the core\'s values into the sentences', () => {
    const strict = checks.find((c) => c.code === 'rp-filter-strict')!;
    expect(say(zh, doctorCheckText(strict).detail)).toBe(
      '在 eth0 上，内核会丢弃来自其他子网摄像机的应答。执行以下命令可放行（重启后失效）：sudo sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.eth0.rp_filter=2',
    );
    const ports = checks.find((c) => c.code === 'listen-ports-taken')!;
    expect(say(en, doctorCheckText(ports).detail)).toMatch(/^Cannot listen on UDP 3702\./);
    const denied = checks.find((c) => c.code === 'privileges-denied')!;
    expect(say(zh, doctorCheckText(denied).detail)).toBe(zh.t('pages.system.privilegeReason.needs-pkexec'));
  });

  it('show a code they do not know, or a check from a core without codes, as the core wrote it', () => {
    const unknown: DoctorCheck = { id: 'mdns', status: 'warn', title: 'mDNS is blocked', detail: 'Port 5353 is taken.', code: 'mdns-blocked', params: {} };
    expect(doctorCheckText(unknown)).toEqual({ title: { raw: 'mDNS is blocked' }, detail: { raw: 'Port 5353 is taken.' } });
    // Without a code the title is still known by (id, status); the detail stays the core's.
    const legacy = { id: 'vpn', status: 'warn', title: 'VPN adapter is up', detail: 'tun0: ...' } as unknown as DoctorCheck;
    expect(doctorCheckText(legacy)).toEqual({ title: { key: 'devices.doctor.checks.vpn.warn' }, detail: { raw: 'tun0: ...' } });
    const oddReason: DoctorCheck = { id: 'privileges', status: 'ok', title: 'May change network settings', detail: 'a reason', code: 'privileges-allowed', params: { reason: 'capability-x' } };
    expect(doctorCheckText(oddReason).detail).toEqual({ raw: 'a reason' });
  });
});
