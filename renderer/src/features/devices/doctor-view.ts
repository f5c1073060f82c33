/**
 * The doctor's checks come with English titles from the core; the UI titles them in the
 * reader's language by check id and status (the core's title is the fallback for a new check).
 */
import type { DoctorCheck } from '../../../../src/contract';

/** The (id, status) pairs the core's doctor produces, each with a translated title. */
export const DOCTOR_TITLES = {
  interfaces: ['ok', 'fail'],
  vpn: ['warn'],
  'virtual-adapters': ['info'],
  'multicast-route': ['ok', 'warn', 'info'],
  'rp-filter': ['ok', 'warn'],
  firewall: ['ok', 'warn', 'info'],
  'listen-ports': ['ok', 'warn'],
  privileges: ['ok', 'info'],
} as const;

type Titles = typeof DOCTOR_TITLES;
/** A translation key under `devices.doctor.checks`. */
export type DoctorTitleKey = { [I in keyof Titles]: `${I}.${Titles[I][number]}` }[keyof Titles];

/** The translation key for a check's title, or null when this UI does not know the pair. */
export function doctorTitleKey(check: Pick<DoctorCheck, 'id' | 'status'>): DoctorTitleKey | null {
  const statuses = (DOCTOR_TITLES as Record<string, readonly string[]>)[check.id];
  return statuses?.includes(check.status) ? (`${check.id}.${check.status}` as DoctorTitleKey) : null;
}

/** Problems first, then warnings, notes and passes; the core's order within each. */
export function orderChecks(checks: readonly DoctorCheck[]): DoctorCheck[] {
  const rank: Record<DoctorCheck['status'], number> = { fail: 0, warn: 1, info: 2, ok: 3 };
  return checks.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.status] - rank[b.c.status] || a.i - b.i).map(({ c }) => c);
}
