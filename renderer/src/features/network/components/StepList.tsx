import { useTranslation } from 'react-i18next';
import type { FixStep } from '../../../../../src/contract';
import { formatTime } from '../../../i18n/format';
import { stepKey } from '../model/fix-steps';

/** Steps of a running or finished fix: name in the UI language, the core's detail (English) beside it. */
export function StepList({ steps, running, testId }: { steps: readonly FixStep[]; running: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <ol className="net-steps" role="log" aria-live="polite" aria-label={t('network.fix.progress')} data-testid={testId}>
        {steps.map((s, i) => (
          <li key={`${s.name}-${i}`} className={s.ok ? 'net-step-ok' : 'net-step-fail'} data-testid="fix-step" data-name={s.name} data-ok={s.ok}>
            <span className="net-step-mark" aria-hidden="true">
              {s.ok ? '✓' : '✗'}
            </span>
            <span className="net-step-text">
              <strong>{t(`network.steps.${stepKey(s.name)}`)}</strong>
              <span className="visually-hidden">{s.ok ? t('network.fix.stepOk') : t('network.fix.stepFailed')}</span>
              <span className="muted small net-step-detail" lang="en">
                {s.detail}
              </span>
            </span>
            <span className="muted small mono net-step-time">{formatTime(s.at, i18n.language)}</span>
          </li>
        ))}
        {running ? (
          <li className="net-step-pending" data-testid="fix-step-pending">
            <span className="net-spinner" aria-hidden="true" />
            <span className="muted">{t('network.fix.working')}</span>
          </li>
        ) : null}
      </ol>
      {steps.length ? <p className="muted small">{t('network.fix.detailNote')}</p> : null}
    </div>
  );
}
