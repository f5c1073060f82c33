/**
 * The doctor's checks in the reader's language, by the stable `code` and `params` the core
 * gives each message variant. A code this UI does not know (a newer core) keeps the core's
 * English title and detail, so it still reads.
 */
import type { DoctorCheck, NetworkPrivilege } from '../../../../src/contract';
import { doctorTitleKey } from '../devices/doctor-view';

/** A translated text: a key with its values, or the core's raw (English) text. */
export type DoctorText = { key: string; values?: Record<string, string | number> } | { raw: string };

/** The codes the core's doctor produces; each has `system.doctor.checks.<code>.title` (and `.detail` unless noted). */
export const DOCTOR_CODES = [
  'interfaces-found', 'interfaces-none', 'vpn-up', 'virtual-adapters',
  'multicast-route-none', 'multicast-route-virtual', 'multicast-route-ok', 'multicast-route-default',
  'rp-filter-strict', 'rp-filter-loose-no-default', 'rp-filter-ok',
  'firewall-on', 'firewall-unknown', 'firewall-off', 'firewall-none',
  'listen-ports-taken', 'listen-ports-ok', 'privileges-allowed', 'privileges-denied',
] as const;

/** Codes whose detail is the privilege reason, already translated for the System page's cards. */
const PRIVILEGE_CODES = new Set<string>(['privileges-allowed', 'privileges-denied']);

/** The privilege reason codes with a sentence under `pages.system.privilegeReason`. */
export const PRIVILEGE_REASONS: readonly NetworkPrivilege['code'][] = ['net-admin', 'needs-pkexec', 'needs-sudo', 'administrator', 'needs-uac', 'unsupported', 'unknown'];

const KNOWN = new Set<string>(DOCTOR_CODES);

/** The title and detail of one check, translated when this UI knows its code. */
export function doctorCheckText(check: DoctorCheck): { title: DoctorText; detail: DoctorText } {
  // An older core sends no code: the title can still be keyed by (id, status).
  if (typeof check.code !== 'string' || !KNOWN.has(check.code)) {
    const legacy = doctorTitleKey(check);
    return { title: legacy ? { key: `devices.doctor.checks.${legacy}` } : { raw: check.title }, detail: { raw: check.detail } };
  }
  const base = `system.doctor.checks.${check.code}`;
  const title: DoctorText = { key: `${base}.title` };
  if (PRIVILEGE_CODES.has(check.code)) {
    const reason = String(check.params.reason ?? '');
    const known = (PRIVILEGE_REASONS as readonly string[]).includes(reason);
    return { title, detail: known ? { key: `pages.system.privilegeReason.${reason}` } : { raw: check.detail } };
  }
  return { title, detail: { key: `${base}.detail`, values: { ...check.params } } };
}
