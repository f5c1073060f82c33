import { useTranslation } from 'react-i18next';
import type { AlarmDeviceCount } from '../../../../../src/contract';
import { DEVICE_SEGMENTS, deviceSegments, niceMax } from '../model/chart-geometry';
import { useAlarmFormat } from './use-format';
import { useWidth } from './use-width';

const ROW = 24;
const LABEL_W = 170;
const COUNT_W = 70;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Alarms per device, stacked by state; choosing a device filters the list by it. */
export function DeviceChart({ devices, onDevice }: { devices: AlarmDeviceCount[]; onDevice(device: string): void }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const [box, width] = useWidth();
  if (devices.length === 0) return <p className="muted">{t('alarms.charts.empty')}</p>;
  const barW = Math.max(60, width - LABEL_W - COUNT_W);
  const max = niceMax(devices.reduce((m, d) => Math.max(m, d.total), 0));
  const label = (d: AlarmDeviceCount) =>
    t('alarms.charts.deviceBar', {
      device: d.device,
      total: fmt.count(d.total),
      active: fmt.count(d.active),
      acked: fmt.count(d.acked),
      cleared: fmt.count(d.cleared),
      events: fmt.count(d.events),
    });
  return (
    <section className="card chart-card" aria-labelledby="device-chart-title" data-testid="alarm-device-chart">
      <h2 className="card-title" id="device-chart-title">
        {t('alarms.charts.perDevice', { count: devices.length })}
      </h2>
      <ul className="legend" aria-label={t('alarms.charts.legend')}>
        {DEVICE_SEGMENTS.map((s) => (
          <li key={s}>
            <svg aria-hidden="true" viewBox="0 0 10 10">
              <rect className={`seg-${s}`} width="10" height="10" rx="2" />
            </svg>
            {t(`alarms.charts.segments.${s}`)}
          </li>
        ))}
      </ul>
      <div ref={box}>
        <svg width={width} height={devices.length * ROW} role="list" aria-label={t('alarms.charts.deviceHint')}>
          {devices.map((d, i) => (
            <g
              key={d.device}
              className="device-bar"
              role="listitem"
              transform={`translate(0,${i * ROW})`}
              data-device={d.device}
            >
              <g
                role="button"
                tabIndex={0}
                aria-label={label(d)}
                onClick={() => onDevice(d.device)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onDevice(d.device);
                  }
                }}
              >
                <title>{label(d)}</title>
                <rect x={0} y={0} width={width} height={ROW} fill="transparent" />
                <text className="device-label" x={0} y={ROW / 2 + 4}>
                  {clip(d.device, 24)}
                </text>
                {deviceSegments(d, max, barW).map((s) => (
                  <rect key={s.segment} className={`seg-${s.segment}`} x={LABEL_W + s.x} y={5} width={Math.max(1, s.w)} height={ROW - 10} rx={2} />
                ))}
                <text className="axis" x={width - 4} y={ROW / 2 + 4} textAnchor="end">
                  {fmt.count(d.total)}
                </text>
              </g>
            </g>
          ))}
        </svg>
      </div>
    </section>
  );
}
