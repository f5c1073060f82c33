import { useTranslation } from 'react-i18next';
import type { PtzPlan } from '../../../../../src/contract';
import { Options } from '../../../components/Options';
import { patchDevice, setPtzAll, toDeviceInput } from '../model/draft';
import { useRun } from '../run-context';
import { ColumnHeads } from '../../../components/ColumnHeads';

const PLANS: PtzPlan[] = ['auto', 'require', 'skip'];

/** Whether apply exercises PTZ (move, set and recall a preset, verify the position). */
export function PtzStep() {
  const { t } = useTranslation();
  const devices = useRun((s) => s.run.draft.devices);
  const busy = useRun((s) => s.busy);
  const update = useRun((s) => s.updateDevices);
  const inputs = () => devices.map(toDeviceInput);
  return (
    <div className="su-stack">
      <div className="su-actions" role="group" aria-label={t('setup.ptz.allLabel')}>
        {PLANS.map((p) => (
          <button key={p} type="button" className="btn" disabled={busy} data-testid={`setup-ptz-all-${p}`} onClick={() => void update(setPtzAll(inputs(), p))}>
            {t(`setup.ptz.all.${p}`)}
          </button>
        ))}
      </div>
      <table className="table su-table">
        <ColumnHeads columns={[t('setup.col.mac'), t('setup.col.label'), t('setup.col.ptz')]} />
        <tbody>
          {devices.map((d) => (
            <tr key={d.mac}>
              <td className="mono">{d.mac}</td>
              <td>{d.label ?? d.hostname ?? ''}</td>
              <td>
                <select aria-label={t('setup.ptz.for', { mac: d.mac })} value={d.ptz} disabled={busy} onChange={(e) => void update(patchDevice(inputs(), d.mac, { ptz: e.target.value as PtzPlan }))}>
                  <Options values={PLANS} label={(p) => t(`setup.ptz.plan.${p}`)} />
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('setup.ptz.note')}</p>
    </div>
  );
}
