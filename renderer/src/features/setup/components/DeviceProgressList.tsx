import { useTranslation } from 'react-i18next';
import type { DeviceProgress } from '../../../../../src/contract';

const BADGE: Record<string, string> = { verified: 'badge badge-ok', failed: 'badge su-badge-bad', running: 'badge badge-kind', skipped: 'badge', pending: 'badge' };
const DEVICE_BADGE: Record<DeviceProgress['state'], string> = { done: 'badge badge-ok', failed: 'badge su-badge-bad', running: 'badge badge-kind', pending: 'badge' };

/** Each device with its steps: state, and what the core said of each. */
export function DeviceProgressList({ rows, labels, testId }: { rows: readonly DeviceProgress[]; labels: ReadonlyMap<string, string>; testId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="su-progress" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.mac} className="su-progress-device" data-testid="setup-progress-device" data-mac={r.mac} data-state={r.state}>
          <div className="su-progress-head">
            <span className="mono">{r.mac}</span>
            <span className="muted">{labels.get(r.mac) ?? ''}</span>
            <span className={DEVICE_BADGE[r.state]}>{t(`setup.deviceState.${r.state}`)}</span>
          </div>
          {r.steps.length ? (
            <ol className="su-progress-steps">
              {r.steps.map((s) => (
                <li key={s.name} data-testid="setup-progress-step" data-step={s.name} data-state={s.state}>
                  <span className={BADGE[s.state] ?? 'badge'}>{t(`setup.stepState.${s.state}`)}</span>
                  <span className="su-step-name">{t(`setup.applyStep.${s.name}`, { defaultValue: s.name })}</span>
                  <span className="muted small su-detail">{s.detail}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
