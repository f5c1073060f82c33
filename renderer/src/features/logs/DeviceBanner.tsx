import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';

/** The per-device view: says whose entries are shown and how to see everyone's again. */
export function DeviceBanner() {
  const { t } = useTranslation();
  const deviceId = useApp((s) => s.logs.filter.deviceId);
  const name = useApp((s) => s.logs.devices.find((d) => d.id === s.logs.filter.deviceId)?.name);
  const apply = useApp((s) => s.logsApplyFilter);
  if (!deviceId) return null;
  return (
    <div className="notice logs-device-banner" data-testid="logs-device-view" data-device={deviceId}>
      <span>{t('logs.device.viewing', { name: name ?? deviceId })}</span>
      <button type="button" className="btn btn-small" onClick={() => void apply({ deviceId: '' })} data-testid="logs-device-all">
        {t('logs.device.showAll')}
      </button>
    </div>
  );
}
