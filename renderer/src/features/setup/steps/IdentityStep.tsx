import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { CellInput } from '../components/CellInput';
import { numberHostnames, orNull, patchDevice, toDeviceInput } from '../model/draft';
import { useRun } from '../run-context';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** Host name, and the ONVIF name and location scopes, per camera. */
export function IdentityStep() {
  const { t } = useTranslation();
  const devices = useRun((s) => s.run.draft.devices);
  const busy = useRun((s) => s.busy);
  const update = useRun((s) => s.updateDevices);
  const [prefix, setPrefix] = useState('cam');
  const inputs = () => devices.map(toDeviceInput);
  const set = (mac: string, field: 'hostname' | 'name' | 'location', v: string) => void update(patchDevice(inputs(), mac, { [field]: orNull(v.trim()) }));

  return (
    <div className="su-stack">
      <div className="su-form-row">
        <Field label={t('setup.identity.prefix')}>
          <input className="input" data-testid="setup-host-prefix" value={prefix} maxLength={50} onChange={(e) => setPrefix(e.target.value)} />
        </Field>
        <button type="button" className="btn su-align-end" data-testid="setup-host-number" disabled={busy || !devices.length} onClick={() => void update(numberHostnames(inputs(), prefix))}>
          {t('setup.identity.number')}
        </button>
      </div>
      <table className="table su-table" data-testid="setup-identity-table">
        <ColumnHeads columns={[t('setup.col.mac'), t('setup.col.hostname'), t('setup.col.name'), t('setup.col.location')]} />
        <tbody>
          {devices.map((d) => (
            <tr key={d.mac} data-testid="setup-identity-row" data-mac={d.mac}>
              <td className="mono">{d.mac}</td>
              <td>
                <CellInput testId="setup-hostname" label={t('setup.identity.hostnameFor', { mac: d.mac })} value={d.hostname ?? ''} placeholder={t('setup.identity.keep')} disabled={busy} onCommit={(v) => set(d.mac, 'hostname', v)} />
              </td>
              <td>
                <CellInput testId="setup-name" label={t('setup.identity.nameFor', { mac: d.mac })} value={d.name ?? ''} placeholder={t('setup.identity.keep')} disabled={busy} onCommit={(v) => set(d.mac, 'name', v)} />
              </td>
              <td>
                <CellInput testId="setup-location" label={t('setup.identity.locationFor', { mac: d.mac })} value={d.location ?? ''} placeholder={t('setup.identity.keep')} disabled={busy} onCommit={(v) => set(d.mac, 'location', v)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('setup.identity.note')}</p>
    </div>
  );
}
