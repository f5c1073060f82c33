import { useTranslation } from 'react-i18next';
import { useApp } from '../../../stores/context';
import { msToLocalInput } from '../model/filter';
import { DeviceChart } from './DeviceChart';
import { HourChart } from './HourChart';

/** The charts of the current filter: over time and per device. */
export function AlarmCharts() {
  const { t } = useTranslation();
  const charts = useApp((s) => s.alarms.charts);
  const setFilter = useApp((s) => s.setAlarmFilter);
  const setView = useApp((s) => s.setAlarmsView);
  const reload = useApp((s) => s.loadAlarmCharts);
  return (
    <div className="stack" aria-busy={charts.status === 'loading'} data-testid="alarm-charts" data-status={charts.status}>
      {charts.error ? (
        <div className="notice notice-error" role="alert">
          {t('alarms.charts.error', { message: charts.error })}{' '}
          <button type="button" className="btn btn-small" onClick={() => void reload(true)}>
            {t('alarms.list.retry')}
          </button>
        </div>
      ) : null}
      {charts.status === 'loading' && charts.hours.length === 0 ? <p className="muted">{t('common.loading')}</p> : null}
      {charts.status !== 'idle' && !(charts.status === 'loading' && charts.hours.length === 0) ? (
        <>
          <HourChart hours={charts.hours} onRange={(from, to) => setFilter({ since: msToLocalInput(from), until: msToLocalInput(to) })} />
          <DeviceChart
            devices={charts.devices}
            onDevice={(device) => {
              setFilter({ devices: [device] });
              setView('list');
            }}
          />
        </>
      ) : null}
    </div>
  );
}
