import type { CommissioningRecord, RecordLang } from '../contract/records';
import { describeNetwork } from './format';
import { RECORD_LABELS } from './labels';

/**
 * One CSV field: quoted when needed, and neutralised when a spreadsheet would
 * run it as a formula (a leading = + - @ tab or CR gets a leading apostrophe,
 * OWASP's advice), since camera names and details come from the devices.
 */
export function csvField(v: string | number | boolean | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The records as CSV, one camera per line, checks summarised; headers in the report's language. */
export function recordsCsv(records: readonly CommissioningRecord[], lang: RecordLang): string {
  const L = RECORD_LABELS[lang];
  const head = [L.site, L.technician, L.mac, L.manufacturer, L.model, L.serial, L.firmware, L.networkBefore, L.networkAfter, L.time, L.hostname, L.name, L.location, L.result, L.checks, L.date];
  const lines = records.map((r) =>
    [
      r.site, r.technician, r.mac, r.manufacturer, r.model, r.serial, r.firmware,
      describeNetwork(r.networkBefore, L), describeNetwork(r.networkAfter, L),
      r.timeSetting, r.hostname, r.name, r.location, r.ok ? L.ok : L.failed,
      r.checks.map((c) => `${c.name}: ${c.ok ? L.ok : L.failed} (${c.detail})`).join('; '),
      r.createdAt,
    ].map(csvField).join(','),
  );
  // The BOM lets Excel open UTF-8 (Chinese labels, names) correctly.
  return `\uFEFF${[head.map(csvField).join(','), ...lines].join('\r\n')}\r\n`;
}
