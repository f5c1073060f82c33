import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { Icon } from '../../../components/Icon';
import { useApp } from '../../../stores/context';
import { useAlarmFormat } from './use-format';
import { ColumnHeads } from '../../../components/ColumnHeads';

const PAGE = 200;
const GAPS_SHOWN = 6;

/** Records missing in a device's op_id runs. */
const missingOf = (gaps: [number, number][]) => gaps.reduce((n, [a, b]) => n + (b - a + 1), 0);

/** Per device: the last op_id received and the runs of op_ids never received (gaps). */
export function SyncStateView({ onDevice }: { onDevice(device: string): void }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const sync = useApp((s) => s.alarms.sync);
  const reload = useApp((s) => s.loadAlarmSync);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return sync.rows.filter((r) => (!onlyGaps || r.gaps.length > 0) && (!q || r.device.toLowerCase().includes(q)));
  }, [sync.rows, onlyGaps, query]);
  const withGaps = sync.rows.filter((r) => r.gaps.length > 0).length;
  const missing = sync.rows.reduce((n, r) => n + missingOf(r.gaps), 0);

  return (
    <section className="card stack" aria-labelledby="sync-title" aria-busy={sync.status === 'loading'} data-testid="alarm-sync">
      <div className="alarm-toolbar">
        <h2 className="card-title" id="sync-title" style={{ margin: 0 }}>
          {t('alarms.sync.title')}
        </h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => void reload()} aria-disabled={sync.status === 'loading'}>
          <Icon name="refresh" />
          {sync.status === 'loading' ? t('common.refreshing') : t('common.refresh')}
        </button>
      </div>
      <p className="muted">{t('alarms.sync.hint')}</p>
      {sync.error ? (
        <div className="notice notice-error" role="alert">
          {t('alarms.sync.error', { message: sync.error })}
        </div>
      ) : null}
      <p role="status" data-testid="sync-summary">
        {t('alarms.sync.summary', { devices: fmt.count(sync.rows.length), withGaps: fmt.count(withGaps), missing: fmt.count(missing) })}
      </p>
      <div className="alarm-toolbar">
        <Field label={t('alarms.sync.search')}>
          <input className="input" type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        </Field>
        <label className="check-field">
          <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.currentTarget.checked)} data-testid="sync-only-gaps" />
          {t('alarms.sync.onlyGaps')}
        </label>
      </div>
      {sync.status === 'ready' && rows.length === 0 ? (
        <p className="muted">{t('alarms.sync.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="sync-table">
            <ColumnHeads columns={[t('alarms.sync.columns.device'), t('alarms.sync.columns.lastOpId'), t('alarms.sync.columns.records'), t('alarms.sync.columns.duplicates'), t('alarms.sync.columns.missing'), t('alarms.sync.columns.gaps')]} />
            <tbody>
              {rows.slice(0, shown).map((r) => (
                <tr key={r.device} data-testid="sync-row" data-device={r.device} data-gaps={r.gaps.length}>
                  <th scope="row">
                    <button type="button" className="sort-button" onClick={() => onDevice(r.device)} title={t('alarms.sync.showAlarms', { device: r.device })}>
                      {r.device}
                    </button>
                  </th>
                  <td className="mono">{r.lastOpId ?? t('common.none')}</td>
                  <td className="mono">{fmt.count(r.records)}</td>
                  <td className="mono">{fmt.count(r.duplicates)}</td>
                  <td className="mono">{r.gaps.length ? fmt.count(missingOf(r.gaps)) : t('alarms.sync.noGaps')}</td>
                  <td>
                    {r.lastOpId === null ? (
                      <span className="muted">{t('alarms.sync.unnumbered')}</span>
                    ) : r.gaps.length === 0 ? (
                      <span className="badge badge-ok">{t('alarms.sync.complete')}</span>
                    ) : (
                      <ul className="gap-list" aria-label={t('alarms.sync.columns.gaps')}>
                        {r.gaps.slice(0, GAPS_SHOWN).map(([a, b]) => (
                          <li key={a} className="mono">
                            {a === b ? String(a) : t('alarms.sync.range', { from: a, to: b })}
                          </li>
                        ))}
                        {r.gaps.length > GAPS_SHOWN ? <li>{t('alarms.sync.more', { count: r.gaps.length - GAPS_SHOWN })}</li> : null}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > shown ? (
        <button type="button" className="btn btn-small" onClick={() => setShown((n) => n + PAGE)}>
          {t('alarms.sync.showMore', { count: Math.min(PAGE, rows.length - shown) })}
        </button>
      ) : null}
    </section>
  );
}
