import { useTranslation } from 'react-i18next';
import type { AlarmFlag, AlarmSeverity, AlarmState } from '../../../../../src/contract';
import { splitIso } from '../model/time-format';
import { formatLocalDateTime } from './intl-cache';

/** Severity as a coloured square and its name (colour is never the only cue). */
export function SeverityBadge({ severity }: { severity: AlarmSeverity }) {
  const { t } = useTranslation();
  return <span className={`sev sev-${severity}`}>{t(`alarms.severities.${severity}`)}</span>;
}

export function StateBadge({ state }: { state: AlarmState }) {
  const { t } = useTranslation();
  return (
    <span className={`state-badge state-${state}`} data-state={state}>
      {t(`alarms.states.${state}`)}
    </span>
  );
}

export function FlagBadges({ flags }: { flags: AlarmFlag[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.map((f) => (
        <span key={f} className="badge flag-badge" data-flag={f}>
          {t(`alarms.flags.${f}`)}
        </span>
      ))}
    </>
  );
}

/**
 * A device time as written (the site's wall clock and offset); the tooltip
 * gives the same moment in the technician's own zone.
 */
export function AlarmTime({ iso }: { iso: string | null }) {
  const { t, i18n } = useTranslation();
  if (!iso) return <span className="muted">{t('common.none')}</span>;
  return <DeviceTime iso={iso} title={(ms) => t('alarms.time.yourTime', { time: formatLocalDateTime(ms, i18n.language) })} />;
}

/** {@link AlarmTime} without hooks, for list rows (they pass the tooltip text maker). */
export function DeviceTime({ iso, title }: { iso: string; title(ms: number): string }) {
  const parts = splitIso(iso);
  if (!parts) return <span className="mono">{iso}</span>;
  const ms = Date.parse(iso);
  return (
    <span className="mono device-time" title={Number.isNaN(ms) ? undefined : title(ms)}>
      {parts.date} {parts.time}
      <span className="time-offset">{parts.offset}</span>
    </span>
  );
}
