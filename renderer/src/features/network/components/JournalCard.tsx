import { useTranslation } from 'react-i18next';
import type { NetJournalEntry } from '../../../../../src/contract';
import { useApp } from '../../../stores/context';
import { formatDateTime } from '../../devices/format';
import { ColumnHeads } from '../../../components/ColumnHeads';

const STATE_BADGE = { pending: 'badge-warn', applied: 'badge-warn', reverted: 'badge-ok', failed: 'net-badge-danger' } as const;

/** What a journal row changed, in the UI language. */
function ChangeText({ entry }: { entry: NetJournalEntry }) {
  const { t } = useTranslation();
  const c = entry.change;
  return c.kind === 'address' ? <>{t('network.journal.change.address', { cidr: c.cidr, iface: c.iface })}</> : <>{t('network.journal.change.neighbour', { ip: c.ip, mac: c.mac, iface: c.iface })}</>;
}

/** The undo journal of laptop changes, newest first, with Undo all and per-alias removal. */
export function JournalCard() {
  const { t, i18n } = useTranslation();
  const journal = useApp((s) => s.network.journal);
  const revertAll = useApp((s) => s.netRevertJournal);
  const removeAlias = useApp((s) => s.netRemoveAlias);
  const running = useApp((s) => s.network.fix?.status === 'running' || s.network.plan.apply.status === 'running');
  const locked = journal.busy || running;
  return (
    <section className="card net-journal" aria-labelledby="net-journal-title" aria-busy={journal.busy} data-testid="net-journal" data-outstanding={journal.outstanding}>
      <div className="net-card-head">
        <div>
          <h2 className="card-title" id="net-journal-title">
            {t('network.journal.title')}
          </h2>
          <p className="muted small net-desc">{t('network.journal.description')}</p>
        </div>
        <div className="net-journal-actions">
          <span className={`badge ${journal.outstanding ? 'badge-warn' : 'badge-ok'}`} data-testid="journal-outstanding">
            {journal.outstanding ? t('network.journal.outstanding', { count: journal.outstanding }) : t('network.journal.clean')}
          </span>
          <button type="button" className="btn btn-small" onClick={locked || !journal.outstanding ? undefined : () => void revertAll()} aria-disabled={locked || !journal.outstanding} data-testid="journal-revert">
            {journal.busy ? t('network.journal.reverting') : t('network.journal.revertAll')}
          </button>
        </div>
      </div>
      {journal.error ? (
        <div className="notice notice-error" role="alert">
          {t('network.journal.failed', { message: journal.error })}
        </div>
      ) : null}
      {journal.lastRevert ? (
        <div className="small" role="status" data-testid="journal-last-revert">
          {t('network.journal.reverted', { count: journal.lastRevert.reverted })}
          {journal.lastRevert.failed.map((f) => (
            <p key={f.id} className="field-error" lang="en">
              {t('network.journal.revertFailed', { id: f.id, error: f.error })}
            </p>
          ))}
        </div>
      ) : null}
      {journal.entries.length === 0 ? (
        <p className="muted">{journal.status === 'loading' ? t('common.loading') : t('network.journal.empty')}</p>
      ) : (
        <div className="table-wrap net-scroll" tabIndex={0} role="region" aria-label={t('network.journal.title')}>
          <table className="table net-table" data-testid="journal-table">
            <ColumnHeads columns={[t('network.journal.columns.time'), t('network.journal.columns.change'), t('network.journal.columns.reason'), t('network.journal.columns.state'), { hidden: t('network.journal.columns.action') }]} />
            <tbody>
              {journal.entries.map((e) => {
                const inPlace = e.state === 'applied' || e.state === 'pending';
                return (
                  <tr key={e.id} data-testid="journal-row" data-kind={e.change.kind} data-state={e.state}>
                    <td className="mono small">{formatDateTime(e.createdAt, i18n.language)}</td>
                    <td className="mono">
                      <ChangeText entry={e} />
                    </td>
                    <td>
                      <span lang="en">{e.reason}</span>
                      {e.autoRevert ? null : <span className="badge net-badge-quiet">{t('network.journal.manual')}</span>}
                      {e.error ? (
                        <span className="field-error" lang="en">
                          {' '}
                          {e.error}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <span className={`badge ${STATE_BADGE[e.state]}`}>{t(`network.journal.states.${e.state}`)}</span>
                    </td>
                    <td>
                      {inPlace && e.change.kind === 'address' ? (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-disabled={locked}
                          aria-label={t('network.journal.removeLabel', { cidr: e.change.cidr, iface: e.change.iface })}
                          onClick={locked ? undefined : () => void removeAlias(e)}
                          data-testid="journal-remove"
                        >
                          {t('network.journal.remove')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">{t('network.journal.reasonNote')}</p>
    </section>
  );
}
