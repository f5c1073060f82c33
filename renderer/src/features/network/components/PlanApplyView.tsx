import { useTranslation } from 'react-i18next';
import type { PlanState } from '../network-slice';
import { StepList } from './StepList';

const BADGE = { waiting: '', running: 'badge-kind', ok: 'badge-ok', failed: 'net-badge-danger', skipped: 'net-badge-quiet' } as const;

/** One device at a time: each row's state, its steps, and a way to stop after the current device. */
export function PlanApplyView({ apply, onStop }: { apply: PlanState['apply']; onStop(): void }) {
  const { t } = useTranslation();
  const total = apply.rows.filter((r) => r.to !== null).length;
  const ok = apply.rows.filter((r) => r.status === 'ok').length;
  const running = apply.status === 'running';
  return (
    <div className="net-plan-apply" data-testid="plan-apply-result" data-status={apply.status}>
      <div className="net-card-head">
        <h3 className="net-h3">{t('network.ipPlan.applyTitle')}</h3>
        {running ? (
          <button type="button" className="btn btn-small" onClick={onStop} aria-disabled={apply.stopRequested} data-testid="plan-stop">
            {apply.stopRequested ? t('network.ipPlan.stopping') : t('network.ipPlan.stop')}
          </button>
        ) : null}
      </div>
      <p className="small" role="status">
        {running
          ? t('network.ipPlan.applying', { ok, total })
          : apply.status === 'stopped'
            ? t('network.ipPlan.stopped', { ok, total })
            : t('network.ipPlan.done', { ok, total })}
      </p>
      <ol className="net-apply-rows">
        {apply.rows.map((r) => (
          <li key={r.device.id} data-testid="plan-apply-row" data-from={r.device.ip} data-status={r.status}>
            <div className="net-apply-head">
              <span className={`badge ${BADGE[r.status]}`}>{t(`network.ipPlan.rowStatus.${r.status}`)}</span>
              <strong>{r.device.label}</strong>
              <span className="mono">
                {r.device.ip} → {r.to ?? t('network.ipPlan.noAddress')}
              </span>
            </div>
            {r.error ? (
              <p className="field-error" role="alert">
                {t('network.fix.callFailed', { message: r.error })}
              </p>
            ) : null}
            {r.result?.error ? (
              <p className="field-error" lang="en">
                {r.result.error}
              </p>
            ) : null}
            {r.status === 'running' || r.steps.length ? (
              <details className="net-details" open={r.status === 'running' || r.status === 'failed'}>
                <summary>{t('network.ipPlan.steps', { count: r.steps.length })}</summary>
                <StepList steps={r.steps} running={r.status === 'running'} testId="plan-steps" />
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
