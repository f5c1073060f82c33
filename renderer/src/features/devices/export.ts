/**
 * The device list as files a technician hands over: CSV for a spreadsheet, JSON for tools.
 * Device fields come from the network, so a CSV cell that a spreadsheet would run as a formula
 * is neutralised (OWASP "CSV injection"): a leading = + - @ tab or CR gets a ' in front.
 */
import type { DiscoveredDevice } from '../../../../src/contract';

/** Columns of the CSV, in order: header name and how to read the value. */
const COLUMNS: ReadonlyArray<[string, (d: DiscoveredDevice) => string | number | boolean | null]> = [
  ['ip', (d) => d.ips[0] ?? null],
  ['other_ips', (d) => d.ips.slice(1).join(' ')],
  ['mac', (d) => d.mac],
  ['mac_vendor', (d) => d.macVendor],
  ['manufacturer', (d) => d.manufacturer],
  ['model', (d) => d.model],
  ['name', (d) => d.name],
  ['serial', (d) => d.serial],
  ['firmware', (d) => d.firmware],
  ['protocols', (d) => d.protocols.join(' ')],
  ['interfaces', (d) => d.interfaces.join(' ')],
  ['in_subnet', (d) => d.inSubnet],
  ['off_subnet_reason', (d) => d.inSubnetReason],
  ['online', (d) => d.online],
  ['mask', (d) => d.mask],
  ['gateway', (d) => d.gateway],
  ['dhcp', (d) => d.dhcp],
  ['activated', (d) => d.activated],
  ['http_port', (d) => d.httpPort],
  ['xaddrs', (d) => d.xaddrs.join(' ')],
  ['location', (d) => d.location],
  ['endpoint', (d) => d.endpoint],
  ['udn', (d) => d.udn],
  ['first_seen', (d) => d.firstSeen],
  ['last_seen', (d) => d.lastSeen],
  ['id', (d) => d.id],
];

/** Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): formula starters defused, then quoted when it holds a quote, comma
 * or line break. Null is an empty cell.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  // Leading spaces do not stop some spreadsheets from evaluating "  =cmd()".
  if (typeof value === 'string' && (FORMULA_START.test(s) || FORMULA_START.test(s.trimStart()))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The devices as CSV: a BOM so Excel reads UTF-8 (Chinese names), a header row, CRLF line ends. */
export function devicesToCsv(devices: readonly DiscoveredDevice[]): string {
  const rows = [COLUMNS.map(([h]) => h), ...devices.map((d) => COLUMNS.map(([, get]) => csvCell(get(d))))];
  return `\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}

/** The devices as JSON with when they were exported; every field of every device, as the core sent it. */
export function devicesToJson(devices: readonly DiscoveredDevice[], exportedAt: Date): string {
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), count: devices.length, devices }, null, 2)}\n`;
}

/** `fieldkit-devices-20240501-1003.csv`, in local time: sorts by date, safe on every file system. */
export function exportFileName(ext: 'csv' | 'json', at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `fieldkit-devices-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.${ext}`;
}
