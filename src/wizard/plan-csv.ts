import { parseCsv } from '../alarms/csv';
import type { NetworkPlan, PtzPlan, TimePlan } from '../contract/wizard';
import { tryNormaliseMac } from '../discovery/protocols/mac';
import { HOSTNAME_RE, NTP_SERVER_RE } from './hostname';
import { isIpv4, parseCidr } from './ipv4-util';

/** One camera line of a plan file. The new password is plain text here and goes straight to the vault. */
export interface PlanRow {
  line: number;
  mac: string;
  network: NetworkPlan;
  hostname: string | null;
  newPassword: string | null;
  time: TimePlan;
  currentIp: string | null;
  name: string | null;
  location: string | null;
  ptz: PtzPlan;
}

/** Columns a plan may have; `mac` is the only one required. */
export const PLAN_COLUMNS = ['mac', 'ip', 'gateway', 'hostname', 'new_password', 'ntp', 'current_ip', 'name', 'location', 'ptz', 'timezone'] as const;
type Column = (typeof PLAN_COLUMNS)[number];

export const MAX_PLAN_ROWS = 500;

const header = (h: string) => h.trim().toLowerCase().replace(/\s*\(.*\)\s*$/, '').replace(/[\s-]+/g, '_');

/**
 * Reads the installer's spreadsheet: `mac, ip (CIDR), gateway, hostname`
 * and optional `new_password, ntp` (plus `current_ip, name, location, ptz,
 * timezone`). Every bad line is reported with its number and the good lines
 * are kept; an empty `ntp` means "set the clock from the laptop".
 */
export function parsePlanCsv(text: string): { rows: PlanRow[]; errors: { line: number; message: string }[] } {
  const errors: { line: number; message: string }[] = [];
  const rows: PlanRow[] = [];
  const all = parseCsv(text);
  const head = all[0];
  if (!head) return { rows, errors: [{ line: 1, message: 'the plan is empty (expected a header line: mac,ip,gateway,hostname,new_password,ntp)' }] };
  if ('error' in head) return { rows, errors: [{ line: head.line, message: `header: ${head.error}` }] };
  const cols = head.fields.map(header);
  const unknown = cols.filter((c) => !(PLAN_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) return { rows, errors: [{ line: head.line, message: `unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${PLAN_COLUMNS.join(', ')}` }] };
  if (!cols.includes('mac')) return { rows, errors: [{ line: head.line, message: 'the header has no "mac" column' }] };
  if (new Set(cols).size !== cols.length) return { rows, errors: [{ line: head.line, message: 'a column appears twice in the header' }] };

  const seenMac = new Map<string, number>();
  for (const r of all.slice(1)) {
    if ('error' in r) {
      errors.push({ line: r.line, message: r.error });
      continue;
    }
    if (rows.length >= MAX_PLAN_ROWS) {
      errors.push({ line: r.line, message: `more than ${MAX_PLAN_ROWS} cameras in one plan; split it` });
      break;
    }
    const get = (c: Column) => {
      const i = cols.indexOf(c);
      return i < 0 ? '' : (r.fields[i] ?? '').trim();
    };
    const bad = (message: string) => errors.push({ line: r.line, message });
    if (r.fields.length > cols.length) {
      bad(`${r.fields.length} fields but the header has ${cols.length}`);
      continue;
    }
    const mac = tryNormaliseMac(get('mac'));
    if (!mac) {
      bad(`"${get('mac').slice(0, 40)}" is not a MAC address`);
      continue;
    }
    if (seenMac.has(mac)) {
      bad(`${mac} is already on line ${seenMac.get(mac)}`);
      continue;
    }
    const ip = get('ip');
    const gateway = get('gateway');
    let network: NetworkPlan = { mode: 'keep' };
    if (ip.toLowerCase() === 'dhcp') network = { mode: 'dhcp' };
    else if (ip) {
      const c = parseCidr(ip.includes('/') ? ip : `${ip}/24`);
      if (!c || !ip.includes('/')) {
        bad(`ip "${ip.slice(0, 40)}" must be an address with its prefix, e.g. 198.51.100.20/24 (or "dhcp")`);
        continue;
      }
      if (gateway && !isIpv4(gateway)) {
        bad(`gateway "${gateway.slice(0, 40)}" is not an IPv4 address`);
        continue;
      }
      network = { mode: 'static', cidr: `${c.ip}/${c.prefix}`, gateway: gateway || null };
    } else if (gateway) {
      bad('a gateway without an ip');
      continue;
    }
    const hostname = get('hostname') || null;
    if (hostname && !HOSTNAME_RE.test(hostname)) {
      bad(`hostname "${hostname.slice(0, 70)}" is not valid (letters, digits, hyphens; 1..63)`);
      continue;
    }
    const ntp = get('ntp');
    if (ntp && !NTP_SERVER_RE.test(ntp)) {
      bad(`ntp "${ntp.slice(0, 70)}" is not an address or host name`);
      continue;
    }
    const tz = get('timezone') || null;
    if (tz && !/^[A-Za-z0-9:+\-/_,.]{1,64}$/.test(tz)) {
      bad(`timezone "${tz.slice(0, 70)}" is not a POSIX time zone (e.g. CST-8)`);
      continue;
    }
    const currentIp = get('current_ip') || null;
    if (currentIp && !isIpv4(currentIp)) {
      bad(`current_ip "${currentIp.slice(0, 40)}" is not an IPv4 address`);
      continue;
    }
    const ptz = (get('ptz') || 'auto').toLowerCase();
    if (ptz !== 'auto' && ptz !== 'skip' && ptz !== 'require') {
      bad(`ptz must be auto, skip or require, not "${ptz.slice(0, 20)}"`);
      continue;
    }
    const pw = get('new_password');
    if (pw.length > 128) {
      bad('new_password is longer than 128 characters');
      continue;
    }
    const scope = (c: 'name' | 'location') => {
      const v = get(c);
      return v ? v.slice(0, 64) : null;
    };
    seenMac.set(mac, r.line);
    rows.push({
      line: r.line,
      mac,
      network,
      hostname,
      newPassword: pw || null,
      time: ntp ? { mode: 'ntp', server: ntp, timezone: tz } : { mode: 'laptop', timezone: tz },
      currentIp,
      name: scope('name'),
      location: scope('location'),
      ptz: ptz as PtzPlan,
    });
  }
  return { rows, errors };
}
