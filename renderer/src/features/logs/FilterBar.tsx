import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { useApp } from '../../stores/context';
import { TIME_RANGES, type FilterDraft } from './filter-form';
import { FACILITY_KEYS, facilityLabel, SEVERITY_KEYS } from './severity';
import { recentValues } from './tail-rows';

/** Whether the draft uses a field that lives in the "more filters" row. */
const usesMore = (d: FilterDraft) => !!(d.source || d.host || d.facility || d.transport || d.malformedOnly || d.range === 'custom');

/**
 * Text, severity, time and device up front; source, host, facility, transport and custom times one
 * click away. Choices from a list search at once; typed fields search on Enter or the Search button.
 */
export function FilterBar() {
  const { t } = useTranslation();
  const id = useId();
  const draft = useApp((s) => s.logs.draft);
  const problem = useApp((s) => s.logs.filterProblem);
  const devices = useApp((s) => s.logs.devices);
  const rows = useApp((s) => s.logs.rows);
  const setDraft = useApp((s) => s.logsSetDraft);
  const apply = useApp((s) => s.logsApplyFilter);
  const reset = useApp((s) => s.logsResetFilter);
  const [more, setMore] = useState(false);
  const showMore = more || usesMore(draft);
  const sources = useMemo(() => recentValues(rows, (e) => e.sourceAddress ?? e.source), [rows]);
  const hosts = useMemo(() => recentValues(rows, (e) => e.host), [rows]);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void apply();
  };
  const choose = (p: Partial<FilterDraft>) => void apply(p);

  return (
    <section className="card logs-filter" data-testid="logs-filter">
      <form onSubmit={submit} noValidate role="search" aria-label={t('logs.filter.title')}>
        <div className="logs-filter-row">
          <Field label={t('logs.filter.text')} className="logs-filter-text">
            <input
              className="input"
              type="search"
              value={draft.text}
              placeholder={t('logs.filter.textPlaceholder')}
              onChange={(e) => setDraft({ text: e.target.value })}
              data-testid="logs-filter-text"
            />
          </Field>
          <Field label={t('logs.filter.severity')}>
            <select value={draft.severity} onChange={(e) => choose({ severity: e.target.value })} data-testid="logs-filter-severity">
              <option value="">{t('logs.filter.severityAny')}</option>
              {SEVERITY_KEYS.map((k, i) => (
                <option key={k} value={String(i)}>
                  {i === 0 ? t(`logs.severity.${k}`) : t('logs.filter.severityAtLeast', { name: t(`logs.severity.${k}`) })}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('logs.filter.range')}>
            <select value={draft.range} onChange={(e) => choose({ range: e.target.value as FilterDraft['range'] })} data-testid="logs-filter-range">
              <Options values={TIME_RANGES} label={(r) => t(`logs.filter.ranges.${r}`)} />
            </select>
          </Field>
          <Field label={t('logs.filter.device')}>
            <select value={draft.deviceId} onChange={(e) => choose({ deviceId: e.target.value })} data-testid="logs-filter-device">
              <option value="">{t('logs.filter.deviceAny')}</option>
              {devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
          <div className="logs-filter-buttons">
            <button
              type="button"
              className="btn"
              aria-expanded={showMore}
              aria-controls={`${id}-more`}
              onClick={() => setMore(!showMore)}
              data-testid="logs-filter-more"
            >
              {showMore ? t('logs.filter.fewer') : t('logs.filter.more')}
            </button>
            <button type="button" className="btn" onClick={() => void reset()} data-testid="logs-filter-reset">
              {t('logs.filter.reset')}
            </button>
            <button type="submit" className="btn btn-primary" data-testid="logs-filter-apply">
              {t('logs.filter.apply')}
            </button>
          </div>
        </div>
        <div className="logs-filter-row logs-filter-more" id={`${id}-more`} hidden={!showMore}>
          <Field label={t('logs.filter.source')}>
            <input
              className="input mono"
              list={`${id}-sources`}
              value={draft.source}
              placeholder={t('logs.filter.sourcePlaceholder')}
              onChange={(e) => setDraft({ source: e.target.value })}
              data-testid="logs-filter-source"
            />
            <datalist id={`${id}-sources`}>
              {sources.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>
          <Field label={t('logs.filter.host')}>
            <input
              className="input mono"
              list={`${id}-hosts`}
              value={draft.host}
              onChange={(e) => setDraft({ host: e.target.value })}
              data-testid="logs-filter-host"
            />
            <datalist id={`${id}-hosts`}>
              {hosts.map((h) => (
                <option key={h} value={h} />
              ))}
            </datalist>
          </Field>
          <Field label={t('logs.filter.facility')}>
            <select value={draft.facility} onChange={(e) => choose({ facility: e.target.value })} data-testid="logs-filter-facility">
              <option value="">{t('logs.filter.facilityAny')}</option>
              {FACILITY_KEYS.map((_, i) => (
                <option key={i} value={String(i)}>
                  {facilityLabel(i)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('logs.filter.transport')}>
            <select value={draft.transport} onChange={(e) => choose({ transport: e.target.value as FilterDraft['transport'] })} data-testid="logs-filter-transport">
              <option value="">{t('logs.filter.transportAny')}</option>
              <option value="udp">{t('logs.filter.transports.udp')}</option>
              <option value="tcp">{t('logs.filter.transports.tcp')}</option>
              <option value="serial">{t('logs.filter.transports.serial')}</option>
            </select>
          </Field>
          {draft.range === 'custom' ? (
            <>
              <Field label={t('logs.filter.since')}>
                <input
                  className="input"
                  type="datetime-local"
                  step={1}
                  value={draft.since}
                  onChange={(e) => setDraft({ since: e.target.value })}
                  aria-invalid={problem === 'badSince' || problem === 'sinceAfterUntil'}
                  data-testid="logs-filter-since"
                />
              </Field>
              <Field label={t('logs.filter.until')}>
                <input
                  className="input"
                  type="datetime-local"
                  step={1}
                  value={draft.until}
                  onChange={(e) => setDraft({ until: e.target.value })}
                  aria-invalid={problem === 'badUntil' || problem === 'sinceAfterUntil'}
                  data-testid="logs-filter-until"
                />
              </Field>
            </>
          ) : null}
          <label className="logs-check">
            <input type="checkbox" checked={draft.malformedOnly} onChange={(e) => choose({ malformedOnly: e.target.checked })} data-testid="logs-filter-malformed" />
            {t('logs.filter.malformedOnly')}
          </label>
        </div>
      </form>
      {problem ? (
        <p className="field-error" role="alert" data-testid="logs-filter-problem">
          {t(`logs.filter.errors.${problem}`)}
        </p>
      ) : null}
    </section>
  );
}
