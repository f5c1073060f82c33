import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogSerialPort } from '../../../../src/contract';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/context';
import { BAUD_RATES, DEFAULT_SERIAL, serialArgs, type SerialDraft, type SerialProblem } from './capture-forms';
import { SerialTerminal } from './SerialTerminal';

/** One empty list, so the selector returns the same value while there is no status. */
const NO_PORTS: LogSerialPort[] = [];

/** Open and close serial consoles; a small terminal for the open ones. */
export function SerialCard() {
  const { t } = useTranslation();
  const id = useId();
  const ports = useApp((s) => s.system.serialPorts);
  const open = useApp((s) => s.logs.status?.serial ?? NO_PORTS);
  const busy = useApp((s) => s.logs.serialBusy);
  const error = useApp((s) => s.logs.serialError);
  const openSerial = useApp((s) => s.logsSerialOpen);
  const closeSerial = useApp((s) => s.logsSerialClose);
  const [draft, setDraft] = useState<SerialDraft>(DEFAULT_SERIAL);
  const [problem, setProblem] = useState<SerialProblem | null>(null);
  const edit = (p: Partial<SerialDraft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const r = serialArgs(draft);
    setProblem(r.ok ? null : r.problem);
    if (r.ok) void openSerial(r.args);
  };

  return (
    <section className="card logs-card" aria-labelledby={`${id}-title`} data-testid="logs-serial">
      <h2 className="card-title" id={`${id}-title`}>
        {t('logs.serial.title')}
      </h2>
      <form className="logs-form" onSubmit={submit} noValidate>
        <div className="logs-form-row">
          <Field label={t('logs.serial.path')} className="logs-field-grow">
            <input
              className="input mono"
              list={`${id}-ports`}
              value={draft.path}
              placeholder="/dev/ttyUSB0"
              onChange={(e) => edit({ path: e.target.value })}
              aria-invalid={problem === 'noPath'}
              aria-describedby={`${id}-hint`}
              data-testid="logs-serial-path"
            />
            <datalist id={`${id}-ports`}>
              {ports.map((p) => (
                <option key={p.path} value={p.path}>
                  {p.friendlyName ?? p.manufacturer ?? p.path}
                </option>
              ))}
            </datalist>
          </Field>
          <Field label={t('logs.serial.baud')} className="logs-field-baud">
            <input
              className="input mono"
              list={`${id}-bauds`}
              inputMode="numeric"
              value={draft.baud}
              onChange={(e) => edit({ baud: e.target.value })}
              aria-invalid={problem === 'badBaud'}
              data-testid="logs-serial-baud"
            />
            <datalist id={`${id}-bauds`}>
              {BAUD_RATES.map((b) => (
                <option key={b} value={String(b)} />
              ))}
            </datalist>
          </Field>
        </div>
        <div className="logs-form-row">
          <Field label={t('logs.serial.label')} className="logs-field-grow">
            <input
              className="input"
              value={draft.label}
              placeholder={t('logs.serial.labelPlaceholder')}
              onChange={(e) => edit({ label: e.target.value })}
              aria-invalid={problem === 'labelTooLong'}
              data-testid="logs-serial-label"
            />
          </Field>
          <button type="submit" className="btn btn-primary" aria-disabled={busy} data-testid="logs-serial-open">
            {busy ? t('logs.serial.opening') : t('logs.serial.open')}
          </button>
        </div>
        <p className="muted small logs-hint" id={`${id}-hint`}>
          {t('logs.serial.pathHint')}
        </p>
      </form>
      {problem ? (
        <p className="field-error" role="alert" data-testid="logs-serial-problem">
          {t(`logs.errors.${problem}`)}
        </p>
      ) : null}
      {error ? (
        <div className="notice notice-error" role="alert" data-testid="logs-serial-error">
          {t('logs.errors.core', { message: error })}
        </div>
      ) : null}
      {open.length === 0 ? (
        <p className="muted small" data-testid="logs-no-console">
          {t('logs.serial.none')}
        </p>
      ) : (
        <>
          <div className="logs-running">
            <h3 className="logs-subtitle">{t('logs.serial.openConsoles')}</h3>
            <ul className="logs-running-list">
              {open.map((p) => (
                <li key={p.path} data-testid="logs-console" data-path={p.path}>
                  <strong>{p.name}</strong>
                  {p.name !== p.path ? <span className="mono muted">{p.path}</span> : null}
                  <span className="muted small">{t('logs.serial.baudValue', { baud: p.baudRate })}</span>
                  <span className="muted small" data-testid="logs-console-lines">
                    {t('logs.serial.lines', { count: p.lines })}
                  </span>
                  <button type="button" className="btn btn-small" onClick={() => void closeSerial(p.path)} aria-label={`${t('logs.serial.close')} ${p.name}`} data-testid="logs-serial-close">
                    {t('logs.serial.close')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <SerialTerminal ports={open} />
        </>
      )}
    </section>
  );
}
