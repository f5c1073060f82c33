import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { formatTime } from '../../i18n/format';
import { useApp } from '../../stores/context';
import { orderChecks } from '../devices/doctor-view';
import { doctorCheckText, type DoctorText } from './doctor-text';
import './discovery-doctor.css';

const STATUS_BADGE = { ok: 'badge-ok', warn: 'badge-warn', fail: 'doctor-badge-fail', info: '' } as const;

/** `discovery.doctor` on the System page: can discovery see the cameras from this laptop right now? */
export function DiscoveryDoctorSection() {
  const { t, i18n } = useTranslation();
  const open = useApp((s) => s.connection.status === 'open');
  const doctor = useApp((s) => s.devices.doctor);
  const run = useApp((s) => s.devicesRunDoctor);
  const loading = doctor.status === 'loading';
  const report = doctor.report;
  // doctor-text.ts builds the keys at run time; a unit test checks every one exists in both locales.
  const tr = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const say = (text: DoctorText) => ('key' in text ? tr(text.key, text.values ?? {}) : text.raw);
  const checks = report ? orderChecks(report.checks).map((c) => ({ check: c, text: doctorCheckText(c) })) : [];
  const anyRaw = checks.some(({ text }) => 'raw' in text.detail);

  // Runs by itself the first time the page is shown (it only reads settings and binds ports briefly).
  useEffect(() => {
    if (open && doctor.status === 'idle') void run();
  }, [open, doctor.status, run]);

  return (
    <section className="card doctor" aria-labelledby="doctor-title" aria-busy={loading} data-testid="discovery-doctor">
      <div className="doctor-head">
        <div>
          <h2 className="card-title" id="doctor-title">
            {t('devices.doctor.title')}
          </h2>
          <p className="muted small doctor-desc">{t('devices.doctor.description')}</p>
        </div>
        <div className="doctor-actions">
          {doctor.ranAt ? <span className="muted small">{t('devices.doctor.ranAt', { time: formatTime(doctor.ranAt, i18n.language) })}</span> : null}
          <button type="button" className="btn btn-small" onClick={loading ? undefined : () => void run()} aria-disabled={loading} data-testid="doctor-run">
            <Icon name="refresh" />
            {loading ? t('devices.doctor.running') : t('devices.doctor.run')}
          </button>
        </div>
      </div>
      {doctor.error ? (
        <div className="notice notice-error" role="alert">
          {t('devices.doctor.failed', { message: doctor.error })}
        </div>
      ) : null}
      {report ? (
        <>
          <p className="small" data-testid="doctor-probe">
            {report.probeInterfaces.length
              ? t('devices.doctor.probeInterfaces', { list: report.probeInterfaces.join(', ') })
              : t('devices.doctor.noProbeInterfaces')}
          </p>
          <ul className="doctor-checks">
            {checks.map(({ check: c, text }) => (
              <li key={c.id} className={`doctor-check doctor-${c.status}`} data-testid="doctor-check" data-id={c.id} data-code={c.code} data-status={c.status}>
                <span className={`badge ${STATUS_BADGE[c.status]}`}>{t(`devices.doctor.status.${c.status}`)}</span>
                <div>
                  <strong lang={'raw' in text.title ? 'en' : undefined}>{say(text.title)}</strong>
                  {/* A code this UI does not know keeps the core's English wording. */}
                  <p className="small doctor-detail" lang={'raw' in text.detail ? 'en' : undefined}>
                    {say(text.detail)}
                  </p>
                </div>
              </li>
            ))}
          </ul>
          {anyRaw ? <p className="muted small">{t('devices.doctor.detailNote')}</p> : null}
        </>
      ) : loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </section>
  );
}
