import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { formatDateTime, formatRowTime } from './display';
import { isFiltered } from './filter-form';
import { Highlighted } from './Highlighted';
import { searchTokens, type SearchToken } from './search-terms';
import { SeverityBadge } from './SeverityBadge';
import { severityTone } from './severity';
import { listKeyTarget } from './list-keys';
import { MAX_ROWS } from './tail-rows';

const ROW_HEIGHT = 28;

function Row({ entry, tokens, selected, rowId, language, onPick }: {
  entry: LogEntry;
  tokens: SearchToken[];
  selected: boolean;
  rowId: string;
  language: string;
  onPick: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div
      id={rowId}
      role="option"
      aria-selected={selected}
      className={`logs-row logs-tone-${severityTone(entry.severity)}${selected ? ' logs-row-selected' : ''}`}
      onClick={() => onPick(entry.id)}
      data-testid="logs-row"
      data-id={entry.id}
      data-severity={entry.severity ?? ''}
      data-malformed={entry.malformed}
    >
      <span className="logs-cell logs-cell-time mono" title={formatDateTime(entry.receivedAt, language)}>
        {formatRowTime(entry.receivedAt)}
      </span>
      <span className="logs-cell logs-cell-sev">
        <SeverityBadge severity={entry.severity} />
      </span>
      <span className="logs-cell logs-cell-source mono" title={entry.source}>
        {entry.device ? <span className="logs-device-chip">{entry.device.name}</span> : entry.sourceAddress ?? entry.source}
      </span>
      <span className="logs-cell logs-cell-host mono" title={entry.host ?? undefined}>
        <Highlighted text={entry.host ?? ''} tokens={tokens} />
      </span>
      <span className="logs-cell logs-cell-app mono" title={entry.app ?? undefined}>
        <Highlighted text={entry.app ?? ''} tokens={tokens} />
      </span>
      <span className="logs-cell logs-cell-msg" data-testid="logs-row-message">
        {entry.malformed ? <span className="logs-flag">{t('logs.tail.malformed')}</span> : null}
        <Highlighted text={entry.message} tokens={tokens} />
      </span>
    </div>
  );
}

/** The tail: a virtual list of the matching entries, newest at the bottom; selection opens the detail. */
export function LogList() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const rows = useApp((s) => s.logs.rows);
  const total = useApp((s) => s.logs.total);
  const selectedId = useApp((s) => s.logs.selected?.id ?? null);
  const follow = useApp((s) => s.logs.follow);
  const paused = useApp((s) => s.logs.paused);
  const searchStatus = useApp((s) => s.logs.searchStatus);
  const filter = useApp((s) => s.logs.filter);
  const nothingStored = useApp((s) => s.logs.status?.totalEntries === 0);
  const loadingOlder = useApp((s) => s.logs.loadingOlder);
  const select = useApp((s) => s.logsSelect);
  const setFollow = useApp((s) => s.logsSetFollow);
  const loadOlder = useApp((s) => s.logsLoadOlder);
  const tokens = useMemo(() => searchTokens(filter.text), [filter.text]);
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  const lastId = rows[rows.length - 1]?.id;
  useEffect(() => {
    if (follow && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [follow, lastId, rows.length, virtualizer]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT;
    // Scrolling up to read stops following; scrolling back to the bottom while live starts again.
    if (!atBottom && follow) setFollow(false);
    else if (atBottom && !follow && !paused) setFollow(true);
  };

  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    if (ev.key === 'Escape' && selectedId !== null) {
      ev.preventDefault();
      void select(null);
      return;
    }
    const current = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const next = listKeyTarget(ev.key, current, rows.length, page);
    if (next === null) return;
    ev.preventDefault();
    const entry = rows[next];
    if (!entry) return;
    if (next < rows.length - 1) setFollow(false);
    void select(entry.id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const canLoadOlder = total !== null && total > rows.length && rows.length < MAX_ROWS;
  const rowId = (entryId: number) => `${id}-row-${entryId}`;
  const selectedInList = selectedId !== null && rows.some((r) => r.id === selectedId);

  return (
    <div className="logs-list-wrap">
      {canLoadOlder ? (
        <button type="button" className="btn btn-small logs-older" onClick={() => void loadOlder()} aria-disabled={loadingOlder} data-testid="logs-load-older">
          {loadingOlder ? t('logs.tail.loadingOlder') : t('logs.tail.loadOlder')}
        </button>
      ) : null}
      <div className="logs-list-head" aria-hidden="true">
        <span className="logs-cell logs-cell-time">{t('logs.tail.columns.time')}</span>
        <span className="logs-cell logs-cell-sev">{t('logs.tail.columns.severity')}</span>
        <span className="logs-cell logs-cell-source">{t('logs.tail.columns.source')}</span>
        <span className="logs-cell logs-cell-host">{t('logs.tail.columns.host')}</span>
        <span className="logs-cell logs-cell-app">{t('logs.tail.columns.app')}</span>
        <span className="logs-cell logs-cell-msg">{t('logs.tail.columns.message')}</span>
      </div>
      <div
        ref={scroller}
        className="logs-list"
        role="listbox"
        aria-label={t('logs.tail.list')}
        aria-activedescendant={selectedInList ? rowId(selectedId) : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        data-testid="logs-list"
        data-count={rows.length}
        data-search={searchStatus}
      >
        {rows.length === 0 && searchStatus !== 'loading' ? (
          <p className="logs-empty muted" data-testid="logs-empty">
            {nothingStored && !isFiltered(filter) ? t('logs.tail.emptyNothing') : t('logs.tail.empty')}
          </p>
        ) : (
          <div className="logs-list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const entry = rows[v.index];
              if (!entry) return null;
              return (
                <div key={v.key} className="logs-row-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                  <Row
                    entry={entry}
                    tokens={tokens}
                    selected={entry.id === selectedId}
                    rowId={rowId(entry.id)}
                    language={i18n.language}
                    onPick={(entryId) => void select(entryId)}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
