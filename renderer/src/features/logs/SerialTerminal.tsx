import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogSerialPort } from '../../../../src/contract';
import { Field } from '../../components/Field';
import { Options } from '../../components/Options';
import { useApp } from '../../stores/context';
import { LINE_ENDINGS, type LineEnding } from './capture-forms';

const NO_LINES: string[] = [];

/** A small terminal: the chosen console's recent lines, and a line to send to it. */
export function SerialTerminal({ ports }: { ports: LogSerialPort[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<string>('');
  const port = ports.find((p) => p.path === chosen) ?? ports[0];
  const lines = useApp((s) => (port ? (s.logs.consoles[port.name] ?? NO_LINES) : NO_LINES));
  const busy = useApp((s) => s.logs.sendBusy);
  const error = useApp((s) => s.logs.sendError);
  const send = useApp((s) => s.logsSerialSend);
  const [text, setText] = useState('');
  const [ending, setEnding] = useState<LineEnding>('crlf');
  const screen = useRef<HTMLPreElement>(null);

  useEffect(() => {
    // Keep the newest line in view, as a terminal does.
    const el = screen.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);

  if (!port) return null;
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    if (await send(port.path, text, ending)) setText('');
  };

  return (
    <div className="logs-terminal" data-testid="logs-terminal">
      <h3 className="logs-subtitle">{t('logs.terminal.title')}</h3>
      {ports.length > 1 ? (
        <Field label={t('logs.terminal.console')}>
          <select value={port.path} onChange={(e) => setChosen(e.target.value)} data-testid="logs-terminal-port">
            {ports.map((p) => (
              <option key={p.path} value={p.path}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <pre
        ref={screen}
        className="logs-terminal-screen mono"
        role="log"
        aria-live="off"
        aria-label={`${t('logs.terminal.output')}: ${port.name}`}
        tabIndex={0}
        data-testid="logs-terminal-screen"
      >
        {lines.length ? lines.join('\n') : <span className="muted">{t('logs.terminal.empty')}</span>}
      </pre>
      <form className="logs-form-row" onSubmit={(e) => void submit(e)}>
        <label className="field logs-field-grow">
          <span className="field-label" id={`${id}-line`}>
            {t('logs.terminal.line')}
          </span>
          <input
            className="input mono"
            value={text}
            placeholder={t('logs.terminal.linePlaceholder')}
            onChange={(e) => setText(e.target.value)}
            maxLength={4096}
            aria-labelledby={`${id}-line`}
            data-testid="logs-terminal-input"
          />
        </label>
        <Field label={t('logs.terminal.ending')}>
          <select value={ending} onChange={(e) => setEnding(e.target.value as LineEnding)} data-testid="logs-terminal-ending">
            <Options values={LINE_ENDINGS} label={(le) => t(`logs.terminal.endings.${le}`)} />
          </select>
        </Field>
        <button type="submit" className="btn" aria-disabled={busy} data-testid="logs-terminal-send">
          {busy ? t('logs.terminal.sending') : t('logs.terminal.send')}
        </button>
      </form>
      {error ? (
        <div className="notice notice-error" role="alert">
          {t('logs.errors.core', { message: error })}
        </div>
      ) : null}
    </div>
  );
}
