import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../stores/context';
import { DeviceActions } from './DeviceActions';
import { DeviceDetail } from './DeviceDetail';
import { DeviceFilters } from './DeviceFilters';
import { DeviceTable } from './DeviceTable';
import { LanMap } from './LanMap';
import { ScanControls } from './ScanControls';
import { useDeviceList } from './use-device-list';
import { WatchControl } from './WatchControl';
import './devices.css';

/** Every camera on every NIC in one list: scan, watch, filter, map, details, export. */
export function DevicesPage() {
  const { t } = useTranslation();
  const open = useApp((s) => s.connection.status === 'open');
  const activate = useApp((s) => s.devicesActivate);
  const listError = useApp((s) => s.devices.listError);
  const loading = useApp((s) => s.devices.listStatus === 'loading' || s.devices.listStatus === 'idle');
  const { all, shown, conflicts, laptop } = useDeviceList();

  // Listen and load while the core is reachable; a reconnect re-reads the list (events may have been missed).
  useEffect(() => (open ? activate() : undefined), [open, activate]);

  return (
    <section className="page dv-page" data-testid="page-devices" aria-labelledby="page-title" aria-busy={loading}>
      <PageHeader title={t('pages.devices.title')} description={t('pages.devices.description')} actions={<DeviceActions shown={shown} total={all.length} />} />
      {listError ? (
        <div className="notice notice-error" role="alert">
          {t('devices.loadFailed', { message: listError })}
        </div>
      ) : null}
      <div className="dv-top">
        <ScanControls />
        <WatchControl />
      </div>
      {all.length === 0 ? (
        <div className="empty-state" data-testid="empty-state">
          <h2>{t('devices.empty.title')}</h2>
          <p>{t('devices.empty.hint')}</p>
        </div>
      ) : (
        <>
          <DeviceFilters all={all} shown={shown.length} />
          <DeviceTable devices={shown} conflicts={conflicts} />
          <p className="muted small dv-table-hint">{t('devices.table.openHint')}</p>
        </>
      )}
      {all.length ? <LanMap devices={shown} laptop={laptop} conflicts={conflicts} /> : null}
      <DeviceDetail />
    </section>
  );
}
