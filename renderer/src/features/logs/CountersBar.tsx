import { useTranslation } from 'react-i18next';
import type { LogStatus } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { formatCount } from './display';

type CounterKey = 'received' | 'stored' | 'dropped' | 'malformed' | 'queued' | 'total';

const value = (s: LogStatus, k: CounterKey): number => (k === 'total' ? s.totalEntries : s.counts[k]);
const KEYS: CounterKey[] = ['received', 'stored', 'dropped', 'malformed', 'queued', 'total'];

/** Live ingest counters from `logs.status`; dropped and malformed stand out when not zero. */
export function CountersBar() {
  const { t, i18n } = useTranslation();
  const status = useApp((s) => s.logs.status);
  const error = useApp((s) => s.logs.statusError);
  if (!status) {
    return error ? (
      <div className="notice notice-error" role="alert">
        {t('logs.errors.status', { message: error })}
      </div>
    ) : null;
  }
  return (
    <section className="logs-counters" aria-label={t('logs.counts.title')} data-testid="logs-counters">
      <dl>
        {KEYS.map((k) => {
          const v = value(status, k);
          const alert = (k === 'dropped' || k === 'malformed') && v > 0;
          return (
            <div key={k} className={`logs-counter${alert ? ` logs-counter-${k}` : ''}`} title={k === 'dropped' ? t('logs.counts.droppedHint') : undefined}>
              <dt>{t(`logs.counts.${k}`)}</dt>
              <dd className="mono" data-testid={`logs-count-${k}`} data-value={v}>
                {formatCount(v, i18n.language)}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
