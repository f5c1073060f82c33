import { Fragment, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogListener } from '../../../../src/contract';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/context';
import { DEFAULT_LISTEN, listenArgs, type ListenDraft, type ListenProblem } from './capture-forms';

/** The two syslog transports: each a switch and a port, with the problem a bad port gives. */
const TRANSPORTS = [
  { on: 'udp', port: 'udpPort', bad: 'badUdpPort' },
  { on: 'tcp', port: 'tcpPort', bad: 'badTcpPort' },
] as const satisfies readonly { on: keyof ListenDraft; port: keyof ListenDraft; bad: ListenProblem }[];

/** One empty list, so the selector returns the same value while there is no status. */
const NO_LISTENERS: LogListener[] = [];

/** IPv4 addresses of this computer's interfaces (besides loopback), for the bind choice. */
function useBindChoices(): { value: string; label: string }[] {
  const interfaces = useApp((s) => s.system.interfaces);
  return useMemo(
    () =>
      interfaces.flatMap((i) =>
        i.addresses
          .filter((a) => a.family === 'IPv4' && !a.address.startsWith('127.'))
          .map((a) => ({ value: a.address, label: `${i.name} (${a.address})` })),
      ),
    [interfaces],
  );
}

/** Start and stop syslog listeners; shows what is bound now. */
export function ListenerCard() {
  const { t } = useTranslation();
  const id = useId();
  const listeners = useApp((s) => s.logs.status?.listeners ?? NO_LISTENERS);
  const busy = useApp((s) => s.logs.listenBusy);
  const error = useApp((s) => s.logs.listenError);
  const start = useApp((s) => s.logsStart);
  const stop = useApp((s) => s.logsStop);
  const choices = useBindChoices();
  const [draft, setDraft] = useState<ListenDraft>(DEFAULT_LISTEN);
  const [problem, setProblem] = useState<ListenProblem | null>(null);
  const edit = (p: Partial<ListenDraft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const r = listenArgs(draft);
    setProblem(r.ok ? null : r.problem);
    if (r.ok) void start(r.args);
  };

  return (
    <section className="card logs-card" aria-labelledby={`${id}-title`} data-testid="logs-listeners">
      <h2 className="card-title" id={`${id}-title`}>
        {t('logs.listeners.title')}
      </h2>
      <form className="logs-form" onSubmit={submit} noValidate>
        <div className="logs-form-row">
          {TRANSPORTS.map(({ on, port, bad }) => (
            <Fragment key={on}>
              <label className="logs-check">
                <input type="checkbox" checked={draft[on]} onChange={(e) => edit({ [on]: e.target.checked })} data-testid={`logs-${on}-enabled`} />
                {t(`logs.listeners.${on}`)}
              </label>
              <Field label={t(`logs.listeners.${port}`)} className="logs-field-port">
                <input
                  className="input mono"
                  inputMode="numeric"
                  value={draft[port]}
                  disabled={!draft[on]}
                  onChange={(e) => edit({ [port]: e.target.value })}
                  aria-invalid={problem === bad}
                  data-testid={`logs-${on}-port`}
                />
              </Field>
            </Fragment>
          ))}
        </div>
        <div className="logs-form-row">
          <Field label={t('logs.listeners.bind')} className="logs-field-grow">
            <select value={draft.bind} onChange={(e) => edit({ bind: e.target.value })} data-testid="logs-bind">
              <option value="0.0.0.0">{t('logs.listeners.bindAll')}</option>
              <option value="127.0.0.1">{t('logs.listeners.bindLoopback')}</option>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="btn btn-primary" aria-disabled={busy} data-testid="logs-start">
            {busy ? t('logs.listeners.starting') : t('logs.listeners.start')}
          </button>
        </div>
        <p className="muted small logs-hint">{t('logs.listeners.portHint')}</p>
      </form>
      {problem ? (
        <p className="field-error" role="alert" data-testid="logs-listen-problem">
          {t(`logs.errors.${problem}`)}
        </p>
      ) : null}
      {error ? (
        <div className="notice notice-error" role="alert" data-testid="logs-listen-error">
          {t('logs.errors.core', { message: error })}
        </div>
      ) : null}
      {listeners.length === 0 ? (
        <p className="muted small" data-testid="logs-no-listener">
          {t('logs.listeners.none')}
        </p>
      ) : (
        <div className="logs-running">
          <h3 className="logs-subtitle">{t('logs.listeners.running')}</h3>
          <ul className="logs-running-list">
            {listeners.map((l) => (
              <li key={l.id} data-testid="logs-listener" data-transport={l.transport} data-port={l.port} data-address={l.address}>
                <span className="badge badge-kind">{l.transport.toUpperCase()}</span>
                <span className="mono">
                  {l.address}:{l.port}
                </span>
                {l.transport === 'tcp' ? <span className="muted small">{t('logs.listeners.connections', { count: l.connections })}</span> : null}
                <button type="button" className="btn btn-small" onClick={() => void stop([l.id])} aria-label={`${t('logs.listeners.stop')} ${l.transport.toUpperCase()} ${l.address}:${l.port}`} data-testid="logs-stop-one">
                  {t('logs.listeners.stop')}
                </button>
              </li>
            ))}
          </ul>
          {listeners.length > 1 ? (
            <button type="button" className="btn btn-small" onClick={() => void stop()} data-testid="logs-stop-all">
              {t('logs.listeners.stopAll')}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
