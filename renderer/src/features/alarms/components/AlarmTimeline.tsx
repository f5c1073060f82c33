import { useTranslation } from 'react-i18next';
import type { AlarmDetail } from '../../../../../src/contract';
import { AlarmTime } from './AlarmBadges';
import { useAlarmFormat } from './use-format';

/**
 * Raised → acknowledged → cleared (and notes) in time order, each with the
 * time since the step before; a step that has not happened yet is shown as
 * pending so an open alarm reads as open.
 */
export function AlarmTimeline({ alarm }: { alarm: AlarmDetail }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const steps = alarm.timeline;
  const has = (s: string) => steps.some((x) => x.step === s);
  const pending: ('acknowledged' | 'cleared')[] = [];
  if (alarm.kind === 'alarm') {
    if (!has('acknowledged')) pending.push('acknowledged');
    if (!has('cleared')) pending.push('cleared');
  }
  return (
    <ol className="timeline" data-testid="alarm-timeline">
      {steps.map((s, i) => (
        <li key={`${s.step}-${s.at}-${i}`} className={`step-${s.step}`} data-step={s.step}>
          <span className="step-title">{t(`alarms.detail.steps.${s.step}`)}</span>
          {s.sincePreviousMs !== null ? (
            <span className="step-after" data-testid="timeline-after">
              {t('alarms.detail.after', { duration: fmt.duration(s.sincePreviousMs) })}
            </span>
          ) : null}
          <div>
            <AlarmTime iso={s.at} />
            {s.by ? <span className="muted"> · {t('alarms.detail.by', { name: s.by })}</span> : null}
          </div>
        </li>
      ))}
      {pending.map((p) => (
        <li key={p} className="step-pending" data-step={`pending-${p}`}>
          <span className="step-title muted">{t(`alarms.detail.pending.${p}`)}</span>
        </li>
      ))}
    </ol>
  );
}
