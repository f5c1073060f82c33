import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';
import { AlarmTime, FlagBadges, SeverityBadge, StateBadge } from './AlarmBadges';
import { AlarmTimeline } from './AlarmTimeline';
import { useAlarmFormat } from './use-format';
import { ColumnHeads } from '../../../components/ColumnHeads';

/**
 * The open alarm beside the list: facts, the flow timeline with durations,
 * the device's flow records, and the notes (with a form to add one).
 * Escape closes it and focus goes back to where it was.
 */
export function AlarmDrawer({ onAck }: { onAck(ids: number[]): void }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const detail = useApp((s) => s.alarms.detail);
  const noteState = useApp((s) => s.alarms.note);
  const operator = useApp((s) => s.alarms.operator);
  const close = useApp((s) => s.closeAlarm);
  const annotate = useApp((s) => s.annotateAlarm);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [by, setBy] = useState(operator);
  const [note, setNote] = useState('');

  const open = detail.id !== null;
  useEffect(() => {
    if (!open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    headingRef.current?.focus();
    return () => returnTo.current?.focus();
  }, [open]);
  useEffect(() => setBy((b) => b || operator), [operator]);
  if (!open) return null;

  const a = detail.data;
  const submitNote = async (e: FormEvent) => {
    e.preventDefault();
    if (!by.trim() || !note.trim()) return;
    if (await annotate(by, note)) setNote('');
  };
  const canAck = a !== null && a.kind === 'alarm' && a.ackedAt === null;

  return (
    <aside
      className="alarm-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby="alarm-drawer-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
      data-testid="alarm-drawer"
      data-id={detail.id ?? undefined}
    >
      <div className="drawer-head">
        <h2 id="alarm-drawer-title" ref={headingRef} tabIndex={-1}>
          {a ? t('alarms.detail.title', { type: a.type, device: a.device }) : t('alarms.detail.loadingTitle')}
        </h2>
        <button type="button" className="btn btn-small" onClick={close} data-testid="alarm-drawer-close">
          {t('alarms.detail.close')}
        </button>
      </div>
      <div className="drawer-body">
        {detail.error ? (
          <div className="notice notice-error" role="alert">
            {t('alarms.detail.error', { message: detail.error })}
          </div>
        ) : null}
        {!a ? (
          detail.error ? null : <p className="muted">{t('common.loading')}</p>
        ) : (
          <>
            <div className="drawer-badges">
              <SeverityBadge severity={a.severity} />
              <StateBadge state={a.state} />
              <FlagBadges flags={a.flags} />
            </div>
            {canAck ? (
              <p>
                <button type="button" className="btn btn-primary" onClick={() => onAck([a.id])} data-testid="alarm-drawer-ack">
                  {t('alarms.detail.ack')}
                </button>
              </p>
            ) : null}
            <dl className="detail-list" data-testid="alarm-detail-fields">
              <dt>{t('alarms.detail.fields.id')}</dt>
              <dd className="mono">{a.id}</dd>
              <dt>{t('alarms.detail.fields.device')}</dt>
              <dd>{a.device}</dd>
              <dt>{t('alarms.detail.fields.type')}</dt>
              <dd>{a.type}</dd>
              <dt>{t('alarms.detail.fields.message')}</dt>
              <dd data-testid="alarm-detail-message">{a.message || t('common.none')}</dd>
              <dt>{t('alarms.detail.fields.source')}</dt>
              <dd>{a.source ?? t('common.none')}</dd>
              <dt>{t('alarms.detail.fields.seId')}</dt>
              <dd className="mono">{a.seId ?? t('common.none')}</dd>
              <dt>{t('alarms.detail.fields.raised')}</dt>
              <dd>
                <AlarmTime iso={a.raisedAt} />
              </dd>
              <dt>{t('alarms.detail.fields.acked')}</dt>
              <dd data-testid="alarm-detail-acked">
                {a.ackedAt ? (
                  <>
                    <AlarmTime iso={a.ackedAt} /> {a.ackedBy ? <span>· {t('alarms.detail.by', { name: a.ackedBy })}</span> : null}
                  </>
                ) : (
                  <span className="muted">{t('alarms.detail.notAcked')}</span>
                )}
              </dd>
              <dt>{t('alarms.detail.fields.cleared')}</dt>
              <dd>
                <AlarmTime iso={a.clearedAt} />
              </dd>
              <dt>{t('alarms.detail.fields.duration')}</dt>
              <dd data-testid="alarm-detail-duration">
                {a.kind === 'event' ? t('alarms.detail.oneShot') : a.durationMs === null ? t('alarms.list.ongoing') : fmt.duration(a.durationMs)}
              </dd>
            </dl>

            <h3>{t('alarms.detail.timeline')}</h3>
            <AlarmTimeline alarm={a} />

            <h3>{t('alarms.detail.flow')}</h3>
            {a.flow.length === 0 ? (
              <p className="muted">{t('alarms.detail.noFlow')}</p>
            ) : (
              <table className="small-table" data-testid="alarm-flow">
                <ColumnHeads columns={[t('alarms.detail.flowColumns.action'), t('alarms.detail.flowColumns.opId'), t('alarms.detail.flowColumns.time'), t('alarms.detail.flowColumns.message')]} />
                <tbody>
                  {a.flow.map((f, i) => (
                    <tr key={`${f.origin}-${f.opId}-${i}`}>
                      <td>{t(`alarms.detail.actions.${f.action}`)}</td>
                      <td className="mono" title={t(`alarms.detail.origins.${f.origin}`)}>
                        {f.opId}
                        {f.origin === 'local' ? <span className="muted"> ({t('alarms.detail.origins.local')})</span> : null}
                      </td>
                      <td>
                        <AlarmTime iso={f.time} />
                      </td>
                      <td>
                        {f.message}
                        <FlagBadges flags={f.flags} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}

            <h3>{t('alarms.detail.notes')}</h3>
            {a.operations.length === 0 ? (
              <p className="muted">{t('alarms.detail.noNotes')}</p>
            ) : (
              <ul className="note-list" data-testid="alarm-notes">
                {a.operations.map((o) => (
                  <li key={o.id} data-op={o.op}>
                    <strong>{o.op === 'ack' ? t('alarms.detail.opAck', { name: o.by }) : t('alarms.detail.opNote', { name: o.by })}</strong>{' '}
                    <AlarmTime iso={o.at} />
                    {o.note ? <p className="note-text">{o.note}</p> : null}
                  </li>
                ))}
              </ul>
            )}
            <form className="stack-form" onSubmit={(e) => void submitNote(e)} aria-label={t('alarms.detail.addNote')} data-testid="alarm-note-form">
              <Field label={t('alarms.ack.by')}>
                <input className="input" value={by} onChange={(e) => setBy(e.currentTarget.value)} maxLength={100} required autoComplete="name" />
              </Field>
              <Field label={t('alarms.detail.noteText')}>
                <textarea className="input" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} required />
              </Field>
              {noteState.error ? (
                <p className="field-error" role="alert">
                  {t('alarms.detail.noteError', { message: noteState.error })}
                </p>
              ) : null}
              <div className="form-actions">
                <button type="submit" className="btn" aria-disabled={noteState.status === 'saving'} data-testid="alarm-note-save">
                  {noteState.status === 'saving' ? t('alarms.ack.saving') : t('alarms.detail.saveNote')}
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </aside>
  );
}
