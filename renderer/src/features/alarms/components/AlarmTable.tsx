import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmItem, AlarmSort } from '../../../../../src/contract';
import { useApp } from '../../../stores/context';
import { alarmRowAt, loadedRows, type AlarmsList } from '../alarms-slice';
import { nextSort } from '../model/filter';
import { buildGroupLayout, needsInGroups, slotAt, type GroupLayout, type LayoutSlot } from '../model/group-layout';
import { MAX_VIRTUAL_ROWS } from '../model/page-window';
import { AlarmRow, GroupRow, LoadingRow, type RowHandlers, type RowPlace } from './AlarmRow';
import { useRowText, type RowText } from './row-text';

/** Fixed row height: the virtualiser then never measures, and 1M rows stay within Chromium's layout limit. */
const ROW_HEIGHT = 28;
const HEAD_HEIGHT = 30;

type Column = { id: 'select' | 'severity' | 'time' | 'device' | 'type' | 'state' | 'duration' | 'message'; sort?: AlarmSort };
const COLUMNS: Column[] = [
  { id: 'select' },
  { id: 'severity', sort: 'severity' },
  { id: 'time', sort: 'time' },
  { id: 'device', sort: 'device' },
  { id: 'type', sort: 'type' },
  { id: 'state', sort: 'state' },
  { id: 'duration' },
  { id: 'message' },
];

/** What one virtual index shows: a row of a scope (null while its page loads), or a group header. */
type Slot = { kind: 'row'; scope: string; offset: number; item: AlarmItem | null } | Extract<LayoutSlot, { kind: 'header' }>;

function slotOf(list: AlarmsList, layout: GroupLayout | null, count: number, index: number): Slot | null {
  if (!layout) return index < count ? { kind: 'row', scope: '', offset: index, item: alarmRowAt(list, '', index) } : null;
  const s = slotAt(layout, index);
  if (!s) return null;
  if (s.kind === 'header') return s;
  return { kind: 'row', scope: s.group.device, offset: s.offset, item: alarmRowAt(list, s.group.device, s.offset) };
}

/**
 * The alarm list: a grid that renders only the rows on screen and asks the
 * store for the pages behind them. Keyboard: arrows, Page Up/Down, Home/End
 * move the cursor; Enter opens the alarm (or a group); Space selects.
 */
