import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredDevice } from '../../../../src/contract';
import { useApp } from '../../stores/context';
import { primaryIp, vendorOf, type SortKey } from './device-view';
import type { IpConflict } from './lan-map';
import { ProtocolBadges } from './ProtocolBadges';
import { SubnetFlag } from './SubnetFlag';

/** Fixed row height: the virtualiser places rows by it, and cells never wrap. */
const ROW_HEIGHT = 34;

const COLUMNS: ReadonlyArray<{ key: SortKey; className: string }> = [
  { key: 'status', className: 'dv-col-status' },
  { key: 'ip', className: 'dv-col-ip' },
  { key: 'mac', className: 'dv-col-mac' },
  { key: 'vendor', className: 'dv-col-vendor' },
  { key: 'model', className: 'dv-col-model' },
  { key: 'name', className: 'dv-col-name' },
  { key: 'protocols', className: 'dv-col-protocols' },
  { key: 'interface', className: 'dv-col-iface' },
  { key: 'subnet', className: 'dv-col-subnet' },
];

/**
 * The device table: sortable headers, rows rendered only where the scroll box shows them (a site
 * can have hundreds of cameras), one tab stop for the body with arrow keys between rows, Enter
 * or a click opens the details.
 */
export function DeviceTable({ devices, conflicts }: { devices: readonly DiscoveredDevice[]; conflicts: ReadonlyMap<string, IpConflict> }) {
  const { t } = useTranslation();
  const sort = useApp((s) => s.devices.sort);
  const sortBy = useApp((s) => s.devicesSortBy);
  const selectedId = useApp((s) => s.devices.selectedId);
  const select = useApp((s) => s.devicesSelect);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({
    count: devices.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => devices[i]?.id ?? i,
  });
  const activeIndex = Math.min(active, Math.max(0, devices.length - 1));

  // Arrow keys move focus to a row that may only exist after the virtualiser rendered it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${activeIndex}"]`);
    if (row) {
      row.focus();
      focusPending.current = false;
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let to: number | null = null;
    if (e.key in moves) to = activeIndex + (moves[e.key] ?? 0);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = devices.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      const d = devices[activeIndex];
      if (d) {
        e.preventDefault();
        select(d.id);
      }
      return;
    }
    if (to === null) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(devices.length - 1, to));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));

  return (
    <div className="dv-table-scroll" ref={scrollRef} data-testid="device-table-scroll">
      <table className="table dv-table" aria-label={t('devices.table.label')} aria-rowcount={devices.length + 1} data-testid="device-table">
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const label = t(`devices.columns.${c.key}`);
              const sorted = sort.key === c.key;
              return (
                <th key={c.key} scope="col" aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="dv-sort" onClick={() => sortBy(c.key)} title={t('devices.sortBy', { column: label })} data-testid={`sort-${c.key}`}>
                    {/* The status column is a dot wide: its header is a dot too, named for screen readers. */}
                    {c.key === 'status' ? (
                      <>
                        <span className="dv-status-head" aria-hidden="true">●</span>
                        <span className="visually-hidden">{label}</span>
                      </>
                    ) : (
                      label
                    )}
                    <span className="dv-sort-mark" aria-hidden="true">
                      {sorted ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="dv-pad">
              <td colSpan={COLUMNS.length} style={{ height: padTop }} />
            </tr>
          ) : null}
          {items.map((vi) => {
            const d = devices[vi.index];
            if (!d) return null;
            const ip = primaryIp(d);
            const conflict = ip === undefined ? undefined : conflicts.get(ip);
            return (
              <tr
                key={d.id}
                data-index={vi.index}
                aria-rowindex={vi.index + 2}
                aria-current={d.id === selectedId ? true : undefined}
                tabIndex={vi.index === activeIndex ? 0 : -1}
                className={`dv-row${d.online ? '' : ' dv-row-offline'}${d.inSubnet ? '' : ' dv-row-off'}${conflict ? ' dv-row-conflict' : ''}`}
                onClick={() => {
                  setActive(vi.index);
                  select(d.id);
                }}
                onFocus={() => setActive(vi.index)}
                data-testid="device-row"
                data-id={d.id}
                data-ip={ip ?? ''}
                data-online={d.online}
                data-in-subnet={d.inSubnet}
                data-protocols={d.protocols.join(' ')}
              >
                <td className="dv-cell-status">
                  <span className={`dot ${d.online ? 'dot-ok' : 'dot-off'}`} aria-hidden="true" title={d.online ? t('devices.online') : t('devices.offline')} />
                  <span className="visually-hidden">{d.online ? t('devices.online') : t('devices.offline')}</span>
                </td>
                <th scope="row" className="mono">
                  <span className="dv-ip">{ip ?? t('common.none')}</span>
                  {conflict ? (
                    <span
                      className="badge dv-badge-danger has-tooltip"
                      title={t('devices.conflictWith', { ip: conflict.ip, macs: conflict.macs.filter((m) => m !== d.mac).join(', ') })}
                      data-testid="conflict-flag"
                    >
                      !<span className="visually-hidden">{t('devices.conflict')}</span>
                    </span>
                  ) : null}
                </th>
                <td className="mono">{d.mac ?? t('common.none')}</td>
                <td title={vendorOf(d) ?? undefined}>{vendorOf(d) ?? <span className="muted">{t('devices.unknownVendor')}</span>}</td>
                <td title={d.model ?? undefined}>{d.model ?? t('common.none')}</td>
                <td title={d.name ?? undefined}>{d.name ?? t('common.none')}</td>
                <td>
                  <ProtocolBadges protocols={d.protocols} />
                </td>
                <td className="mono">{d.interfaces.join(', ') || t('common.none')}</td>
                <td>
                  <SubnetFlag device={d} />
                </td>
              </tr>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="dv-pad">
              <td colSpan={COLUMNS.length} style={{ height: padBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {devices.length === 0 ? <p className="muted dv-nomatch">{t('devices.table.noMatch')}</p> : null}
    </div>
  );
}
