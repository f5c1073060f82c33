import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordLang } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';
import { downloadFile } from '../../../components/download';
import { describeNetwork } from '../model/records';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** Commissioning records per site: the list, CSV / HTML downloads and the printable report. */
export function RecordsPanel() {
  const { t, i18n } = useTranslation();
  const rec = useApp((s) => s.setup.records);
  const load = useApp((s) => s.setupLoadRecords);
  const exportRecords = useApp((s) => s.setupExportRecords);
  const openReport = useApp((s) => s.setupOpenReport);
  const closeReport = useApp((s) => s.setupCloseReport);
  const lang: RecordLang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const frame = useRef<HTMLIFrameElement>(null);
  const closeBtn = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (rec.report) closeBtn.current?.focus();
  }, [rec.report]);

  const download = async (format: 'html' | 'csv') => {
    const f = await exportRecords(format, lang);
    if (f) downloadFile({ name: f.filename, mime: f.mimeType, content: f.content });
  };

  return (
    <section className="card su-records" aria-labelledby="su-records-title" data-testid="setup-records" data-status={rec.status}>
      <h2 className="card-title" id="su-records-title">{t('setup.records.title')}</h2>
      <div className="su-form-row">
        <Field label={t('setup.records.site')}>
          <select data-testid="setup-records-site" value={rec.site ?? ''} onChange={(e) => void load(e.target.value || null)}>
            <option value="">{t('setup.records.allSites')}</option>
            {rec.sites.map((s) => (
              <option key={s.site} value={s.site}>
                {t('setup.records.siteOption', { site: s.site, count: s.records })}
              </option>
            ))}
          </select>
        </Field>
        <div className="su-actions su-align-end">
          <button type="button" className="btn" data-testid="setup-records-csv" disabled={!rec.list.length} onClick={() => void download('csv')}>
            {t('setup.records.csv')}
          </button>
          <button type="button" className="btn" data-testid="setup-records-html" disabled={!rec.list.length} onClick={() => void download('html')}>
            {t('setup.records.html')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="setup-records-report" disabled={!rec.list.length} onClick={() => void openReport(lang)}>
            {t('setup.records.report')}
          </button>
        </div>
      </div>
      {rec.error ? (
        <p className="notice notice-error" role="alert">
          {rec.error}
        </p>
      ) : null}
      {rec.list.length ? (
        <div className="table-wrap">
          <table className="table su-table" data-testid="setup-records-table">
            <ColumnHeads columns={[t('setup.records.col.result'), t('setup.records.col.device'), t('setup.records.col.model'), t('setup.records.col.before'), t('setup.records.col.after'), t('setup.records.col.site'), t('setup.records.col.at')]} />
            <tbody>
              {rec.list.map((r) => (
                <tr key={r.id} data-testid="setup-record" data-mac={r.mac} data-ok={r.ok ? 'true' : 'false'}>
                  <td>
                    <span className={r.ok ? 'badge badge-ok' : 'badge su-badge-bad'}>{r.ok ? t('setup.records.ok') : t('setup.records.failed')}</span>
                  </td>
                  <td>
                    <div>{r.hostname ?? r.name ?? ''}</div>
                    <div className="mono muted small">{r.mac}</div>
                  </td>
                  <td>
                    {r.manufacturer} {r.model}
                    <div className="muted small">{r.serial}</div>
                  </td>
                  <td className="mono">{describeNetwork(r.networkBefore) ?? t('setup.none')}</td>
                  <td className="mono">{describeNetwork(r.networkAfter) ?? t('setup.none')}</td>
                  <td>{r.site}</td>
                  <td className="small">{new Date(r.createdAt).toLocaleString(lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted" data-testid="setup-records-empty">{rec.status === 'loading' ? t('setup.records.loading') : t('setup.records.empty')}</p>
      )}
      {rec.report ? (
        <div
          className="su-report"
          role="dialog"
          aria-modal="true"
          aria-label={t('setup.records.reportTitle')}
          data-testid="setup-report"
          data-lang={rec.report.lang}
          onKeyDown={(e) => (e.key === 'Escape' ? closeReport() : undefined)}
        >
          <div className="su-report-bar">
            <strong>{t('setup.records.reportTitle')}</strong>
            <div className="su-actions">
              <button type="button" className="btn" data-testid="setup-report-print" onClick={() => frame.current?.contentWindow?.print()}>
                {t('setup.records.print')}
              </button>
              <button type="button" className="btn" ref={closeBtn} data-testid="setup-report-close" onClick={closeReport}>
                {t('setup.records.close')}
              </button>
            </div>
          </div>
          {/* The report is the core's self-contained HTML: no scripts may run in it. */}
          <iframe ref={frame} className="su-report-frame" title={rec.report.filename} sandbox="allow-same-origin allow-modals" srcDoc={rec.report.html} />
        </div>
      ) : null}
    </section>
  );
}
