import { useTranslation } from 'react-i18next';
import type { SkipReason } from '../model/ip-plan';
import type { PlanState } from '../network-slice';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** Why a pool address was skipped, in the UI language. */
function SkipText({ reason }: { reason: SkipReason }) {
  const { t } = useTranslation();
  switch (reason.kind) {
    case 'device':
      return <>{t('network.ipPlan.skip.device', { label: reason.label })}</>;
    case 'sweep':
      return <>{t('network.ipPlan.skip.sweep', { macs: reason.macs.join(', ') })}</>;
    case 'probe':
      return <>{t('network.ipPlan.skip.probe', { macs: reason.macs.join(', ') || '?' })}</>;
    default:
      return <>{t(`network.ipPlan.skip.${reason.kind}`)}</>;
  }
}

/** The plan as it will run: device, current address, new address; skipped addresses and why. */
export function PlanPreviewView({ preview, onApply, blocked }: { preview: NonNullable<PlanState['preview']>; onApply(): void; blocked: boolean }) {
  const { t } = useTranslation();
  const runnable = preview.rows.some((r) => r.to !== null);
  return (
    <div className="net-plan-preview" data-testid="plan-preview-result">
      <h3 className="net-h3">{t('network.ipPlan.previewTitle')}</h3>
      <div className="table-wrap">
        <table className="table net-table">
          <ColumnHeads columns={[t('network.ipPlan.columns.device'), t('network.ipPlan.columns.mac'), t('network.ipPlan.columns.current'), t('network.ipPlan.columns.new')]} />
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.device.id} data-testid="plan-row" data-from={r.device.ip} data-to={r.to ?? ''}>
                <th scope="row">{r.device.label}</th>
                <td className="mono">{r.device.mac ?? t('network.problems.unknownMac')}</td>
                <td className="mono">{r.device.ip}</td>
                <td className="mono">{r.to ? `${r.to}/${preview.prefix}` : <span className="field-error">{t('network.ipPlan.noAddress')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.short ? <p className="field-error">{t('network.ipPlan.short', { count: preview.short })}</p> : null}
      {preview.skipped.length ? (
        <details className="net-details" data-testid="plan-skipped">
          <summary>{t('network.ipPlan.skippedTitle', { count: preview.skipped.length })}</summary>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.ip} data-ip={s.ip} data-reason={s.reason.kind}>
                <span className="mono">{s.ip}</span> — <SkipText reason={s.reason} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="muted small">{t('network.ipPlan.applyHint', { iface: preview.iface, gateway: preview.gateway ?? t('common.none') })}</p>
      <button type="button" className="btn btn-primary" aria-disabled={!runnable || blocked} onClick={runnable && !blocked ? onApply : undefined} data-testid="plan-apply">
        {t('network.ipPlan.apply')}
      </button>
    </div>
  );
}
