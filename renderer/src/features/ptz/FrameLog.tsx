import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/context';
import { downloadFile } from '../../components/download';
import { emptyFrameBuffer, frameTime, heldBack, visibleFrames } from './frame-buffer';

const ROW_HEIGHT = 24;
const EMPTY = emptyFrameBuffer();

/**
 * Every frame in and out on the selected connection, live: direction, time with milliseconds,
 * the bytes, what they mean, and how long the camera took to answer. Only the rows in view are
 * rendered, so a log of thousands of frames scrolls smoothly; it follows the newest frame unless
 * the user scrolled up to read.
 */
export function FrameLog({ connId }: { connId: string }) {
  const { t } = useTranslation();
  const buf = useApp((s) => s.ptz.frames[connId] ?? EMPTY);
  const busy = useApp((s) => s.ptz.busy);
  const pause = useApp((s) => s.ptzLogPause);
  const resume = useApp((s) => s.ptzLogResume);
  const clear = useApp((s) => s.ptzLogClear);
  const exportLog = useApp((s) => s.ptzExport);
  const rows = useMemo(() => visibleFrames(buf), [buf]);
  const waiting = heldBack(buf);
  const paused = buf.pausedAt !== null;
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (follow.current && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, virtualizer]);

  const save = async (format: 'csv' | 'text') => {
    const file = await exportLog(format);
    if (file) downloadFile({ name: file.filename, mime: file.mimeType, content: file.content });
  };

  return (
    <div className="ptz-log">
      <div className="ptz-log-toolbar">
        <span className="muted small" data-testid="ptz-log-count">
          {t('ptz.log.count', { count: rows.length })}
        </span>
        {paused ? (
          <span className="badge badge-warn" data-testid="ptz-log-held">
            {t('ptz.log.held', { count: waiting })}
          </span>
        ) : null}
        <span className="ptz-spacer" />
        <button type="button" className="btn btn-small" aria-pressed={paused} onClick={paused ? resume : pause} data-testid="ptz-log-pause">
          {paused ? t('ptz.log.resume') : t('ptz.log.pause')}
        </button>
        <button type="button" className="btn btn-small" onClick={clear} data-testid="ptz-log-clear">
          {t('ptz.log.clear')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-disabled={busy === 'export:csv'}
          onClick={busy === 'export:csv' ? undefined : () => void save('csv')}
          data-testid="ptz-log-export-csv"
        >
          {t('ptz.log.exportCsv')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-disabled={busy === 'export:text'}
          onClick={busy === 'export:text' ? undefined : () => void save('text')}
          data-testid="ptz-log-export-text"
        >
          {t('ptz.log.exportText')}
        </button>
      </div>
      <div className="ptz-log-table" role="table" aria-label={t('ptz.log.title')} aria-rowcount={rows.length + 1} data-testid="ptz-log">
        <div className="ptz-log-row ptz-log-head" role="row" aria-rowindex={1}>
          <span role="columnheader">{t('ptz.log.columns.dir')}</span>
          <span role="columnheader">{t('ptz.log.columns.time')}</span>
          <span role="columnheader">{t('ptz.log.columns.hex')}</span>
          <span role="columnheader">{t('ptz.log.columns.meaning')}</span>
          <span role="columnheader" className="ptz-log-num">
            {t('ptz.log.columns.latency')}
          </span>
        </div>
        <div
          className="ptz-log-scroll"
          ref={scroller}
          role="rowgroup"
          tabIndex={0}
          aria-label={t('ptz.log.scrollLabel')}
          onScroll={(e) => {
            const el = e.currentTarget;
            follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT;
          }}
        >
          {rows.length === 0 ? (
            <p className="muted ptz-log-empty" data-testid="ptz-log-empty">
              {t('ptz.log.empty')}
            </p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const f = rows[item.index];
                if (!f) return null;
                return (
                  <div
                    key={f.seq}
                    className={`ptz-log-row ptz-log-${f.dir}${item.index % 2 ? ' is-odd' : ''}${f.discarded ? ' is-discarded' : ''}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-testid="ptz-log-row"
                    data-dir={f.dir}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell">
                      <span className={`badge ptz-dir-${f.dir}`}>{t(`ptz.log.${f.dir}`)}</span>
                    </span>
                    <span role="cell" className="mono muted">
                      {frameTime(f.at)}
                    </span>
                    <span role="cell" className="mono ptz-log-hex" title={f.discarded ? t('ptz.log.discarded') : undefined}>
                      {f.hex}
                    </span>
                    <span role="cell" className="ptz-log-meaning" title={f.meaning}>
                      {f.meaning}
                    </span>
                    <span role="cell" className="mono ptz-log-num">
                      {f.latencyMs === undefined ? '' : t('ptz.log.latencyValue', { ms: f.latencyMs })}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
