import { useTranslation } from 'react-i18next';
import { formatTime } from '../i18n/format';
import { useApp } from '../stores/context';

/** A quiet status line in the sidebar; the banner does the shouting. */
export function ConnectionIndicator() {
  const { t, i18n } = useTranslation();
  const status = useApp((s) => s.connection.status);
  const heartbeat = useApp((s) => s.connection.lastHeartbeat);
  const label =
    status === 'open' ? t('connection.connected') : status === 'connecting' ? t('connection.connecting') : t('connection.disconnected');
  const tone = status === 'open' ? 'ok' : status === 'connecting' ? 'pending' : 'bad';
  return (
    <div
      className="conn-indicator"
      data-testid="connection-indicator"
      data-status={status}
      data-heartbeat={heartbeat ?? undefined}
      title={heartbeat ? t('connection.lastHeartbeat', { time: formatTime(heartbeat, i18n.language) }) : t('connection.noHeartbeat')}
    >
      <span className={`dot dot-${tone}`} aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
