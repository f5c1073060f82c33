import { z } from 'zod';
import { event, method } from './define';

/** Commissioning records: what was done to each camera, to hand to the customer. */

/** One check made on a camera, with its result and when. */
export interface RecordCheck {
  name: string;
  ok: boolean;
  detail: string;
  at: string;
}

/** A camera's network settings as read from it. */
export interface RecordNetwork {
  ip: string | null;
  prefix: number | null;
  dhcp: boolean | null;
  gateway: string[];
}

/** One commissioned (or attempted) camera. */
export interface CommissioningRecord {
  id: number;
  runId: number | null;
  site: string;
  technician: string;
  mac: string;
  serial: string;
  model: string;
  manufacturer: string;
  firmware: string;
  networkBefore: RecordNetwork | null;
  networkAfter: RecordNetwork | null;
  /** e.g. "laptop clock (offset 0 s)" or "NTP 198.51.100.1". */
  timeSetting: string;
  hostname: string | null;
  name: string | null;
  location: string | null;
  ok: boolean;
  checks: RecordCheck[];
  createdAt: string;
}

/** Languages of the printable report. */
export const RECORD_LANGS = ['en', 'zh-CN'] as const;
export type RecordLang = (typeof RECORD_LANGS)[number];

const site = z.string().min(1).max(120);

export const recordsContract = {
  list: method(
    z.tuple([z.object({ site: site.optional(), limit: z.number().int().min(1).max(10_000).default(1000) }).strict().optional()]),
    'Commissioning records, newest first.',
  ).returns<CommissioningRecord[]>(),
  sites: method(z.tuple([]), 'Sites with records, and how many each.').returns<{ site: string; records: number }[]>(),
  export: method(
    z.tuple([z.object({ format: z.enum(['html', 'csv']), site: site.optional(), lang: z.enum(RECORD_LANGS).default('en') }).strict()]),
    'A printable HTML report or a CSV of the records of a site (or all).',
  ).returns<{ filename: string; mimeType: string; content: string }>(),
};

export const recordsEvents = {
  'records.added': event<{ id: number; site: string; mac: string; ok: boolean }>('A commissioning record was written.'),
};
