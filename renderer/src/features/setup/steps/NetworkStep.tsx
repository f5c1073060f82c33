import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkPlan } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { CellInput } from '../components/CellInput';
import { assignAddresses, patchDevice, setNetworkAll, toDeviceInput, type IpPlanError } from '../model/draft';
import { useRun } from '../run-context';
import { ColumnHeads } from '../../../components/ColumnHeads';

const describe = (n: NetworkPlan) => (n.mode === 'static' ? n.cidr : '');

/** Static addresses (an IP plan for the batch, editable per camera) or DHCP, or leave as is. */
export function NetworkStep() {
  const { t } = useTranslation();
  const devices = useRun((s) => s.run.draft.devices);
  const busy = useRun((s) => s.busy);
  const update = useRun((s) => s.updateDevices);
  const [start, setStart] = useState('');
  const [prefix, setPrefix] = useState('24');
  const [gateway, setGateway] = useState('');
  const [formError, setFormError] = useState<IpPlanError | null>(null);
  const inputs = () => devices.map(toDeviceInput);

  const assign = () => {
    const r = assignAddresses(inputs(), { start, prefix, gateway });
    if ('error' in r) {
      setFormError(r.error);
      return;
    }
    setFormError(null);
    void update(r.devices);
  };
  const setOne = (mac: string, network: NetworkPlan) => void update(patchDevice(inputs(), mac, { network }));

  return (
    <div className="su-stack">
      <div className="su-actions" role="group" aria-label={t('setup.network.allLabel')}>
        <button type="button" className="btn" data-testid="setup-net-dhcp" disabled={busy} onClick={() => void update(setNetworkAll(inputs(), { mode: 'dhcp' }))}>
          {t('setup.network.allDhcp')}
        </button>
        <button type="button" className="btn" data-testid="setup-net-keep" disabled={busy} onClick={() => void update(setNetworkAll(inputs(), { mode: 'keep' }))}>
          {t('setup.network.allKeep')}
        </button>
      </div>
      <fieldset className="su-fieldset">
        <legend>{t('setup.network.planTitle')}</legend>
        <div className="su-form-row">
          <Field label={t('setup.network.start')}>
            <input className="input" data-testid="setup-ip-start" placeholder="198.51.100.21" value={start} onChange={(e) => setStart(e.target.value)} aria-invalid={formError === 'start' || formError === 'overflow'} />
          </Field>
          <Field label={t('setup.network.prefix')}>
            <input className="input su-narrow" data-testid="setup-ip-prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} aria-invalid={formError === 'prefix'} />
          </Field>
          <Field label={t('setup.network.gateway')}>
            <input className="input" data-testid="setup-ip-gateway" placeholder="198.51.100.1" value={gateway} onChange={(e) => setGateway(e.target.value)} aria-invalid={formError === 'gateway'} />
          </Field>
          <button type="button" className="btn su-align-end" data-testid="setup-ip-assign" disabled={busy || !devices.length} onClick={assign}>
            {t('setup.network.assign', { count: devices.length })}
          </button>
        </div>
        {formError ? <p className="field-error" role="alert">{t(`setup.network.error.${formError}`)}</p> : null}
      </fieldset>
      <table className="table su-table" data-testid="setup-net-table">
        <ColumnHeads columns={[t('setup.col.mac'), t('setup.col.current'), t('setup.col.mode'), t('setup.col.cidr'), t('setup.col.gateway')]} />
        <tbody>
          {devices.map((d) => (
            <tr key={d.mac} data-testid="setup-net-row" data-mac={d.mac} data-mode={d.network.mode} data-cidr={describe(d.network)}>
              <td className="mono">{d.mac}</td>
              <td className="mono">{d.currentIp ?? '—'}</td>
              <td>
                <select
                  aria-label={t('setup.network.modeFor', { mac: d.mac })}
                  value={d.network.mode}
                  disabled={busy}
                  onChange={(e) => {
                    const m = e.target.value;
                    setOne(d.mac, m === 'static' ? { mode: 'static', cidr: d.currentIp ? `${d.currentIp}/${d.currentPrefix ?? 24}` : '', gateway: null } : m === 'dhcp' ? { mode: 'dhcp' } : { mode: 'keep' });
                  }}
                >
                  <option value="keep">{t('setup.network.mode.keep')}</option>
                  <option value="dhcp">{t('setup.network.mode.dhcp')}</option>
                  <option value="static">{t('setup.network.mode.static')}</option>
                </select>
              </td>
              <td>
                {d.network.mode === 'static' ? (
                  <CellInput
                    label={t('setup.network.cidrFor', { mac: d.mac })}
                    value={d.network.cidr}
                    disabled={busy}
                    onCommit={(v) => setOne(d.mac, { mode: 'static', cidr: v.trim(), gateway: d.network.mode === 'static' ? d.network.gateway : null })}
                  />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {d.network.mode === 'static' ? (
                  <CellInput
                    label={t('setup.network.gatewayFor', { mac: d.mac })}
                    value={d.network.gateway ?? ''}
                    disabled={busy}
                    onCommit={(v) => setOne(d.mac, { mode: 'static', cidr: d.network.mode === 'static' ? d.network.cidr : '', gateway: v.trim() || null })}
                  />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('setup.network.note')}</p>
    </div>
  );
}
