import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../i18n/format';
import { useApp } from '../../stores/context';
import { DiscoveryDoctorSection } from './DiscoveryDoctorSection';
import { InterfacesTable } from './InterfacesTable';
import { SerialPortsSection } from './SerialPortsSection';
import { SystemInfoCards } from './SystemInfoCards';

/** What FieldKit runs on; the store loads it on connect and on Refresh. */
export function SystemPage() {
  const { t, i18n } = useTranslation();
  const info = useApp((s) => s.system.info);
  const status = useApp((s) => s.system.status);
  const error = useApp((s) => s.system.error);
  const refreshedAt = useApp((s) => s.system.refreshedAt);
  const refresh = useApp((s) => s.refreshSystem);
  const loading = status === 'loading';
  return (
    <section className="page" data-testid="page-system" aria-labelledby="page-title" aria-busy={loading}>
      <PageHeader
        title={t('pages.system.title')}
        description={t('pages.system.description')}
        actions={
          <>
            {refreshedAt ? (
              <span className="muted small" data-testid="system-refreshed-at">
                {t('common.updatedAt', { time: formatTime(refreshedAt, i18n.language) })}
              </span>
            ) : null}
            {/* aria-disabled, not disabled: a disabled button drops keyboard focus to <body> mid-refresh. */}
            <button
              type="button"
              className="btn"
              onClick={loading ? undefined : () => void refresh()}
              aria-disabled={loading}
              data-testid="system-refresh"
            >
              <Icon name="refresh" />
              {loading ? t('common.refreshing') : t('common.refresh')}
            </button>
          </>
        }
      />
      {error ? (
        <div className="notice notice-error" role="alert">
          {t('common.loadFailed', { message: error })}
        </div>
      ) : null}
      {info ? (
        <>
          <SystemInfoCards info={info} />
          <InterfacesTable />
          <DiscoveryDoctorSection />
          <SerialPortsSection />
        </>
      ) : error ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
