import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { formatTime } from '../../i18n/format';
import { useApp } from '../../stores/context';
import { REPROBE_CHOICES } from './scan-draft';

const KNOWN_CAUSES = ['hello', 'bye', 'byebye', 'reply', 'timeout', 'neighbour'] as const;
type KnownCause = (typeof KNOWN_CAUSES)[number];
const isKnown = (c: string): c is KnownCause => (KNOWN_CAUSES as readonly string[]).includes(c);

/** The passive watch switch, what it watches, and the latest presence changes. */
export function WatchControl() {
  const { t, i18n } = useTranslation();
  const watch = useApp((s) => s.devices.watch);
  const busy = useApp((s) => s.devices.watchBusy);
  const error = useApp((s) => s.devices.watchError);
  const presence = useApp((s) => s.devices.presence);
  const setWatch = useApp((s) => s.devicesSetWatch);
  const reprobeSec = useApp((s) => s.devices.draft.reprobeSec);
  const setDraft = useApp((s) => s.devicesSetDraft);
  const cause = (c: string) => (isKnown(c) ? t(`devices.watch.causes.${c}`) : t('devices.watch.causes.other', { cause: c }));
  return (
    <section className="card dv-watch" aria-labelledby="dv-watch-label" data-testid="watch-control" data-watching={watch.running}>
      <div className="dv-watch-row">
        <button
          type="button"
          role="switch"
          className="dv-switch"
          aria-checked={watch.running}
          aria-labelledby="dv-watch-label"
          aria-describedby="dv-watch-hint"
          aria-busy={busy}
          onClick={busy ? undefined : () => void setWatch(!watch.running)}
          data-testid="watch-toggle"
        >
          <span className="dv-switch-knob" aria-hidden="true" />
        </button>
        <h2 className="dv-watch-title" id="dv-watch-label">
          {t('devices.watch.label')}
        </h2>
      </div>
      <p className="muted small" id="dv-watch-hint">
        {watch.running
          ? t('devices.watch.running', { interfaces: watch.interfaces.join(', '), reprobe: watch.reprobeSec ?? '', offline: watch.offlineAfterSec ?? '' })
          : t('devices.watch.hint')}
      </p>
      <Field label={t('devices.watch.reprobe')} className="dv-reprobe">
        {/* Applies when the watch starts: turn it off and on to change a running one. */}
        <select
          className="input"
          value={reprobeSec}
          disabled={watch.running || busy}
          onChange={(e) => setDraft({ reprobeSec: Number(e.currentTarget.value) })}
          data-testid="watch-reprobe"
        >
          <Options values={REPROBE_CHOICES} label={(sec) => t('devices.watch.every', { sec })} />
        </select>
      </Field>
      {error ? (
        <p className="field-error" role="alert">
          {t('devices.watch.failed', { message: error })}
        </p>
      ) : null}
      {presence.length ? (
        <div className="dv-presence">
          <h3 className="field-label">{t('devices.watch.recent')}</h3>
          <ul aria-live="polite" data-testid="presence-log">
            {presence.slice(0, 4).map((n) => (
              <li key={`${n.id} ${n.at} ${n.state}`} className={n.state === 'offline' ? 'dv-presence-off' : 'dv-presence-on'}>
                <span className={`dot ${n.state === 'online' ? 'dot-ok' : 'dot-bad'}`} aria-hidden="true" />
                <span className="muted mono">{formatTime(n.at, i18n.language)}</span>
                <span>
                  {n.state === 'online' ? t('devices.watch.wentOnline', { label: n.label }) : t('devices.watch.wentOffline', { label: n.label })}{' '}
                  <span className="muted">({cause(n.cause)})</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
