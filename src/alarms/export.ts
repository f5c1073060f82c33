import type { AlarmFilter } from '../contract/alarms';
import { csvLine } from './csv';
import { severityName } from './severity';
import type { AlarmRow } from './store';
import { flagNames } from './time';

/** Header of FieldKit's alarm export (a superset of the import columns, one row per instance). */
export const EXPORT_COLUMNS = [
  'id', 'device', 'kind', 'type', 'severity', 'state', 'raised_at', 'cleared_at', 'duration_s', 'acked_at', 'acked_by', 'se_id', 'message', 'source', 'flags',
];

const durationS = (r: AlarmRow) => (r.raised_ms !== null && r.cleared_ms !== null ? Math.round((r.cleared_ms - r.raised_ms) / 1000) : null);

/** Writes rows as CSV through `write`; every text cell is formula-neutralised. Returns the row count. */
export function writeCsv(rows: Iterable<AlarmRow>, write: (chunk: string) => void): number {
  let n = 0;
  let buf = '\uFEFF' + csvLine(EXPORT_COLUMNS);
  for (const r of rows) {
    buf += csvLine([
      r.id, r.device, r.kind, r.type, severityName(r.severity), r.state, r.raised_at, r.cleared_at, durationS(r), r.acked_at, r.acked_by, r.se_id,
      r.message, r.source, flagNames(r.flags).join(' '),
    ]);
    n++;
    if (buf.length > 1 << 16) {
      write(buf);
      buf = '';
    }
  }
  write(buf);
  return n;
}

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function describeFilter(f: AlarmFilter | undefined): string {
  if (!f) return 'all alarms and events';
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return parts.length ? parts.join('; ') : 'all alarms and events';
}

const STYLE = `body{font:12px system-ui,sans-serif;margin:16px;color:#111}h1{font-size:18px;margin:0 0 4px}
.meta{color:#555;margin-bottom:12px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#eee}tr{page-break-inside:avoid}.critical{color:#a00;font-weight:bold}.major{color:#c50}.summary td{border:none;padding:0 12px 0 0}
@media print{body{margin:0}th{background:#ddd !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}`;

/**
 * A self-contained printable report (no scripts, no external resources; every
 * value escaped). `rows` are written as they stream; counts go in a footer
 * table because they are only known at the end.
 */
export function writeHtml(
  rows: Iterable<AlarmRow>,
  write: (chunk: string) => void,
  meta: { title: string; generatedAt: string; filter: AlarmFilter | undefined },
): number {
  write(
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
      `<title>${escapeHtml(meta.title)}</title><style>${STYLE}</style></head><body>` +
      `<h1>${escapeHtml(meta.title)}</h1><div class="meta">Generated ${escapeHtml(meta.generatedAt)} · Filter: ${escapeHtml(describeFilter(meta.filter))}</div>` +
      '<table><thead><tr><th>#</th><th>Device</th><th>Type</th><th>Severity</th><th>State</th><th>Raised</th><th>Cleared</th><th>Duration</th><th>Acknowledged</th><th>Message</th></tr></thead><tbody>',
  );
  const states: Record<string, number> = {};
  let n = 0;
  let buf = '';
  for (const r of rows) {
    const sev = severityName(r.severity);
    const d = durationS(r);
    states[r.state] = (states[r.state] ?? 0) + 1;
    buf +=
      `<tr><td>${r.id}</td><td>${escapeHtml(r.device)}</td><td>${escapeHtml(r.type)}${r.kind === 'event' ? ' (event)' : ''}</td>` +
      `<td class="${sev}">${sev}</td><td>${escapeHtml(r.state)}${r.flags ? ` <small>${escapeHtml(flagNames(r.flags).join(', '))}</small>` : ''}</td>` +
      `<td>${escapeHtml(r.raised_at)}</td><td>${escapeHtml(r.cleared_at)}</td><td>${d === null ? '' : escapeHtml(formatDuration(d))}</td>` +
      `<td>${r.acked_at ? `${escapeHtml(r.acked_at)} ${escapeHtml(r.acked_by)}` : ''}</td><td>${escapeHtml(r.message)}</td></tr>`;
    n++;
    if (buf.length > 1 << 16) {
      write(buf);
      buf = '';
    }
  }
  write(
    `${buf}</tbody></table><table class="summary"><tr><td>Total: ${n}</td>` +
      Object.entries(states)
        .map(([s, c]) => `<td>${escapeHtml(s)}: ${c}</td>`)
        .join('') +
      '</tr></table></body></html>\n',
  );
  return n;
}

/** 3725 → "1h 2m 5s". */
export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [d && `${d}d`, h && `${h}h`, m && `${m}m`, `${s}s`].filter(Boolean).join(' ');
}
