import { useId, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { useApp } from '../../stores/context';
import {
  addressRange,
  DEFAULT_PORTS,
  draftKind,
  NETWORK_PROTOCOLS,
  PTZ_BAUDS,
  SERIAL_PROTOCOLS,
  type DraftField,
  type FieldError,
  type LinkKind,
  type NetworkProtocol,
  type SerialProtocol,
} from './target-form';

/** The error under a field, translated; `id` ties it to the input with aria-describedby. */
function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {t(`ptz.form.errors.${error.key}`, { min: error.min, max: error.max })}
    </p>
  );
}

/**
 * Where the camera is: a serial port (listed by the OS, or any path typed in: USB adapters the
 * OS does not list, ptys) with baud, protocol and address; or a host and port on the network.
 */
export function ConnectionForm() {
  const { t } = useTranslation();
  const uid = useId();
  const draft = useApp((s) => s.ptz.draft);
  const errors = useApp((s) => s.ptz.formErrors);
  const connecting = useApp((s) => s.ptz.connecting);
  const ports = useApp((s) => s.ptz.ports);
  const portsStatus = useApp((s) => s.ptz.portsStatus);
  const setDraft = useApp((s) => s.ptzSetDraft);
  const refreshPorts = useApp((s) => s.ptzRefreshPorts);
  const connect = useApp((s) => s.ptzConnect);
  const kind = draftKind(draft);
  const range = addressRange(kind);
  const ids = (f: DraftField) => ({ input: `${uid}-${f}`, error: `${uid}-${f}-error` });
  const described = (f: DraftField) => (errors[f] ? ids(f).error : undefined);

  /** A typed draft field: caption, input (its class and extra attributes in `input`), an optional hint, and the field's error. */
  const textField = (f: 'host' | 'port' | 'address', label: string, testId: string, input: InputHTMLAttributes<HTMLInputElement>, hint?: ReactNode) => {
    const hintId = hint ? `${uid}-${f}-hint` : undefined;
    return (
      <div className="field">
        <label className="field-label" htmlFor={ids(f).input}>
          {label}
        </label>
        <input
          id={ids(f).input}
          value={draft[f]}
          onChange={(e) => setDraft({ [f]: e.target.value })}
          aria-invalid={!!errors[f]}
          aria-describedby={[described(f), hintId].filter(Boolean).join(' ') || undefined}
          data-testid={testId}
          {...input}
        />
        {hint ? (
          <p className="muted small" id={hintId}>
            {hint}
          </p>
        ) : null}
        <FieldMessage id={ids(f).error} error={errors[f]} />
      </div>
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!connecting) void connect();
  };

  return (
    <form className="ptz-form" onSubmit={submit} noValidate data-testid="ptz-connect-form" aria-labelledby={`${uid}-title`}>
      <h2 className="card-title" id={`${uid}-title`}>
        {t('ptz.form.title')}
      </h2>
      <fieldset className="ptz-link-choice">
        <legend className="field-label">{t('ptz.form.link')}</legend>
        {(['serial', 'network'] as LinkKind[]).map((l) => (
          <label key={l} className="ptz-radio">
            <input type="radio" name={`${uid}-link`} value={l} checked={draft.link === l} onChange={() => setDraft({ link: l })} data-testid={`ptz-link-${l}`} />
            {t(`ptz.form.links.${l}`)}
          </label>
        ))}
      </fieldset>

      {draft.link === 'serial' ? (
        <div className="ptz-form-grid">
          <div className="field ptz-field-wide">
            <label className="field-label" htmlFor={ids('path').input}>
              {t('ptz.form.port')}
            </label>
            <div className="ptz-inline">
              <input
                id={ids('path').input}
                className="input mono"
                list={`${uid}-ports`}
                value={draft.path}
                onChange={(e) => setDraft({ path: e.target.value })}
                placeholder={t('ptz.form.portPlaceholder')}
                aria-invalid={!!errors.path}
                aria-describedby={[described('path'), `${uid}-port-hint`].filter(Boolean).join(' ')}
                autoComplete="off"
                spellCheck={false}
                data-testid="ptz-path"
              />
              <datalist id={`${uid}-ports`}>
                {ports.map((p) => (
                  <option key={p.path} value={p.path}>
                    {p.friendlyName ?? p.manufacturer ?? ''}
                  </option>
                ))}
              </datalist>
              <button
                type="button"
                className="btn"
                aria-disabled={portsStatus === 'loading'}
                onClick={portsStatus === 'loading' ? undefined : () => void refreshPorts()}
                data-testid="ptz-refresh-ports"
              >
                {t('ptz.form.refreshPorts')}
              </button>
            </div>
            <p className="muted small" id={`${uid}-port-hint`} data-testid="ptz-ports-hint">
              {ports.length ? t('ptz.form.portsListed', { count: ports.length }) : t('ptz.form.portsNone')}
            </p>
            <FieldMessage id={ids('path').error} error={errors.path} />
          </div>
          <Field label={t('ptz.form.protocol')}>
            <select value={draft.serialProtocol} onChange={(e) => setDraft({ serialProtocol: e.target.value as SerialProtocol })} data-testid="ptz-serial-protocol">
              <Options values={SERIAL_PROTOCOLS} label={(p) => t(`ptz.form.protocols.${p}`)} />
            </select>
          </Field>
          <Field label={t('ptz.form.baud')}>
            <select value={draft.baud} onChange={(e) => setDraft({ baud: Number(e.target.value) })} data-testid="ptz-baud">
              <Options values={PTZ_BAUDS} />
            </select>
          </Field>
        </div>
      ) : (
        <div className="ptz-form-grid">
          <Field label={t('ptz.form.protocol')}>
            <select value={draft.networkProtocol} onChange={(e) => setDraft({ networkProtocol: e.target.value as NetworkProtocol })} data-testid="ptz-network-protocol">
              <Options values={NETWORK_PROTOCOLS} label={(p) => t(`ptz.form.protocols.${p}`)} />
            </select>
          </Field>
          {textField('host', t('ptz.form.host'), 'ptz-host', { className: 'input mono', placeholder: '192.168.0.90', autoComplete: 'off', spellCheck: false })}
          {textField('port', t('ptz.form.ipPort'), 'ptz-port', {
            className: 'input mono ptz-input-short',
            inputMode: 'numeric',
            placeholder: String(DEFAULT_PORTS[draft.networkProtocol]),
          })}
        </div>
      )}

      <div className="ptz-form-grid">
        {range ? (
          textField(
            'address',
            t('ptz.form.address'),
            'ptz-address',
            { className: 'input mono ptz-input-short', inputMode: 'numeric' },
            t('ptz.form.addressRange', { min: range.min, max: range.max }),
          )
        ) : (
          <p className="muted small ptz-field-wide">{t('ptz.form.addressFixed')}</p>
        )}
        <div className="ptz-form-submit">
          <button type="submit" className="btn btn-primary" aria-disabled={connecting} aria-busy={connecting} data-testid="ptz-connect">
            {connecting ? t('ptz.form.connecting') : t('ptz.form.connect')}
          </button>
        </div>
      </div>
    </form>
  );
}
