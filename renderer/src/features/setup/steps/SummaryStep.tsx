import { useTranslation } from 'react-i18next';
import { useApp } from '../../../stores/context';
import { DeviceProgressList } from '../components/DeviceProgressList';
import { progressCounts } from '../model/progress';
import { useRun } from '../run-context';

/** The end: each device ok or failed with its steps, and the way to the records. */
export function SummaryStep() {
  const { t } = useTranslation();
  const progress = useRun((s) => s.progress);
  const run = useRun((s) => s.run);
  const close = useApp((s) => s.setupClose);
  const loadRecords = useApp((s) => s.setupLoadRecords);
  const c = progressCounts(progress);
  const labels = new Map(run.draft.devices.map((d) => [d.mac, d.hostname ?? d.label ?? '']));
  return (
    <div className="su-stack" data-testid="setup-summary" data-state={run.state}>
      <p className={c.failed ? 'notice su-notice-warn' : 'notice notice-ok'} role="status" data-testid="setup-summary-line">
        {t('setup.summary.line', { ok: c.done, failed: c.failed, total: c.total })}
        {run.state === 'interrupted' ? ` ${t('setup.summary.interrupted')}` : ''}
      </p>
      <DeviceProgressList rows={progress} labels={labels} testId="setup-summary-devices" />
      <div className="su-nav">
        <button
          type="button"
          className="btn"
          data-testid="setup-see-records"
          onClick={() => {
            void loadRecords(run.draft.site);
            document.getElementById('su-records-title')?.scrollIntoView({ block: 'start' });
          }}
        >
          {t('setup.summary.records')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="setup-finish" onClick={() => void close(false)}>
          {t('setup.summary.finish')}
        </button>
      </div>
    </div>
  );
}
