import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmDeviceCount, AlarmItem } from '../../../../../src/contract';
import { durationBetween } from '../model/time-format';
import { DeviceTime } from './AlarmBadges';
import type { RowText } from './row-text';
import { useAlarmFormat } from './use-format';

/** Where a row sits in the list, for the handlers (stable across renders). */
export interface RowPlace {
  index: number;
  scope: string;
  offset: number;
}

export interface RowHandlers {
  click(place: RowPlace, item: AlarmItem, e: MouseEvent): void;
  check(place: RowPlace, item: AlarmItem, shift: boolean): void;
  toggleGroup(index: number, device: string): void;
}

const cls = (...parts: (string | false)[]) => parts.filter(Boolean).join(' ');

/**
 * One alarm row. Memoised: while scrolling, only rows entering the window
 * render; rows already on screen keep their element as long as their data,
 * position and marks are unchanged.
 */
export const AlarmRow = memo(function AlarmRow(props: {
  place: RowPlace;
  top: number;
  item: AlarmItem;
  selected: boolean;
  cursor: boolean;
  open: boolean;
  handlers: RowHandlers;
  text: RowText;
}) {
  const { item, place, handlers, text } = props;
  const time = item.raisedAt ?? item.clearedAt;
  return (
    <div
      id={`alarm-row-${place.index}`}
      role="row"
      aria-rowindex={place.index + 2}
      aria-selected={props.selected}
      className={cls('alarm-row', props.cursor && 'is-cursor', props.open && 'is-open')}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={(e) => handlers.click(place, item, e)}
      data-testid="alarm-row"
      data-id={item.id}
      data-state={item.state}
    >
      <div role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={props.selected}
          aria-label={text.selectRow(item.id)}
          onClick={(e) => {
            e.stopPropagation();
            handlers.check(place, item, e.shiftKey);
          }}
          onChange={() => undefined}
          data-testid="alarm-row-select"
        />
      </div>
      <div role="gridcell">
        <span className={`sev sev-${item.severity}`}>{text.severity[item.severity]}</span>
      </div>
      <div role="gridcell">{time ? <DeviceTime iso={time} title={text.yourTime} /> : null}</div>
      <div role="gridcell" title={item.device}>
        {item.device}
      </div>
      <div role="gridcell" title={item.type}>
        {item.type}
      </div>
      <div role="gridcell">
        <span className={`state-badge state-${item.state}`} data-state={item.state}>
          {text.state[item.state]}
        </span>
      </div>
      <div role="gridcell" className="mono">
        {item.kind === 'event' ? null : item.clearedAt === null ? (
          <span className="muted">{text.ongoing}</span>
        ) : (
          text.duration(durationBetween(item.raisedAt, item.clearedAt))
        )}
      </div>
      <div role="gridcell" title={item.message}>
        {item.flags.map((f) => (
          <span key={f} className="badge flag-badge" data-flag={f}>
            {text.flag[f]}
          </span>
        ))}{' '}
        {item.message}
      </div>
    </div>
  );
});

/** A row whose page is still on its way. */
export const LoadingRow = memo(function LoadingRow({ index, top, cursor, columns, label }: { index: number; top: number; cursor: boolean; columns: number; label: string }) {
  return (
    <div id={`alarm-row-${index}`} role="row" aria-rowindex={index + 2} className={cls('alarm-row is-loading', cursor && 'is-cursor')} style={{ transform: `translateY(${top}px)` }}>
      <div role="gridcell" />
      <div role="gridcell" aria-colspan={columns - 1}>
        <span className="skeleton" aria-label={label} />
      </div>
    </div>
  );
});

/** A device's group header: its counts by state; Enter, Space or a click opens or closes it. */
export const GroupRow = memo(function GroupRow(props: {
  index: number;
  top: number;
  group: AlarmDeviceCount;
  expanded: boolean;
  cursor: boolean;
  columns: number;
  handlers: RowHandlers;
}) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const g = props.group;
  return (
    <div
      id={`alarm-row-${props.index}`}
      role="row"
      aria-rowindex={props.index + 2}
      aria-expanded={props.expanded}
      className={cls('alarm-row group-row', props.cursor && 'is-cursor')}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={() => props.handlers.toggleGroup(props.index, g.device)}
      data-testid="alarm-group"
      data-device={g.device}
    >
      <div role="gridcell" aria-colspan={props.columns}>
        <span className="chevron" aria-hidden="true">
          ▸
        </span>{' '}
        <span>{g.device}</span>{' '}
        <span className="group-counts">
          {t('alarms.groups.counts', {
            total: fmt.count(g.total),
            active: fmt.count(g.active),
            acked: fmt.count(g.acked),
            cleared: fmt.count(g.cleared),
            events: fmt.count(g.events),
          })}
        </span>
      </div>
    </div>
  );
});
