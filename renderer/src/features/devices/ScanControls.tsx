import { useTranslation } from 'react-i18next';
import type { DiscoveryProtocolName } from '../../../../src/contract';
import { DISCOVERY_PROTOCOLS } from '../../../../src/contract/discovery';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/context';
import { seconds } from './format';
import { PROTOCOL_LABELS } from './protocol-labels';
import { draftProblem, interfaceOptions, TIMEOUT_MAX, TIMEOUT_MIN } from './scan-draft';

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

/** Interfaces, protocols and timeout of a scan; Scan / Cancel; progress while it runs and a summary after. */
export function ScanControls() {
  const { t } = useTranslation();
  const draft = useApp((s) => s.devices.draft);
  const scan = useApp((s) => s.devices.scan);
  const interfaces = useApp((s) => s.system.interfaces);
  const setDraft = useApp((s) => s.devicesSetDraft);
  const start = useApp((s) => s.devicesStartScan);
  const cancel = useApp((s) => s.devicesCancelScan);
  const options = interfaceOptions(interfaces);
  const running = scan.status === 'running';
  const problem = draftProblem(draft);
  return (
    <section className="card dv-scan" aria-labelledby="dv-scan-title" data-testid="scan-controls" data-scan-state={scan.status}>
      <h2 className="card-title" id="dv-scan-title">
        {t('devices.scan.title')}
      </h2>
      <div className="dv-scan-grid">
        <fieldset className="dv-fieldset" disabled={running}>
          <legend className="field-label">{t('devices.scan.interfaces')}</legend>
          {options.length === 0 ? (
            <p className="muted small">{t('devices.scan.noInterfaces')}</p>
          ) : (
            <ul className="dv-checklist">
              {options.map((o) => (
                <li key={o.name}>
                  <label className="dv-check">
                    <input
                      type="checkbox"
                      checked={draft.interfaces.includes(o.name)}
                      onChange={(e) => setDraft({ interfaces: toggle(draft.interfaces, o.name, e.currentTarget.checked) })}
                      data-testid={`scan-iface-${o.name}`}
                    />
                    <span className="mono">{o.name}</span>
                    <span className="muted mono small">{o.cidrs.join(', ')}</span>
                    {o.byDefault ? <span className="badge">{t('devices.scan.byDefault')}</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p className="muted small dv-hint">{t('devices.scan.interfacesHint')}</p>
        </fieldset>
        <fieldset className="dv-fieldset" disabled={running}>
          <legend className="field-label">{t('devices.scan.protocols')}</legend>
          <ul className="dv-checklist">
            {DISCOVERY_PROTOCOLS.map((p: DiscoveryProtocolName) => (
              <li key={p}>
                <label className="dv-check" title={t(`devices.protocolNames.${p}`)}>
                  <input
                    type="checkbox"
                    checked={draft.protocols.includes(p)}
                    onChange={(e) => setDraft({ protocols: toggle(draft.protocols, p, e.currentTarget.checked) })}
                    data-testid={`scan-proto-${p}`}
                  />
                  <span className={`badge dv-proto dv-proto-${p}`}>{PROTOCOL_LABELS[p]}</span>
                  <span className="muted small">{t(`devices.protocolNames.${p}`)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="dv-scan-run">
          <Field label={t('devices.scan.timeout')}>
            <input
              type="number"
              className="input dv-timeout"
              min={TIMEOUT_MIN}
              max={TIMEOUT_MAX}
              step={0.5}
              value={draft.timeoutSec}
              disabled={running}
              onChange={(e) => setDraft({ timeoutSec: e.currentTarget.valueAsNumber })}
              data-testid="scan-timeout"
            />
          </Field>
          {running ? (
            <button type="button" className="btn" onClick={() => void cancel()} aria-disabled={scan.cancelling} data-testid="scan-cancel">
              {scan.cancelling ? t('devices.scan.cancelling') : t('devices.scan.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary"
              onClick={problem ? undefined : () => void start()}
              aria-disabled={problem !== null}
              aria-describedby={problem ? 'dv-scan-problem' : undefined}
              data-testid="scan-start"
            >
              {t('devices.scan.start')}
            </button>
          )}
          {problem ? (
            <p className="field-error" id="dv-scan-problem">
              {t('devices.scan.noProtocol')}
            </p>
          ) : null}
        </div>
      </div>
      <ScanStatus />
    </section>
  );
}

/** The running scan's progress bar and counters, or the last scan's summary and warnings. */
function ScanStatus() {
  const { t } = useTranslation();
  const scan = useApp((s) => s.devices.scan);
  const p = scan.progress;
  if (scan.status === 'idle') return null;
  if (scan.status === 'error') {
    return (
      <div className="notice notice-error" role="alert" data-testid="scan-error">
        {t('devices.scan.failed', { message: scan.error ?? '' })}
      </div>
    );
  }
  if (scan.status === 'running') {
    const pct = p ? Math.min(100, Math.round((p.elapsedMs / Math.max(1, p.timeoutMs)) * 100)) : 0;
    return (
      <div className="dv-scan-status" data-testid="scan-progress">
        <div
          className="dv-progress"
          role="progressbar"
          aria-label={t('devices.scan.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="dv-progress-bar" style={{ width: `${pct}%` }} />
        </div>
        <p className="small" aria-live="polite">
          <strong>{t(`devices.scan.phase.${p?.phase ?? 'started'}`)}</strong>{' '}
          {p ? t('devices.scan.progress', { elapsed: seconds(p.elapsedMs), timeout: seconds(p.timeoutMs), count: p.devices }) : null}
        </p>
        {p ? <p className="muted small">{t('devices.scan.stats', { ...p.stats })}</p> : null}
      </div>
    );
  }
  const r = scan.result;
  if (!r) return null;
  return (
    <div className="dv-scan-status" data-testid="scan-summary">
      <p className="small" role="status">
        {scan.status === 'cancelled'
          ? t('devices.scan.cancelledSummary', { seconds: seconds(r.elapsedMs), count: r.devices })
          : t('devices.scan.finished', { seconds: seconds(r.elapsedMs), count: r.devices, interfaces: r.interfaces.join(', ') })}{' '}
        <span className="muted">{t('devices.scan.stats', { ...r.stats })}</span>
      </p>
      {r.warnings.length ? (
        <details className="dv-warnings">
          <summary>{t('devices.scan.warnings')} ({r.warnings.length})</summary>
          <ul>
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
