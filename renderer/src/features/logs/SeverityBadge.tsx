import { useTranslation } from 'react-i18next';
import { severityKey, severityTone } from './severity';

/** A severity as a coloured label; the keyword (`err`) is the tooltip, for people who know syslog. */
export function SeverityBadge({ severity }: { severity: number | null }) {
  const { t } = useTranslation();
  const key = severityKey(severity);
  return (
    <span className={`logs-sev logs-sev-${severityTone(severity)}`} title={key ?? undefined} data-severity={key ?? ''}>
      {key ? t(`logs.severity.${key}`) : t('common.none')}
    </span>
  );
}
