import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetInterface } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';
import { seconds } from '../../devices/format';
import type { LaptopSubnet } from '../../devices/lan-map';
import { isIpv4 } from '../model/addresses';
import { usableInterfaces } from '../model/fix-plan';
import { ColumnHeads } from '../../../components/ColumnHeads';

const CIDR_RE = /^\s*(\d{1,3}(?:\.\d{1,3}){3})\s*\/\s*(\d{1,2})\s*$/;

/** True for "a.b.c.d/p" with p from 20 to 32 (the core sweeps at most a /20). */
export function sweepCidrValid(s: string): boolean {
  const m = CIDR_RE.exec(s);
  return !!m && isIpv4(m[1]!) && Number(m[2]) >= 20 && Number(m[2]) <= 32;
}

/** ARP sweep of a range on one NIC: progress while it runs, every answer after, conflicts first and highlighted. */
export function SweepCard({ laptop, interfaces }: { laptop: readonly LaptopSubnet[]; interfaces: readonly NetInterface[] }) {
  const { t } = useTranslation();
  const id = useId();
  const sweep = useApp((s) => s.network.sweep);
  const setSweep = useApp((s) => s.netSetSweep);
  const start = useApp((s) => s.netSweep);
  const running = sweep.status === 'running';
  const valid = sweepCidrValid(sweep.cidr);
  const first = laptop[0];

  // The laptop's first subnet is the natural first sweep; fill it in once the interfaces are known.
  useEffect(() => {
    if (sweep.cidr === '' && first) setSweep({ cidr: first.cidr, iface: first.iface });
  }, [sweep.cidr, first, setSweep]);

  const r = sweep.result;
  const hosts = r ? [...r.conflicts, ...r.hosts.filter((h) => h.macs.length < 2)] : [];
  const pct = sweep.progress ? Math.round((sweep.progress.done / Math.max(1, sweep.progress.total)) * 100) : 0;
  return (
    <section className="card net-sweep" aria-labelledby="net-sweep-title" data-testid="net-sweep" data-state={sweep.status}>
      <h2 className="card-title" id="net-sweep-title">
        {t('network.sweep.title')}
      </h2>
      <p className="muted small net-desc">{t('network.sweep.description')}</p>
      <form
        className="net-sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !running) void start();
        }}
      >
        <Field label={t('network.sweep.cidr')}>
          <input
            className="input mono"
            value={sweep.cidr}
            disabled={running}
            spellCheck={false}
            autoComplete="off"
            placeholder="192.168.1.0/24"
            onChange={(e) => setSweep({ cidr: e.currentTarget.value })}
            aria-invalid={sweep.cidr !== '' && !valid}
            aria-describedby={`${id}-hint`}
            data-testid="sweep-cidr"
          />
          <span className={sweep.cidr !== '' && !valid ? 'field-error' : 'muted small'} id={`${id}-hint`}>
            {sweep.cidr !== '' && !valid ? t('network.sweep.invalidCidr') : t('network.sweep.cidrHint')}
          </span>
        </Field>
        <Field label={t('network.sweep.iface')}>
          <select value={sweep.iface} disabled={running} onChange={(e) => setSweep({ iface: e.currentTarget.value })} data-testid="sweep-iface">
            <option value="">{t('network.sweep.auto')}</option>
            {usableInterfaces(interfaces).map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="btn btn-primary" aria-disabled={running || !valid} data-testid="sweep-start">
          {running ? t('network.sweep.running') : t('network.sweep.start')}
        </button>
      </form>
      {running ? (
        <div className="net-progress-wrap" data-testid="sweep-progress">
          <div className="net-progress" role="progressbar" aria-label={t('network.sweep.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <div className="net-progress-bar" style={{ width: `${pct}%` }} />
          </div>
          <p className="small" aria-live="polite">
            {sweep.progress ? t('network.sweep.progress', sweep.progress) : t('network.sweep.starting')}
          </p>
        </div>
      ) : null}
      {sweep.status === 'error' ? (
        <div className="notice notice-error" role="alert" data-testid="sweep-error">
          {t('network.sweep.failed', { message: sweep.error ?? '' })}
        </div>
      ) : null}
      {r && !running ? (
        <>
          <p className="small" role="status" data-testid="sweep-summary">
            {t('network.sweep.summary', { hosts: r.hosts.length, cidr: r.cidr, iface: r.iface, seconds: seconds(r.elapsedMs), conflicts: r.conflicts.length })}
          </p>
          {hosts.length === 0 ? (
            <p className="muted">{t('network.sweep.noHosts')}</p>
          ) : (
            <div className="table-wrap net-scroll" tabIndex={0} role="region" aria-label={t('network.sweep.resultsLabel')}>
              <table className="table net-table" data-testid="sweep-results">
                <ColumnHeads columns={[t('network.sweep.columns.ip'), t('network.sweep.columns.macs'), t('network.sweep.columns.state')]} />
                <tbody>
                  {hosts.map((h) => {
                    const conflict = h.macs.length > 1;
                    return (
                      <tr key={h.ip} className={conflict ? 'net-row-conflict' : undefined} data-testid="sweep-host" data-ip={h.ip} data-conflict={conflict}>
                        <th scope="row" className="mono">
                          {h.ip}
                        </th>
                        <td className="mono">{h.macs.join(', ')}</td>
                        <td>
                          {conflict ? (
                            <span className="badge net-badge-danger">{t('network.sweep.conflict', { count: h.macs.length })}</span>
                          ) : (
                            <span className="badge">{t('network.sweep.single')}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
