import { useTranslation } from 'react-i18next';
import { DeviceProgressList } from '../components/DeviceProgressList';
import { progressCounts } from '../model/progress';
import { useRun } from '../run-context';

/** Apply in progress: each device and each step as the core reports it; Cancel stops after the current step. */
export function ApplyStep() {
  const { t } = useTranslation();
  const progress = useRun((s) => s.progress);
  const applyState = useRun((s) => s.applyState);
  const runState = useRun((s) => s.run.state);
  const devices = useRun((s) => s.run.draft.devices);
  const apply = useRun((s) => s.apply);
  const cancel = useRun((s) => s.cancelApply);
  const goTo = useRun((s) => s.goTo);
  const c = progressCounts(progress);
  const labels = new Map(devices.map((d) => [d.mac, d.hostname ?? d.label ?? '']));
  const active = applyState.status === 'running' || applyState.status === 'cancelling';
  const canContinue = !active && (runState === 'interrupted' || runState === 'failed' || runState === 'draft' || applyState.status === 'error');

  return (
    <div className="su-stack" data-testid="setup-apply-view" data-status={applyState.status}>
      <div className="su-apply-head">
        <div role="status" aria-live="polite" data-testid="setup-apply-counts">
          {t('setup.apply.counts', { done: c.done, failed: c.failed, total: c.total })}
        </div>
        <progress max={c.total || 1} value={c.done + c.failed} aria-label={t('setup.apply.progressLabel')} />
        <div className="su-actions">
          {active ? (
            <button type="button" className="btn" data-testid="setup-cancel-apply" disabled={applyState.status === 'cancelling'} onClick={() => void cancel()}>
              {applyState.status === 'cancelling' ? t('setup.apply.cancelling') : t('setup.apply.cancel')}
            </button>
          ) : null}
          {canContinue ? (
            <button type="button" className="btn btn-primary" data-testid="setup-continue-apply" onClick={() => void apply()}>
              {t('setup.apply.continue')}
            </button>
          ) : null}
          {!active && runState !== 'draft' && runState !== 'interrupted' ? (
            <button type="button" className="btn" onClick={() => goTo('summary')}>
              {t('setup.apply.toSummary')}
            </button>
          ) : null}
        </div>
      </div>
      {applyState.error ? (
        <p className="notice notice-error" role="alert" data-testid="setup-apply-error">
          {applyState.error}
        </p>
      ) : null}
      <DeviceProgressList rows={progress} labels={labels} testId="setup-progress" />
    </div>
  );
}
