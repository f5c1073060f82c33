import { useTranslation } from 'react-i18next';
import type { SystemInfo } from '../../../../src/contract';
import { InfoCard } from './InfoList';

/** Application, storage and network-privilege facts from `system.info`. */
export function SystemInfoCards({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const net = info.network;
  return (
    <div className="cards">
      <InfoCard
        title={t('pages.system.application')}
        rows={[
          { label: t('pages.system.version'), value: info.version, testId: 'system-version', mono: true },
          { label: t('pages.system.host'), value: t(`pages.system.hosts.${info.host}`), testId: 'system-host' },
          { label: t('pages.system.platform'), value: `${info.platform} ${info.arch}`, testId: 'system-platform', mono: true },
          { label: t('pages.system.node'), value: info.nodeVersion, testId: 'system-node', mono: true },
          { label: t('pages.system.electron'), value: info.electronVersion ?? none, testId: 'system-electron', mono: true },
        ]}
      />
      <InfoCard
        title={t('pages.system.storage')}
        rows={[
          { label: t('pages.system.dataDir'), value: info.dataDir, testId: 'system-data-dir', mono: true },
          { label: t('pages.system.database'), value: info.databasePath, testId: 'system-db-path', mono: true },
          { label: t('pages.system.schemaVersion'), value: String(info.schemaVersion), testId: 'system-schema-version', mono: true },
        ]}
      />
      <InfoCard
        title={t('pages.system.privileges')}
        rows={[
          {
            label: t('pages.system.mayChangeNetwork'),
            value: (
              <span className={`badge ${net.allowed ? 'badge-ok' : 'badge-warn'}`}>
                {net.allowed ? t('common.yes') : t('common.no')}
              </span>
            ),
            testId: 'system-net-allowed',
          },
          { label: t('pages.system.reason'), value: t(`pages.system.privilegeReason.${net.code ?? 'unknown'}`, { defaultValue: net.reason }), testId: 'system-net-reason' },
          {
            label: t('pages.system.elevation'),
            value: t(`pages.system.elevations.${net.elevation ?? 'none'}`),
            testId: 'system-net-elevation',
          },
        ]}
      />
    </div>
  );
}
