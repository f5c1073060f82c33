import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { useApp } from '../../../stores/context';
import { MAX_SELECT } from '../alarms-slice';
import { activeFilterCount } from '../model/filter';
import { MAX_VIRTUAL_ROWS } from '../model/page-window';
import { AlarmTable } from './AlarmTable';
import { useAlarmFormat } from './use-format';

/** Counts, selection and group controls above the table, then the table (or why it is empty). */
export function AlarmList({ onAck, onOpen }: { onAck(ids: number[]): void; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const status = useApp((s) => s.alarms.list.status);
  const error = useApp((s) => s.alarms.list.error);
  const total = useApp((s) => s.alarms.list.total);
  const counting = useApp((s) => s.alarms.list.counting);
  const grouped = useApp((s) => s.alarms.grouped);
  const groups = useApp((s) => s.alarms.list.groups.length);
  const groupsTruncated = useApp((s) => s.alarms.list.groupsTruncated);
  const selected = useApp((s) => s.alarms.selected);
  const selectedCount = useApp((s) => s.alarms.selectedCount);
  const filters = useApp((s) => activeFilterCount(s.alarms.filter));
  const reload = useApp((s) => s.loadAlarms);
  const clearSelection = useApp((s) => s.clearAlarmSelection);
  const selectUnacked = useApp((s) => s.selectAllUnackedAlarms);
  const setAllGroups = useApp((s) => s.setAllAlarmGroups);
  const [picking, setPicking] = useState(false);

  const empty = status === 'ready' && total === 0;
  return (
    <section className="stack" aria-label={t('alarms.tabs.list')}>
      <div className="alarm-toolbar" data-testid="alarm-toolbar">
        <span role="status" data-testid="alarm-total">
          {total === null || counting
            ? t('alarms.list.counting')
            : grouped
              ? t('alarms.list.totalGrouped', { count: fmt.count(total), devices: fmt.count(groups) })
              : t('alarms.list.total', { count: fmt.count(total) })}
        </span>
        {selectedCount > 0 ? (
          <>
            <strong data-testid="alarm-selected-count">{t('alarms.selection.count', { count: fmt.count(selectedCount) })}</strong>
            <button type="button" className="btn btn-small btn-primary" onClick={() => onAck(Object.keys(selected).map(Number))} data-testid="alarm-ack-selected">
              {t('alarms.selection.ack')}
            </button>
            <button type="button" className="btn btn-small" onClick={clearSelection} data-testid="alarm-clear-selection">
              {t('alarms.selection.clear')}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="btn btn-small"
          aria-disabled={picking}
          onClick={
            picking
              ? undefined
              : () => {
                  setPicking(true);
                  void selectUnacked().finally(() => setPicking(false));
                }
          }
          data-testid="alarm-select-unacked"
        >
          {t('alarms.selection.selectUnacked', { max: fmt.count(MAX_SELECT) })}
        </button>
        <span className="spacer" />
        {grouped ? (
          <>
            <button type="button" className="btn btn-small" onClick={() => setAllGroups(true)}>
              {t('alarms.groups.expandAll')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setAllGroups(false)}>
              {t('alarms.groups.collapseAll')}
            </button>
          </>
        ) : null}
        <button type="button" className="btn btn-small" onClick={() => void reload({ keep: true })} data-testid="alarm-reload">
          <Icon name="refresh" />
          {t('common.refresh')}
        </button>
      </div>
      {error ? (
        <div className="notice notice-error" role="alert">
          {t('alarms.list.error', { message: error })}
        </div>
      ) : null}
      {grouped && groupsTruncated ? <p className="notice notice-warn">{t('alarms.groups.truncated', { count: fmt.count(groups) })}</p> : null}
      {!grouped && total !== null && total > MAX_VIRTUAL_ROWS ? (
        <p className="notice notice-warn">{t('alarms.list.capped', { count: fmt.count(MAX_VIRTUAL_ROWS) })}</p>
      ) : null}
      {empty ? (
        <div className="grid-empty card" data-testid="empty-state" data-filtered={filters > 0}>
          {filters > 0 ? t('alarms.list.emptyFiltered') : t('alarms.list.emptyAll')}
        </div>
      ) : (
        <AlarmTable onOpen={onOpen} />
      )}
    </section>
  );
}
