import { useTranslation } from 'react-i18next';
import type { NetInterface } from '../../../../../src/contract';
import { useApp } from '../../../stores/context';
import type { LaptopSubnet } from '../../devices/lan-map';
import { defaultFixDraft } from '../model/fix-plan';
import { distinctMacs, type Problem } from '../model/problems';
import { MemberLabel } from './MemberLabel';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** The fix button that opened the panel gets focus back when the panel closes. */
export const fixButtonId = (p: Problem): string => `net-fix-${p.ip.replace(/\./g, '-')}`;

/** Every address that needs fixing, with what is wrong, who found it, and a Fix button. */
export function ProblemsSection({ problems, laptop, interfaces }: { problems: readonly Problem[]; laptop: readonly LaptopSubnet[]; interfaces: readonly NetInterface[] }) {
  const { t } = useTranslation();
  const openFix = useApp((s) => s.netOpenFix);
  const fixing = useApp((s) => s.network.fix);
  const navigate = useApp((s) => s.navigate);
  const running = useApp((s) => s.network.fix?.status === 'running' || s.network.plan.apply.status === 'running');
  const open = problems.filter((p) => p.open).length;
  return (
    <section className="card net-problems" aria-labelledby="net-problems-title" data-testid="net-problems">
      <div className="net-card-head">
        <div>
          <h2 className="card-title" id="net-problems-title">
            {t('network.problems.title')}
          </h2>
          <p className="muted small net-desc">{t('network.problems.description')}</p>
        </div>
        {problems.length ? (
          <span className={`badge ${open ? 'badge-warn' : 'badge-ok'}`} data-testid="net-problems-summary">
            {t('network.problems.summary', { open, fixed: problems.length - open })}
          </span>
        ) : null}
      </div>
      {problems.length === 0 ? (
        <div className="net-empty" data-testid="net-problems-empty">
          <p>
            <strong>{t('network.problems.empty')}</strong> <span className="muted">{t('network.problems.emptyHint')}</span>
          </p>
          <button type="button" className="btn btn-small" onClick={() => navigate('devices')}>
            {t('network.problems.goDevices')}
          </button>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table net-table">
            <ColumnHeads columns={[t('network.problems.columns.address'), t('network.problems.columns.problem'), t('network.problems.columns.devices'), t('network.problems.columns.foundBy'), t('network.problems.columns.status'), { hidden: t('network.problems.columns.action') }]} />
            <tbody>
              {problems.map((p) => {
                const selected = fixing?.problem.key === p.key;
                return (
                  <tr
                    key={p.key}
                    className={`${p.open ? '' : 'net-row-fixed'}${selected ? ' net-row-selected' : ''}`}
                    data-testid="problem-row"
                    data-ip={p.ip}
                    data-off-subnet={p.offSubnet}
                    data-conflict={p.conflict}
                    data-open={p.open}
                  >
                    <th scope="row" className="mono">
                      {p.ip}
                    </th>
                    <td>
                      <span className="net-badges">
                        {p.offSubnet ? <span className="badge badge-warn">{t('network.problems.kinds.offSubnet')}</span> : null}
                        {p.conflict ? <span className="badge net-badge-danger">{t('network.problems.kinds.conflict', { count: distinctMacs(p.members).length })}</span> : null}
                      </span>
                    </td>
                    <td>
                      <ul className="net-members">
                        {p.members.map((m) => (
                          <li key={`${m.mac ?? ''}-${m.deviceId ?? ''}`}>
                            <MemberLabel member={m} />
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className="net-badges">
                        {p.sources.map((s) => (
                          <span key={s} className="badge">
                            {t(`network.problems.sources.${s}`)}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td data-testid="problem-status">
                      {p.open ? (
                        <span className="badge badge-warn">{t('network.problems.status.open')}</span>
                      ) : (
                        <span className="badge badge-ok">{t('network.problems.status.fixed')}</span>
                      )}
                      {p.fixed.map((f) => (
                        <div key={f.memberKey} className="small mono net-fixed-note">
                          {t('network.problems.fixedTo', { mac: f.mac ?? '?', ip: f.to })}
                        </div>
                      ))}
                    </td>
                    <td className="net-action">
                      {p.open ? (
                        <button
                          type="button"
                          id={fixButtonId(p)}
                          className="btn btn-small btn-primary"
                          aria-label={t('network.problems.fixLabel', { ip: p.ip })}
                          aria-disabled={running}
                          aria-expanded={selected}
                          aria-controls={selected ? 'net-fix' : undefined}
                          onClick={running ? undefined : () => openFix(p, defaultFixDraft(p, interfaces, laptop))}
                          data-testid="problem-fix"
                        >
                          {t('network.problems.fix')}
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
    </section>
  );
}
