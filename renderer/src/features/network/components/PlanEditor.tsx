import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetInterface } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';
import type { LaptopSubnet } from '../../devices/lan-map';
import { parseAddressPool } from '../model/addresses';
import { subnetOn, usableInterfaces } from '../model/fix-plan';
import { orderPlanDevices, planDeviceOf, planFormErrors, type PlanDevice } from '../model/ip-plan';
import { PlanApplyView } from './PlanApplyView';
import { PlanPreviewView } from './PlanPreviewView';

/** The IP plan: pick devices, give a range or list, preview (probed), apply one device at a time. */
export function PlanEditor({ laptop, interfaces }: { laptop: readonly LaptopSubnet[]; interfaces: readonly NetInterface[] }) {
  const { t } = useTranslation();
  const id = useId();
  const byId = useApp((s) => s.devices.byId);
  const plan = useApp((s) => s.network.plan);
  const setPlan = useApp((s) => s.netSetPlan);
  const toggle = useApp((s) => s.netTogglePlanDevice);
  const preview = useApp((s) => s.netPlanPreview);
  const apply = useApp((s) => s.netPlanApply);
  const stop = useApp((s) => s.netPlanStop);
  const fixRunning = useApp((s) => s.network.fix?.status === 'running');
  // As in the Fix flow, the password stays in its field.
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);

  const candidates = useMemo(
    () => orderPlanDevices(Object.values(byId).map(planDeviceOf).filter((d): d is PlanDevice => d !== null)),
    [byId],
  );
  const first = laptop[0];
  // Start from the laptop's first subnet: its NIC and prefix.
  useEffect(() => {
    if (plan.iface === '' && first) setPlan({ iface: first.iface, prefix: String(first.prefix) });
  }, [plan.iface, first, setPlan]);

  const applying = plan.apply.status === 'running';
  const pool = parseAddressPool(plan.pool);
  const selected = new Set(plan.selected);
  const errors = planFormErrors({
    deviceCount: candidates.filter((d) => selected.has(d.id)).length,
    pool: pool.ok ? pool.addresses : null,
    prefix: plan.prefix,
    gateway: plan.gateway,
    iface: plan.iface,
    username: plan.username,
  });
  const poolError = !pool.ok && (plan.pool.trim() !== '' || tried) ? pool : null;
  const shownErrors = tried ? errors.filter((e) => e !== 'noPool' || !poolError) : [];
  const probing = plan.previewStatus === 'probing';
  const locked = applying || probing;
  const home = subnetOn(laptop, plan.iface);

  return (
    <section className="card net-plan-editor" aria-labelledby="net-plan-title" data-testid="net-plan">
      <h2 className="card-title" id="net-plan-title">
        {t('network.ipPlan.title')}
      </h2>
      <p className="muted small net-desc">{t('network.ipPlan.description')}</p>
      <div className="net-plan-grid">
        <fieldset className="net-fieldset" disabled={locked}>
          <legend className="field-label">{t('network.ipPlan.devices', { selected: selected.size, total: candidates.length })}</legend>
          {candidates.length === 0 ? (
            <p className="muted small">{t('network.ipPlan.noDevices')}</p>
          ) : (
            <>
              <div className="net-plan-select">
                <button type="button" className="btn btn-small" onClick={() => candidates.forEach((d) => toggle(d.id, true))} data-testid="plan-select-all">
                  {t('network.ipPlan.selectAll')}
                </button>
                <button type="button" className="btn btn-small" onClick={() => candidates.forEach((d) => toggle(d.id, false))}>
                  {t('network.ipPlan.selectNone')}
                </button>
              </div>
              <ul className="net-device-list" data-testid="plan-devices">
                {candidates.map((d) => (
                  <li key={d.id}>
                    <label className="net-check">
                      <input type="checkbox" checked={selected.has(d.id)} onChange={(e) => toggle(d.id, e.currentTarget.checked)} data-testid="plan-device" data-ip={d.ip} data-mac={d.mac ?? ''} />
                      <span className="mono">{d.ip}</span>
                      <span className="mono muted small">{d.mac ?? t('network.problems.unknownMac')}</span>
                      <span className="net-ellipsis">{d.label}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
        <form
          className="net-form"
          aria-label={t('network.ipPlan.form')}
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!errors.length && !locked) void preview();
          }}
        >
          <Field label={t('network.ipPlan.pool')}>
            <textarea
              className="input net-textarea mono"
              value={plan.pool}
              disabled={locked}
              rows={2}
              spellCheck={false}
              placeholder={t('network.ipPlan.poolPlaceholder')}
              onChange={(e) => setPlan({ pool: e.currentTarget.value })}
              aria-invalid={!!poolError}
              aria-describedby={`${id}-pool`}
              data-testid="plan-pool"
            />
            <span className={poolError ? 'field-error' : 'muted small'} id={`${id}-pool`} data-testid="plan-pool-hint">
              {poolError
                ? poolError.error === 'empty'
                  ? t('network.ipPlan.poolErrors.empty')
                  : poolError.error === 'tooMany'
                    ? t('network.ipPlan.poolErrors.tooMany', { count: poolError.count })
                    : t(`network.ipPlan.poolErrors.${poolError.error}`, { token: poolError.token })
                : pool.ok
                  ? t('network.ipPlan.poolCount', { count: pool.addresses.length })
                  : t('network.ipPlan.poolHint')}
            </span>
          </Field>
          <div className="net-form-grid">
            <Field label={t('network.fix.iface')}>
              <select value={plan.iface} disabled={locked} onChange={(e) => setPlan({ iface: e.currentTarget.value })} data-testid="plan-iface">
                {plan.iface === '' ? <option value="">{t('common.none')}</option> : null}
                {usableInterfaces(interfaces).map((i) => (
                  <option key={i.name} value={i.name}>
                    {i.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('network.fix.prefix')} className="net-field-prefix">
              <input className="input mono" value={plan.prefix} disabled={locked} inputMode="numeric" placeholder={home ? String(home.prefix) : '24'} onChange={(e) => setPlan({ prefix: e.currentTarget.value })} data-testid="plan-prefix" />
            </Field>
            <Field label={t('network.fix.gateway')}>
              <input className="input mono" value={plan.gateway} disabled={locked} spellCheck={false} autoComplete="off" onChange={(e) => setPlan({ gateway: e.currentTarget.value })} data-testid="plan-gateway" />
            </Field>
          </div>
          <div className="net-form-grid">
            <Field label={t('network.fix.username')}>
              <input className="input" value={plan.username} disabled={locked} autoComplete="username" spellCheck={false} onChange={(e) => setPlan({ username: e.currentTarget.value })} data-testid="plan-username" />
            </Field>
            <Field label={t('network.fix.password')}>
              <input className="input" type="password" value={password} disabled={applying} autoComplete="off" onChange={(e) => setPassword(e.currentTarget.value)} data-testid="plan-password" />
              <span className="muted small">{t('network.ipPlan.passwordHint')}</span>
            </Field>
          </div>
          {shownErrors.length ? (
            <ul className="net-errors" data-testid="plan-errors">
              {shownErrors.map((e) => (
                <li key={e} className="field-error">
                  {t(`network.ipPlan.errors.${e}`)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="net-form-actions">
            <button type="submit" className="btn" aria-disabled={locked} data-testid="plan-preview">
              {probing ? t('network.ipPlan.checking') : t('network.ipPlan.preview')}
            </button>
            {plan.probing && probing ? (
              <span className="small muted" aria-live="polite">
                {t('network.ipPlan.probing', plan.probing)}
              </span>
            ) : null}
          </div>
        </form>
      </div>
      {plan.previewStatus === 'error' ? (
        <div className="notice notice-error" role="alert">
          {t('network.ipPlan.previewError', { message: plan.previewError ?? '' })}
        </div>
      ) : null}
      {plan.preview ? (
        <PlanPreviewView
          preview={plan.preview}
          onApply={() => void apply(password)}
          blocked={fixRunning}
        />
      ) : null}
      {plan.apply.rows.length ? <PlanApplyView apply={plan.apply} onStop={stop} /> : null}
    </section>
  );
}