export function AlarmTable({ onOpen }: { onOpen(id: number): void }) {
  const { t } = useTranslation();
  const text = useRowText();
  const list = useApp((s) => s.alarms.list);
  const grouped = useApp((s) => s.alarms.grouped);
  const sort = useApp((s) => s.alarms.sort);
  const selected = useApp((s) => s.alarms.selected);
  const openId = useApp((s) => s.alarms.detail.id);
  const ensureRows = useApp((s) => s.ensureAlarmRows);
  const setSort = useApp((s) => s.setAlarmSort);
  const toggleSelected = useApp((s) => s.toggleAlarmSelected);
  const setSelected = useApp((s) => s.setAlarmsSelected);
  const toggleGroup = useApp((s) => s.toggleAlarmGroup);

  const layout = useMemo(() => (grouped ? buildGroupLayout(list.groups, list.expanded) : null), [grouped, list.groups, list.expanded]);
  const count = layout ? layout.count : Math.min(list.total ?? 0, MAX_VIRTUAL_ROWS);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState(0);
  const anchor = useRef<{ scope: string; offset: number } | null>(null);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEAD_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (count === 0) return;
    ensureRows(layout ? needsInGroups(layout, first, last) : [{ scope: '', start: first, end: last }]);
  }, [first, last, count, layout, ensureRows, list.key, list.status]);

  // A new query starts at the top; a refresh of the same query stays where it is.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setCursor(0);
  }, [list.key]);

  // Handlers read the latest state through a ref, so they stay the same object and memoised rows skip re-rendering.
  const latest = useRef({ list, selected, onOpen });
  useEffect(() => {
    latest.current = { list, selected, onOpen };
  });
  const selectRow = useCallback(
    (place: { scope: string; offset: number }, item: AlarmItem, shift: boolean) => {
      const a = anchor.current;
      if (shift && a && a.scope === place.scope) {
        const from = Math.min(a.offset, place.offset);
        const to = Math.max(a.offset, place.offset);
        setSelected(
          loadedRows(latest.current.list, place.scope, from, to).map((r) => r.id),
          !latest.current.selected[item.id] || a.offset !== place.offset,
        );
      } else toggleSelected(item.id);
      anchor.current = { scope: place.scope, offset: place.offset };
    },
    [setSelected, toggleSelected],
  );
  const handlers = useMemo<RowHandlers>(
    () => ({
      click: (place: RowPlace, item, e) => {
        setCursor(place.index);
        if (e.shiftKey || e.ctrlKey || e.metaKey) selectRow(place, item, e.shiftKey);
        else latest.current.onOpen(item.id);
      },
      check: (place, item, shift) => {
        setCursor(place.index);
        selectRow(place, item, shift);
      },
      toggleGroup: (index, device) => {
        setCursor(index);
        toggleGroup(device);
      },
    }),
    [selectRow, toggleGroup],
  );

  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(count - 1, index));
    setCursor(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || count === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const slot = slotOf(list, layout, count, cursor);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(cursor + 1),
      ArrowUp: () => moveTo(cursor - 1),
      PageDown: () => moveTo(cursor + page),
      PageUp: () => moveTo(cursor - page),
      Home: () => moveTo(0),
      End: () => moveTo(count - 1),
      Enter: () => {
        if (slot?.kind === 'header') toggleGroup(slot.group.device);
        else if (slot?.item) onOpen(slot.item.id);
      },
      ' ': () => {
        if (slot?.kind === 'header') toggleGroup(slot.group.device);
        else if (slot?.item) selectRow(slot, slot.item, e.shiftKey);
      },
      ArrowRight: () => {
        if (slot?.kind === 'header' && !slot.expanded) toggleGroup(slot.group.device);
      },
      ArrowLeft: () => {
        if (slot?.kind === 'header' && slot.expanded) toggleGroup(slot.group.device);
      },
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  const cursorRendered = items.some((v) => v.index === cursor);
  const label = (c: Column) => t(`alarms.columns.${c.id}`);

  return (
    <div
      ref={scrollRef}
      className="alarm-grid"
      role="grid"
      tabIndex={0}
      aria-label={t('alarms.list.tableLabel')}
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      aria-multiselectable="true"
      aria-busy={list.status === 'loading'}
      aria-activedescendant={cursorRendered && count > 0 ? `alarm-row-${cursor}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="alarm-grid"
      data-total={list.total ?? ''}
      data-counting={list.counting}
      data-first-rows-ms={list.firstRowsMs === null ? '' : Math.round(list.firstRowsMs)}
    >
      <div className="alarm-grid-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div key={c.id} role="columnheader" aria-sort={c.sort && sort.sort === c.sort ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.id === 'select' ? (
              <span className="visually-hidden">{label(c)}</span>
            ) : c.sort ? (
              <button
                type="button"
                className="sort-button"
                data-active={sort.sort === c.sort}
                onClick={() => setSort(nextSort(sort, c.sort!))}
                title={t('alarms.list.sortBy', { column: label(c) })}
                data-testid={`alarm-sort-${c.sort}`}
              >
                {label(c)}
                {sort.sort === c.sort ? <span aria-hidden="true">{sort.order === 'asc' ? '▲' : '▼'}</span> : null}
              </button>
            ) : (
              label(c)
            )}
          </div>
        ))}
      </div>
      <div className="alarm-rows" style={{ height: virtualizer.getTotalSize() - HEAD_HEIGHT }}>
        {items.map((v) => {
          const slot = slotOf(list, layout, count, v.index);
          if (!slot) return null;
          const top = v.start - HEAD_HEIGHT;
          const isCursor = v.index === cursor;
          if (slot.kind === 'header') {
            return (
              <GroupRow
                key={`h-${slot.group.device}`}
                index={v.index}
                top={top}
                group={slot.group}
                expanded={slot.expanded}
                cursor={isCursor}
                columns={COLUMNS.length}
                handlers={handlers}
              />
            );
          }
          if (!slot.item) return <LoadingRow key={`l-${v.index}`} index={v.index} top={top} cursor={isCursor} columns={COLUMNS.length} label={text.loading} />;
          return (
            <RowAt
              key={`r-${slot.scope}-${slot.item.id}`}
              index={v.index}
              scope={slot.scope}
              offset={slot.offset}
              top={top}
              item={slot.item}
              selected={!!selected[slot.item.id]}
              cursor={isCursor}
              open={openId === slot.item.id}
              handlers={handlers}
              text={text}
            />
          );
        })}
      </div>
    </div>
  );
}

/** Keeps the row's place object stable for its memo while index, scope and offset stay the same. */
function RowAt(props: {
  index: number;
  scope: string;
  offset: number;
  top: number;
  item: AlarmItem;
  selected: boolean;
  cursor: boolean;
  open: boolean;
  handlers: RowHandlers;
  text: RowText;
}) {
  const { index, scope, offset } = props;
  const place = useMemo(() => ({ index, scope, offset }), [index, scope, offset]);
  return (
    <AlarmRow place={place} top={props.top} item={props.item} selected={props.selected} cursor={props.cursor} open={props.open} handlers={props.handlers} text={props.text} />
  );
}
