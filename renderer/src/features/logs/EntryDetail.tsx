import { useId, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { formatDateTime } from './display';
import { Highlighted } from './Highlighted';
import { searchTokens } from './search-terms';
import { SeverityBadge } from './SeverityBadge';
import { facilityLabel } from './severity';
import { ColumnHeads } from '../../components/ColumnHeads';

function Field({ label, children, testId, mono }: { label: string; children: ReactNode; testId: string; mono?: boolean }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Every field of one entry: structured data, raw text and bytes, the malformed flag and its problems. */
export function EntryDetail({ entry }: { entry: LogEntry }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const text = useApp((s) => s.logs.filter.text);
  const select = useApp((s) => s.logsSelect);
  const apply = useApp((s) => s.logsApplyFilter);
  const tokens = searchTokens(text);
  const none = t('common.none');
  const orNone = (v: string | number | null) => (v === null || v === '' ? none : String(v));

  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      void select(null);
    }
  };

  return (
    <aside className="card logs-detail" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown} data-testid="logs-detail" data-id={entry.id}>
      <div className="logs-detail-head">
        <h2 className="logs-detail-title" id={`${id}-title`}>
          {t('logs.detail.title', { id: entry.id })}
        </h2>
        <button type="button" className="btn btn-small" onClick={() => void select(null)} data-testid="logs-detail-close">
          {t('logs.detail.close')}
        </button>
      </div>
      {entry.malformed || entry.truncated ? (
        <div className="notice logs-malformed" data-testid="logs-detail-malformed">
          <strong>{t('logs.detail.malformed')}</strong> {t('logs.detail.malformedNote')}
          {entry.truncated ? <> {t('logs.detail.truncated')}</> : null}
          {entry.problems.length ? (
            <>
              <h3 className="logs-subtitle">{t('logs.detail.problems')}</h3>
              <ul className="logs-problems" data-testid="logs-detail-problems">
                {entry.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="logs-detail-message" data-testid="logs-detail-message">
        <Highlighted text={entry.message} tokens={tokens} />
      </div>
      <dl className="info-list">
        <Field label={t('logs.detail.receivedAt')} testId="logs-detail-received" mono>
          <time dateTime={entry.receivedAt}>{formatDateTime(entry.receivedAt, i18n.language)}</time>
        </Field>
        <Field label={t('logs.detail.time')} testId="logs-detail-time" mono>
          {orNone(entry.time)}
        </Field>
        {entry.timeRaw !== null && entry.timeRaw !== entry.time ? (
          <Field label={t('logs.detail.timeRaw')} testId="logs-detail-time-raw" mono>
            {entry.timeRaw}
          </Field>
        ) : null}
        <Field label={t('logs.detail.severity')} testId="logs-detail-severity">
          <SeverityBadge severity={entry.severity} />
        </Field>
        <Field label={t('logs.detail.facility')} testId="logs-detail-facility" mono>
          {entry.facility === null ? none : facilityLabel(entry.facility)}
        </Field>
        <Field label={t('logs.detail.transport')} testId="logs-detail-transport">
          {t(`logs.filter.transports.${entry.transport}`)}
        </Field>
        <Field label={t('logs.detail.source')} testId="logs-detail-source" mono>
          {entry.source}
        </Field>
        <Field label={t('logs.detail.device')} testId="logs-detail-device">
          {entry.device ? entry.device.name : none}
        </Field>
        <Field label={t('logs.detail.host')} testId="logs-detail-host" mono>
          {orNone(entry.host)}
        </Field>
        <Field label={t('logs.detail.app')} testId="logs-detail-app" mono>
          {orNone(entry.app)}
        </Field>
        <Field label={t('logs.detail.procid')} testId="logs-detail-procid" mono>
          {orNone(entry.procid)}
        </Field>
        <Field label={t('logs.detail.msgid')} testId="logs-detail-msgid" mono>
          {orNone(entry.msgid)}
        </Field>
        <Field label={t('logs.detail.format')} testId="logs-detail-format">
          {t(`logs.detail.formats.${entry.format}`)}
        </Field>
      </dl>
      {entry.structured.length ? (
        <section aria-label={t('logs.detail.structured')} data-testid="logs-detail-structured">
          <h3 className="logs-subtitle">{t('logs.detail.structured')}</h3>
          {entry.structured.map((el, i) => (
            <table className="table logs-sd" key={`${el.id}-${i}`}>
              <caption className="mono">[{el.id}]</caption>
              <ColumnHeads columns={[t('logs.detail.sdParam'), t('logs.detail.sdValue')]} />
              <tbody>
                {Object.entries(el.params).flatMap(([name, v]) =>
                  (Array.isArray(v) ? v : [v]).map((value, j) => (
                    <tr key={`${name}-${j}`}>
                      <th scope="row" className="mono">
                        {name}
                      </th>
                      <td className="mono">{value}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          ))}
        </section>
      ) : null}
      {entry.raw !== null ? (
        <>
          <h3 className="logs-subtitle">{t('logs.detail.raw')}</h3>
          <pre className="logs-raw mono" data-testid="logs-detail-raw" tabIndex={0}>
            {entry.raw}
          </pre>
        </>
      ) : null}
      {entry.rawHex !== null ? (
        <>
          <h3 className="logs-subtitle">{t('logs.detail.rawHex')}</h3>
          <pre className="logs-raw mono" data-testid="logs-detail-raw-hex" tabIndex={0}>
            {entry.rawHex.replace(/(..)(?!$)/g, '$1 ')}
          </pre>
        </>
      ) : null}
      <div className="logs-detail-actions">
        {entry.host ? (
          <button type="button" className="btn btn-small" onClick={() => void apply({ host: entry.host ?? '' })} data-testid="logs-detail-only-host">
            {t('logs.detail.onlyHost')}
          </button>
        ) : null}
        <button type="button" className="btn btn-small" onClick={() => void apply({ source: entry.sourceAddress ?? entry.source })} data-testid="logs-detail-only-source">
          {t('logs.detail.onlySource')}
        </button>
        {entry.device ? (
          <button type="button" className="btn btn-small" onClick={() => void apply({ deviceId: entry.device?.id ?? '' })} data-testid="logs-detail-only-device">
            {t('logs.detail.onlyDevice')}
          </button>
        ) : null}
      </div>
    </aside>
  );
}
