import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';
import { useAlarmFormat } from './use-format';

/**
 * Acknowledge one or many alarms with a name and an optional note. A native
 * modal <dialog>: it traps focus, closes on Escape and returns focus itself.
 */
export function AckDialog({ ids, onClose }: { ids: number[] | null; onClose(): void }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const ref = useRef<HTMLDialogElement>(null);
  const operator = useApp((s) => s.alarms.operator);
  const ack = useApp((s) => s.alarms.ack);
  const ackAlarms = useApp((s) => s.ackAlarms);
  const resetAck = useApp((s) => s.resetAlarmAck);
  const [by, setBy] = useState(operator);
  const [note, setNote] = useState('');

  const open = ids !== null;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      resetAck();
      setNote('');
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open, resetAck]);
  useEffect(() => setBy((b) => b || operator), [operator]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ids || !by.trim() || ack.status === 'saving') return;
    await ackAlarms(ids, by, note);
  };
  const r = ack.result;
  return (
    <dialog ref={ref} className="alarm-dialog" aria-labelledby="ack-title" onClose={onClose} data-testid="ack-dialog">
      <form className="dialog-inner" onSubmit={(e) => void submit(e)}>
        <h2 id="ack-title">{t('alarms.ack.title', { count: fmt.count(ids?.length ?? 0) })}</h2>
        {r ? (
          <>
            <p className="notice notice-ok" role="status" data-testid="ack-result">
              {t('alarms.ack.result', { acked: fmt.count(r.acked.length), already: fmt.count(r.alreadyAcked.length), missing: fmt.count(r.notFound.length) })}
            </p>
            <div className="form-actions">
              <button type="button" className="btn btn-primary" onClick={() => ref.current?.close()} data-testid="ack-done" autoFocus>
                {t('alarms.ack.done')}
              </button>
            </div>
          </>
        ) : (
          <>
            <Field label={t('alarms.ack.by')}>
              <input
                className="input"
                value={by}
                onChange={(e) => setBy(e.currentTarget.value)}
                maxLength={100}
                required
                autoComplete="name"
                autoFocus
                data-testid="ack-by"
              />
            </Field>
            <Field label={t('alarms.ack.note')}>
              <textarea className="input" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} data-testid="ack-note" />
            </Field>
            {ack.error ? (
              <p className="field-error" role="alert">
                {t('alarms.ack.error', { message: ack.error })}
              </p>
            ) : null}
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => ref.current?.close()}>
                {t('alarms.ack.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" aria-disabled={ack.status === 'saving'} data-testid="ack-submit">
                {ack.status === 'saving' ? t('alarms.ack.saving') : t('alarms.ack.submit')}
              </button>
            </div>
          </>
        )}
      </form>
    </dialog>
  );
}
