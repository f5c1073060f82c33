import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetInterface } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';
import type { LaptopSubnet } from '../../devices/lan-map';
import { usableInterfaces, type FixError, type FixField } from '../model/fix-plan';
import type { FixRun } from '../network-slice';
import { MemberLabel } from './MemberLabel';

interface Props {
  fix: FixRun;
  interfaces: readonly NetInterface[];
  home: LaptopSubnet | null;
  errors: Partial<Record<FixField, FixError>>;
  password: string;
  setPassword(p: string): void;
  onSubmit(): void;
  /** Another change (the IP plan) is running. */
  blocked: boolean;
}

/** Which camera (when several share the address), the new settings, the login; Run. */
export function FixForm({ fix, interfaces, home, errors, password, setPassword, onSubmit, blocked }: Props) {
  const { t } = useTranslation();
  const setDraft = useApp((s) => s.netSetFixDraft);
  const suggest = useApp((s) => s.netSuggestAddress);
  const id = useId();
  const { draft, problem } = fix;
  const running = fix.status === 'running';
  const err = (f: FixField) =>
    errors[f] ? (
      <span className="field-error" id={`${id}-${f}-err`} data-testid={`fix-error-${f}`}>
        {t(`network.fix.errors.${errors[f]}`)}
      </span>
    ) : null;
  const described = (f: FixField, hint?: string) => [errors[f] ? `${id}-${f}-err` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const choices = problem.members.length > 1 ? problem.members : [];
  const fixedKeys = new Set(problem.fixed.map((f) => f.memberKey));
  return (
    <form
      className="net-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      aria-label={t('network.fix.form')}
      data-testid="fix-form"
    >
      {choices.length ? (
        <fieldset className="net-fieldset" disabled={running} aria-describedby={described('mac')}>
          <legend className="field-label">{t('network.fix.which')}</legend>
          {choices.map((m) => (
            <label key={`${m.mac ?? ''}-${m.deviceId ?? ''}`} className="net-radio">
              <input
                type="radio"
                name={`${id}-mac`}
                value={m.mac ?? ''}
                checked={m.mac !== null && draft.mac === m.mac}
                disabled={m.mac === null || fixedKeys.has(m.mac)}
                onChange={() => setDraft({ mac: m.mac })}
                data-testid={`fix-mac-${m.mac ?? 'unknown'}`}
              />
              <MemberLabel member={m} />
            </label>
          ))}
          <p className="muted small">{t('network.fix.whichHint', { ip: problem.ip })}</p>
          {err('mac')}
        </fieldset>
      ) : null}

      <div className="net-form-grid">
        <Field label={t('network.fix.iface')}>
          <select value={draft.iface} disabled={running} onChange={(e) => setDraft({ iface: e.currentTarget.value })} aria-describedby={described('iface')} data-testid="fix-iface">
            {draft.iface === '' ? <option value="">{t('common.none')}</option> : null}
            {usableInterfaces(interfaces).map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
                {i.addresses.some((a) => a.family === 'IPv4') ? ` (${i.addresses.filter((a) => a.family === 'IPv4').map((a) => a.cidr).join(', ')})` : ''}
              </option>
            ))}
          </select>
          {err('iface')}
        </Field>
        <Field label={t('network.fix.newIp')} className="net-field-ip">
          <input
            className="input mono"
            value={draft.newIp}
            disabled={running}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setDraft({ newIp: e.currentTarget.value })}
            aria-invalid={!!errors.newIp}
            aria-describedby={described('newIp', `${id}-suggest`)}
            data-testid="fix-new-ip"
          />
          {err('newIp')}
        </Field>
        <Field label={t('network.fix.prefix')} className="net-field-prefix">
          <input
            className="input mono"
            value={draft.prefix}
            disabled={running}
            inputMode="numeric"
            onChange={(e) => setDraft({ prefix: e.currentTarget.value })}
            aria-invalid={!!errors.prefix}
            aria-describedby={described('prefix')}
            data-testid="fix-prefix"
          />
          {err('prefix')}
        </Field>
        <Field label={t('network.fix.gateway')}>
          <input
            className="input mono"
            value={draft.gateway}
            disabled={running}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setDraft({ gateway: e.currentTarget.value })}
            aria-invalid={!!errors.gateway}
            aria-describedby={described('gateway')}
            data-testid="fix-gateway"
          />
          {err('gateway')}
        </Field>
      </div>
      <div className="net-suggest" id={`${id}-suggest`} aria-live="polite" data-testid="fix-suggest" data-status={fix.suggest.status}>
        <SuggestStatus fix={fix} home={home} />
        <button type="button" className="btn btn-small" disabled={running} onClick={() => void suggest(true)} data-testid="fix-suggest-another">
          {t('network.fix.suggest')}
        </button>
      </div>

      <div className="net-form-grid">
        <Field label={t('network.fix.username')}>
          <input
            className="input"
            value={draft.username}
            disabled={running}
            autoComplete="username"
            spellCheck={false}
            onChange={(e) => setDraft({ username: e.currentTarget.value })}
            aria-describedby={described('username')}
            data-testid="fix-username"
          />
          {err('username')}
        </Field>
        <Field label={t('network.fix.password')}>
          <input
            className="input"
            type="password"
            value={password}
            disabled={running}
            autoComplete="off"
            onChange={(e) => setPassword(e.currentTarget.value)}
            aria-describedby={`${id}-pw-hint`}
            data-testid="fix-password"
          />
          <span className="muted small" id={`${id}-pw-hint`}>
            {t('network.fix.passwordHint')}
          </span>
        </Field>
      </div>
      {/* Once verified there is nothing left to run: the result says so, and Close goes back to the list. */}
      {fix.status === 'done' ? null : (
        <div className="net-form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={running || blocked} data-testid="fix-run">
            {running ? t('network.fix.running') : fix.status === 'editing' ? t('network.fix.run') : t('network.fix.runAgain')}
          </button>
          {blocked ? <span className="muted small">{t('network.fix.blocked')}</span> : null}
        </div>
      )}
    </form>
  );
}

function SuggestStatus({ fix, home }: { fix: FixRun; home: LaptopSubnet | null }) {
  const { t } = useTranslation();
  const s = fix.suggest;
  switch (s.status) {
    case 'probing':
      return <span className="small muted">{t('network.fix.suggestProbing', { subnet: home?.cidr ?? '' })}</span>;
    case 'found':
      return <span className="small">{t('network.fix.suggestFound', { ip: s.ip ?? '' })}</span>;
    case 'none':
      return <span className="small">{t('network.fix.suggestNone', { tried: s.tried.join(', ') || t('common.none') })}</span>;
    case 'noSubnet':
      return <span className="small">{t('network.fix.suggestNoSubnet', { iface: fix.draft.iface || t('common.none') })}</span>;
    case 'error':
      return <span className="small field-error">{t('network.fix.suggestError', { message: s.error ?? '' })}</span>;
    default:
      return <span className="small muted">{t('network.fix.suggestIdle')}</span>;
  }
}
