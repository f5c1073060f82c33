import type { CommissioningRecord, RecordLang } from '../contract/records';
import { describeNetwork } from './format';
import { RECORD_LABELS } from './labels';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body{font:13px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#111;margin:24px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px;page-break-after:avoid}
.meta{color:#444;margin-bottom:12px}table{border-collapse:collapse;width:100%;margin-bottom:8px}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f1f1f1;width:22%}
.ok{color:#0a6b2d;font-weight:600}.fail{color:#b00020;font-weight:600}section{page-break-inside:avoid}
@media print{body{margin:0}}`;

/**
 * A self-contained printable report (no scripts, no external resources; a
 * CSP forbids both). Every value from a camera or the technician is escaped:
 * a camera named `<script>` prints as text.
 */
export function recordsHtml(records: readonly CommissioningRecord[], opts: { lang: RecordLang; site: string | null; generatedAt: string }): string {
  const L = RECORD_LABELS[opts.lang];
  const e = escapeHtml;
  const okCount = records.filter((r) => r.ok).length;
  const technicians = [...new Set(records.map((r) => r.technician).filter(Boolean))].join(', ');
  const row = (k: string, v: string) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`;
  const sections = records.map((r) => {
    const checks = r.checks
      .map((c) => `<tr><td>${e(c.name)}</td><td class="${c.ok ? 'ok' : 'fail'}">${e(c.ok ? L.ok : L.failed)}</td><td>${e(c.detail)}</td><td>${e(c.at)}</td></tr>`)
      .join('');
    return (
      `<section><h2>${e(r.hostname ?? r.name ?? r.mac)} — <span class="${r.ok ? 'ok' : 'fail'}">${e(r.ok ? L.ok : L.failed)}</span></h2><table>` +
      row(L.mac, r.mac) +
      row(L.manufacturer, r.manufacturer || L.none) +
      row(L.model, r.model || L.none) +
      row(L.serial, r.serial || L.none) +
      row(L.firmware, r.firmware || L.none) +
      row(L.networkBefore, describeNetwork(r.networkBefore, L)) +
      row(L.networkAfter, describeNetwork(r.networkAfter, L)) +
      row(L.time, r.timeSetting || L.none) +
      row(L.hostname, r.hostname ?? L.none) +
      row(L.name, r.name ?? L.none) +
      row(L.location, r.location ?? L.none) +
      row(L.technician, r.technician || L.none) +
      row(L.date, r.createdAt) +
      `</table><table><tr><th>${e(L.check)}</th><th>${e(L.result)}</th><th>${e(L.detail)}</th><th>${e(L.at)}</th></tr>${checks}</table></section>`
    );
  });
  return (
    `<!DOCTYPE html><html lang="${e(opts.lang)}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${e(L.title)}${opts.site ? ` — ${e(opts.site)}` : ''}</title><style>${CSS}</style></head><body>` +
    `<h1>${e(L.title)}</h1><div class="meta">` +
    `${e(L.site)}: ${e(opts.site ?? [...new Set(records.map((r) => r.site))].join(', '))} · ${e(L.technician)}: ${e(technicians || L.none)} · ` +
    `${e(L.generated)}: ${e(opts.generatedAt)}<br>${e(L.summary.replace('{ok}', String(okCount)).replace('{total}', String(records.length)))}</div>` +
    (records.length ? sections.join('') : `<p>${e(L.empty)}</p>`) +
    `</body></html>\n`
  );
}
