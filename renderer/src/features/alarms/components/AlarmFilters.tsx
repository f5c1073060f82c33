import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALARM_KINDS, ALARM_SEVERITIES, ALARM_STATES } from '../../../../../src/contract/alarms';
import { Field } from '../../../components/Field';
import { Options } from '../../../components/Options';
import { useApp } from '../../../stores/context';
import { activeFilterCount, type FilterDraft } from '../model/filter';
import { ChipInput } from './ChipInput';

/** Text search waits for a pause in typing so each keystroke does not run a query over a million rows. */
const TEXT_DEBOUNCE_MS = 300;

/** Filters shared by the list, the charts and the exports. */
export function AlarmFilters() {
  const { t } = useTranslation();
  const filter = useApp((s) => s.alarms.filter);
  const grouped = useApp((s) => s.alarms.grouped);
  const deviceNames = useApp((s) => s.alarms.deviceNames);
  const typeNames = useApp((s) => s.alarms.typeNames);
  const setFilter = useApp((s) => s.setAlarmFilter);
  const reset = useApp((s) => s.resetAlarmFilter);
  const setGrouping = useApp((s) => s.setAlarmGrouping);
  const loadDeviceNames = useApp((s) => s.loadAlarmDeviceNames);
  const [text, setText] = useState(filter.text);

  // Follow outside changes (Reset) without fighting the debounce.
  useEffect(() => setText(filter.text), [filter.text]);
  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => setFilter({ text }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filter.text, setFilter]);

  const toggleSeverity = (s: FilterDraft['severities'][number]) =>
    setFilter({ severities: filter.severities.includes(s) ? filter.severities.filter((x) => x !== s) : [...filter.severities, s] });
  const active = activeFilterCount(filter);

  return (
    <form className="alarm-filters" role="search" aria-label={t('alarms.filters.label')} onSubmit={(e) => e.preventDefault()} data-testid="alarm-filters">
      <Field label={t('alarms.filters.text')} className="search-field">
        <input
          className="input"
          type="search"
          value={text}
          placeholder={t('alarms.filters.textPlaceholder')}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setFilter({ text: e.currentTarget.value });
          }}
          maxLength={200}
          data-testid="alarm-filter-text"
        />
      </Field>
      <Field label={t('alarms.filters.state')}>
        <select value={filter.state} onChange={(e) => setFilter({ state: e.currentTarget.value as FilterDraft['state'] })} data-testid="alarm-filter-state">
          <option value="all">{t('alarms.filters.allStates')}</option>
          <Options values={ALARM_STATES} label={(s) => t(`alarms.states.${s}`)} />
        </select>
      </Field>
      <Field label={t('alarms.filters.kind')}>
        <select value={filter.kind} onChange={(e) => setFilter({ kind: e.currentTarget.value as FilterDraft['kind'] })} data-testid="alarm-filter-kind">
          <option value="all">{t('alarms.filters.allKinds')}</option>
          <Options values={ALARM_KINDS} label={(k) => t(`alarms.kinds.${k}`)} />
        </select>
      </Field>
      <div className="field" role="group" aria-labelledby="alarm-sev-label">
        <span className="field-label" id="alarm-sev-label">
          {t('alarms.filters.severity')}
        </span>
        <div className="toggle-group" data-testid="alarm-filter-severity">
          {ALARM_SEVERITIES.map((s) => (
            <button key={s} type="button" className="toggle-chip" aria-pressed={filter.severities.includes(s)} onClick={() => toggleSeverity(s)} data-severity={s}>
              <span className={`sev sev-${s}`}>{t(`alarms.severities.${s}`)}</span>
            </button>
          ))}
        </div>
      </div>
      <ChipInput
        label={t('alarms.filters.devices')}
        placeholder={t('alarms.filters.devicePlaceholder')}
        values={filter.devices}
        suggestions={deviceNames}
        onChange={(devices) => setFilter({ devices })}
        testId="alarm-filter-devices"
        max={500}
        onFocus={deviceNames.length ? undefined : () => void loadDeviceNames()}
      />
      <ChipInput
        label={t('alarms.filters.types')}
        placeholder={t('alarms.filters.typePlaceholder')}
        values={filter.types}
        suggestions={typeNames}
        onChange={(types) => setFilter({ types })}
        testId="alarm-filter-types"
        max={100}
      />
      <Field label={t('alarms.filters.since')}>
        <input className="input" type="datetime-local" value={filter.since} onChange={(e) => setFilter({ since: e.currentTarget.value })} data-testid="alarm-filter-since" />
      </Field>
      <Field label={t('alarms.filters.until')}>
        <input className="input" type="datetime-local" value={filter.until} onChange={(e) => setFilter({ until: e.currentTarget.value })} data-testid="alarm-filter-until" />
      </Field>
      <label className="check-field">
        <input type="checkbox" checked={filter.flagged} onChange={(e) => setFilter({ flagged: e.currentTarget.checked })} data-testid="alarm-filter-flagged" />
        <span title={t('alarms.filters.flaggedHint')}>{t('alarms.filters.flagged')}</span>
      </label>
      <label className="check-field">
        <input type="checkbox" checked={grouped} onChange={(e) => setGrouping(e.currentTarget.checked)} data-testid="alarm-group-by-device" />
        <span>{t('alarms.filters.groupByDevice')}</span>
      </label>
      {active > 0 ? (
        <button type="button" className="btn btn-small" onClick={reset} data-testid="alarm-filter-reset">
          {t('alarms.filters.reset', { count: active })}
        </button>
      ) : null}
    </form>
  );
}
