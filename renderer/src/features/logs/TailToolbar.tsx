import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';
import { formatCount } from './display';
import { MAX_ROWS } from './tail-rows';

/** Live/paused state, Pause/Resume, Follow, and how much of the match is on screen. */
export function TailToolbar() {
  const { t, i18n } = useTranslation();
  const paused = useApp((s) => s.logs.paused);
  const pendingCount = useApp((s) => s.logs.pendingCount);
  const follow = useApp((s) => s.logs.follow);
  const shown = useApp((s) => s.logs.rows.length);
  const total = useApp((s) => s.logs.total);
  const searchStatus = useApp((s) => s.logs.searchStatus);
  const pause = useApp((s) => s.logsPause);
  const resume = useApp((s) => s.logsResume);
  const setFollow = useApp((s) => s.logsSetFollow);
  const n = (v: number) => formatCount(v, i18n.language);

  return (
    <div className="logs-toolbar" role="toolbar" aria-label={t('logs.tail.list')} data-testid="logs-toolbar">
      <span className={`logs-live ${paused ? 'logs-live-paused' : 'logs-live-on'}`} data-testid="logs-live-state" data-state={paused ? 'paused' : 'live'}>
        <span className="logs-live-dot" aria-hidden="true" />
        {paused ? t('logs.tail.paused') : t('logs.tail.live')}
      </span>
      {paused ? (
        <button type="button" className="btn btn-small btn-primary" onClick={resume} data-testid="logs-resume">
          {pendingCount > 0 ? t('logs.tail.resumeWithCount', { count: n(pendingCount) }) : t('logs.tail.resume')}
        </button>
      ) : (
        <button type="button" className="btn btn-small" onClick={pause} data-testid="logs-pause">
          {t('logs.tail.pause')}
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={follow}
        onClick={() => setFollow(!follow)}
        data-testid="logs-follow"
      >
        <span className="logs-toggle-box" aria-hidden="true">
          {follow ? '✓' : ''}
        </span>
        {t('logs.tail.follow')}
      </button>
      <span className="logs-spacer" />
      <span className="muted small" role="status" data-testid="logs-showing" data-shown={shown} data-total={total ?? ''}>
        {searchStatus === 'loading'
          ? t('logs.tail.searching')
          : total !== null
            ? t('logs.tail.showing', { shown: n(shown), total: n(Math.max(total, shown)) })
            : null}
      </span>
    </div>
  );
}

/** Notes under the toolbar: entries skipped by a flood, rows dropped from memory, search failures. */
export function TailNotices() {
  const { t, i18n } = useTranslation();
  const missed = useApp((s) => s.logs.missed);
  const trimmed = useApp((s) => s.logs.trimmed);
  const error = useApp((s) => s.logs.searchError);
  return (
    <>
      {error ? (
        <div className="notice notice-error" role="alert" data-testid="logs-search-error">
          {t('logs.tail.searchFailed', { message: error })}
        </div>
      ) : null}
      {missed > 0 ? (
        <p className="notice logs-notice" data-testid="logs-missed">
          {t('logs.tail.missed', { count: formatCount(missed, i18n.language) })}
        </p>
      ) : null}
      {trimmed > 0 ? (
        <p className="notice logs-notice" data-testid="logs-trimmed">
          {t('logs.tail.trimmed', { max: formatCount(MAX_ROWS, i18n.language) })}
        </p>
      ) : null}
    </>
  );
}
