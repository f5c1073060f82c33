/**
 * The scan form: which interfaces, protocols and timeout the technician picked, and the
 * `discovery.scan` / `discovery.watch` arguments they become.
 */
import type { DiscoveryProtocolName, NetInterface, ScanOptions, WatchOptions } from '../../../../src/contract';
import { DISCOVERY_PROTOCOLS } from '../../../../src/contract/discovery';

/** What the form holds. */
export interface ScanDraft {
  /** Interfaces ticked; none = every up wired/wireless interface (the core's default). */
  interfaces: string[];
  protocols: DiscoveryProtocolName[];
  timeoutSec: number;
  /** Seconds between the watch's active re-probes (one of {@link REPROBE_CHOICES}). */
  reprobeSec: number;
}

/**
 * Re-probe periods the watch offers: short while waiting for a camera to come back after a reboot
 * or an address change (a device that only answers probes is marked offline after 3 periods + 5 s),
 * long for leaving it running on a big site.
 */
export const REPROBE_CHOICES = [10, 30, 60, 300] as const;

export const DEFAULT_DRAFT: ScanDraft = { interfaces: [], protocols: [...DISCOVERY_PROTOCOLS], timeoutSec: 3, reprobeSec: 60 };

export const TIMEOUT_MIN = 0.5;
export const TIMEOUT_MAX = 60;

/** An interface the form offers. */
export interface InterfaceOption {
  name: string;
  kind: NetInterface['kind'];
  /** IPv4 addresses in CIDR form. */
  cidrs: string[];
  /** Probed when nothing is ticked. */
  byDefault: boolean;
}

/** Up interfaces with an IPv4 address, loopback excluded: the ones a scan can use. */
export function interfaceOptions(interfaces: readonly NetInterface[]): InterfaceOption[] {
  return interfaces
    .filter((i) => i.up && i.kind !== 'loopback')
    .map((i) => ({
      name: i.name,
      kind: i.kind,
      cidrs: i.addresses.filter((a) => a.family === 'IPv4').map((a) => a.cidr),
      byDefault: i.kind === 'physical' || i.kind === 'wireless',
    }))
    .filter((i) => i.cidrs.length > 0);
}

/** Seconds clamped to what the core accepts; NaN (an empty field) becomes the default. */
export function clampTimeout(sec: number): number {
  if (!Number.isFinite(sec)) return DEFAULT_DRAFT.timeoutSec;
  return Math.min(TIMEOUT_MAX, Math.max(TIMEOUT_MIN, Math.round(sec * 10) / 10));
}

/** Why the form cannot start, or null when it can. */
export function draftProblem(d: ScanDraft): 'noProtocol' | null {
  return d.protocols.length === 0 ? 'noProtocol' : null;
}

/** The scan's arguments; protocols in the contract's order. */
export function scanRequest(d: ScanDraft, scanId: string): ScanOptions {
  return {
    scanId,
    timeoutSec: clampTimeout(d.timeoutSec),
    interfaces: [...d.interfaces],
    protocols: DISCOVERY_PROTOCOLS.filter((p) => d.protocols.includes(p)),
  };
}

/** The watch's arguments: the same interfaces and protocols as the scan form, and its re-probe period. */
export function watchRequest(d: ScanDraft): WatchOptions {
  return { interfaces: [...d.interfaces], protocols: DISCOVERY_PROTOCOLS.filter((p) => d.protocols.includes(p)), reprobeSec: d.reprobeSec };
}

/** A scan id the core accepts (`^[\w-]+$`), unique enough to tell our scan's progress from another tab's. */
export function newScanId(random: () => string = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`): string {
  return `ui-${random()}`;
}
