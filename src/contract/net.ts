import { z } from 'zod';
import { event, method } from './define';

const ipv4 = z.string().max(15).regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address');
const cidr = z.string().max(18).regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'IPv4/prefix, e.g. 192.168.1.200/24');
const iface = z.string().min(1).max(64);
const mac = z.string().max(17).regex(/^[0-9A-Fa-f]{2}([-:]?[0-9A-Fa-f]{2}){5}$/, 'a MAC address');
const credentials = z.object({ username: z.string().min(1).max(64), password: z.string().max(128) }).strict();
const xaddr = z.string().max(300).regex(/^https?:\/\//, 'an http(s) device service URL');

/** One address found by an ARP sweep, with every MAC that answered for it. */
export interface NetHost {
  ip: string;
  macs: string[];
}

export interface NetScanResult {
  hosts: NetHost[];
  /** Addresses answered by several MACs. */
  conflicts: NetHost[];
  elapsedMs: number;
}

/** A laptop change in the undo journal. */
export interface NetJournalEntry {
  id: number;
  createdAt: string;
  change: { kind: 'address'; iface: string; cidr: string } | { kind: 'neighbour'; iface: string; ip: string; mac: string };
  reason: string;
  state: 'pending' | 'applied' | 'reverted' | 'failed';
  updatedAt: string;
  error: string | null;
  autoRevert: boolean;
}

/** What FieldKit reads from a camera's device service. */
export interface DeviceNetState {
  ip: string | null;
  prefix: number | null;
  dhcp: boolean | null;
  gateway: string[];
  mac: string | null;
  manufacturer: string;
  model: string;
  serial: string;
  firmware: string;
}

/** One step of a fix, as it happened. */
export interface FixStep {
  name: string;
  ok: boolean;
  detail: string;
  at: string;
}

export interface SetIpResult {
  /** True only when the change was verified and the laptop was cleaned up. */
  ok: boolean;
  verified: boolean;
  before: DeviceNetState | null;
  after: DeviceNetState | null;
  steps: FixStep[];
  error: string | null;
}

export const setIpRequest = z
  .object({
    iface: iface.optional(),
    ip: ipv4,
    prefix: z.number().int().min(1).max(32).optional(),
    mac: mac.optional(),
    xaddr: xaddr.optional(),
    credentials,
    newCidr: cidr,
    gateway: ipv4.optional(),
    verifyTimeoutMs: z.number().int().min(1000).max(300_000).optional(),
  })
  .strict();

export const netContract = {
  scan: method(
    z.tuple([z.object({ cidr, iface: iface.optional(), concurrency: z.number().int().min(1).max(256).optional() }).strict()]),
    'ARP sweep of a CIDR: every address with every MAC that answered.',
  ).returns<NetScanResult & { iface: string }>(),
  probe: method(z.tuple([z.object({ ip: ipv4, iface: iface.optional() }).strict()]), 'RFC 5227 probe: is this address free?').returns<{
    ip: string;
    iface: string;
    free: boolean;
    macs: string[];
  }>(),
  aliasAdd: method(z.tuple([z.object({ cidr, iface }).strict()]), 'Add an address to a laptop NIC (journaled; reverted on request).').returns<NetJournalEntry>(),
  aliasRemove: method(z.tuple([z.object({ cidr, iface }).strict()]), 'Remove an address from a laptop NIC.').returns<{ removed: boolean }>(),
  journal: method(z.tuple([z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict().optional()]), 'Laptop changes, newest first.').returns<{
    entries: NetJournalEntry[];
    outstanding: number;
  }>(),
  journalRevert: method(z.tuple([]), 'Revert every laptop change still in place.').returns<{
    reverted: NetJournalEntry[];
    failed: { entry: NetJournalEntry; error: string }[];
  }>(),
  deviceInfo: method(
    z.tuple([z.object({ ip: ipv4.optional(), xaddr: xaddr.optional(), mac: mac.optional(), iface: iface.optional(), prefix: z.number().int().min(1).max(32).optional(), credentials }).strict()]),
    "Read a camera's identity and network configuration (reaching it through a temporary alias when needed).",
  ).returns<DeviceNetState & { clockOffsetMs: number; xaddr: string }>(),
  setIp: method(z.tuple([setIpRequest]), "Change a camera's address and verify it (alias, MAC pin and cleanup automatic).").returns<SetIpResult>(),
};

export const netEvents = {
  'net.fixStep': event<FixStep & { ip: string }>('A step of a running fix (set-ip) finished.'),
  'net.scanProgress': event<{ cidr: string; done: number; total: number; found: number }>('ARP sweep progress.'),
  'net.journal': event<{ outstanding: number }>('The laptop change journal changed.'),
};
