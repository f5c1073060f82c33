import { useTranslation } from 'react-i18next';
import { useApp } from '../stores/context';
import { Icon } from './Icon';

/** Says, over every page, that the core cannot be reached and what happens next. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useApp((s) => s.connection.status);
  const attempt = useApp((s) => s.connection.attempt);
  const everOpen = useApp((s) => s.connection.everOpen);
  const retry = useApp((s) => s.retryConnection);
  // The first connect takes milliseconds: no banner until something actually went wrong.
  if (status === 'open' || (status === 'connecting' && attempt === 0)) return null;
  const text =
    status === 'unauthorized'
      ? t('connection.unauthorized')
      : status === 'no-host'
        ? t('connection.noHost')
        : everOpen
          ? t('connection.lost', { attempt: Math.max(1, attempt) })
          : t('connection.cannotReach', { attempt: Math.max(1, attempt) });
  return (
    <div className="banner banner-warning" role="alert" data-testid="connection-banner" data-status={status}>
      <Icon name="warning" />
      <span className="banner-text">{text}</span>
      {status !== 'no-host' ? (
        <button type="button" className="btn btn-small" onClick={retry} disabled={status === 'connecting'}>
          {t('connection.retryNow')}
        </button>
      ) : null}
    </div>
  );
}
