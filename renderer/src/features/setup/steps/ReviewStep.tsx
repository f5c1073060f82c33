import { useTranslation } from 'react-i18next';
import { Problems } from '../components/Problems';
import { Tx } from '../components/Tx';
import { changeField, changeFrom, changeTo } from '../model/text';
import { useRun } from '../run-context';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** The plan, device by device: every change apply will make (nothing is sent yet). */
export function ReviewStep() {
  const { t } = useTranslation();
  const plan = useRun((s) => s.plan);
  const status = useRun((s) => s.planStatus);
  const devices = useRun((s) => s.run.draft.devices);
  const runState = useRun((s) => s.run.state);
  const applyStatus = useRun((s) => s.applyState.status);
  const startApply = useRun((s) => s.apply);
  const back = useRun((s) => s.back);
  const labels = new Map(devices.map((d) => [d.mac, d.hostname ?? d.label ?? d.currentIp ?? '']));

  if (status === 'loading' || !plan) return <p className="muted" aria-busy="true">{t('setup.review.loading')}</p>;
  const ready = plan.problems.length === 0;
  return (
    <div className="su-stack" data-testid="setup-review">
      <Problems problems={plan.problems} testId="setup-review-problems" />
      {plan.devices.map((d) => (
        <section key={d.mac} className="su-plan-device" data-testid="setup-plan-device" data-mac={d.mac} data-steps={d.steps.join(' ')} aria-label={d.mac}>
          <h3 className="su-h3">
            <span className="mono">{d.mac}</span> <span className="muted">{labels.get(d.mac)}</span>
          </h3>
          {d.changes.length ? (
            <table className="table su-table">
              <ColumnHeads columns={[t('setup.col.step'), t('setup.col.field'), t('setup.col.from'), t('setup.col.to')]} />
              <tbody>
                {d.changes.map((c, i) => (
                  <tr key={i} data-testid="setup-change" data-step={c.step} data-field={c.field} data-to={c.to} data-field-code={c.fieldCode} data-to-code={c.toCode} data-from-code={c.fromCode ?? undefined}>
                    <td>{t(`setup.applyStep.${c.step}`)}</td>
                    <td><Tx text={changeField(c)} /></td>
                    <td className="muted">{changeFrom(c) ? <Tx text={changeFrom(c)!} /> : t('setup.review.readAtApply')}</td>
                    <td>
                      <span className={c.action === 'check' ? 'badge badge-kind' : 'badge badge-ok'}>{t(`setup.review.action.${c.action}`)}</span> <Tx text={changeTo(c)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('setup.review.nothing')}</p>
          )}
        </section>
      ))}
      {runState === 'draft' ? (
        <div className="su-nav">
          <button type="button" className="btn" onClick={back}>
            {t('setup.back')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="setup-apply" disabled={!ready || applyStatus === 'running'} onClick={() => void startApply()}>
            {t('setup.review.apply', { count: plan.devices.length })}
          </button>
        </div>
      ) : null}
    </div>
  );
}
