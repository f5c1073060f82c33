import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmImportFormat } from '../../../../../src/contract';
import { ALARM_IMPORT_FORMATS } from '../../../../../src/contract/alarms';
import { Field } from '../../../components/Field';
import { Options } from '../../../components/Options';
import { useApp } from '../../../stores/context';
import type { ImportRun } from '../alarms-slice';
import { rejectionText } from '../model/rejection-text';
import { useAlarmFormat } from './use-format';
import { ColumnHeads } from '../../../components/ColumnHeads';

const ACCEPT = '.jsonl,.ndjson,.json,.csv,.xml,.txt,.log,text/plain,text/csv,application/xml,text/xml';

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MiB`;

/** Overall progress 0..1: parts sent so far plus how far the core is with the current one. */
function progressOf(run: ImportRun): number {
  if (run.status === 'done') return 1;
  if (run.parts === 0) return 0;
  const within = run.phase === 'applying' && run.total > 0 ? 0.3 + 0.7 * (run.done / run.total) : run.phase === 'parsing' ? 0.15 : run.phase === 'done' ? 1 : 0;
  return Math.min(1, (run.part - 1 + within) / run.parts);
}

/** Pick a file, choose how to read it, import it with progress, then read the per-line report. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const ref = useRef<HTMLDialogElement>(null);
  const run = useApp((s) => s.alarms.importRun);
  const start = useApp((s) => s.importAlarmFile);
  const cancel = useApp((s) => s.cancelAlarmImport);
  const reset = useApp((s) => s.resetAlarmImport);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<AlarmImportFormat>('auto');
  const [device, setDevice] = useState('');
  const [strict, setStrict] = useState(false);
  const running = run.status === 'running';

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      // A finished import's report was read when the dialog closed; a new visit starts with the form.
      if (!running) {
        reset();
        setFile(null);
      }
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open, reset, running]);

  const finished = run.status === 'done' || run.status === 'failed' || run.status === 'cancelled';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file || running) return;
    void start(file, { format, device, strict });
  };
  const again = () => {
    reset();
    setFile(null);
  };
  const s = run.summary;
  const p = run.problem;
  const pct = Math.round(progressOf(run) * 100);

  return (
    <dialog
      ref={ref}
      className="alarm-dialog wide"
      aria-labelledby="import-title"
      onClose={onClose}
      onCancel={(e) => {
        // Escape must not hide a running import's progress; Cancel import stops it.
        if (running) e.preventDefault();
      }}
      data-testid="import-dialog"
      data-status={run.status}
    >
      <form className="dialog-inner" onSubmit={submit}>
        <h2 id="import-title">{t('alarms.import.title')}</h2>
        {run.status === 'idle' ? (
          <>
            <Field label={t('alarms.import.file')}>
              <input type="file" accept={ACCEPT} onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} required data-testid="import-file" />
              <span className="muted small">{t('alarms.import.fileHint')}</span>
            </Field>
            <Field label={t('alarms.import.format')}>
              <select value={format} onChange={(e) => setFormat(e.currentTarget.value as AlarmImportFormat)} data-testid="import-format">
                <Options values={ALARM_IMPORT_FORMATS} label={(f) => t(`alarms.import.formats.${f}`)} />
              </select>
            </Field>
            <Field label={t('alarms.import.device')}>
              <input className="input" value={device} onChange={(e) => setDevice(e.currentTarget.value)} maxLength={200} data-testid="import-device" />
            </Field>
            <label className="check-field">
              <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.currentTarget.checked)} data-testid="import-strict" />
              {t('alarms.import.strict')}
            </label>
            <p className="muted small">{t('alarms.import.strictParts')}</p>
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => ref.current?.close()}>
                {t('alarms.import.close')}
              </button>
              <button type="submit" className="btn btn-primary" aria-disabled={!file} data-testid="import-start">
                {t('alarms.import.start')}
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="mono small">{run.file}</p>
            <div
              className="progress"
              role="progressbar"
              aria-label={t('alarms.import.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              data-testid="import-progress"
            >
              <span style={{ width: `${pct}%` }} />
            </div>
            <p role="status" data-testid="import-phase">
              {run.phase === 'uploading' || run.phase === null
                ? t('alarms.import.phases.uploading', { part: run.part || 1, parts: run.parts || 1 })
                : run.phase === 'applying'
                  ? t('alarms.import.phases.applying', { done: fmt.count(run.done), total: fmt.count(run.total) })
                  : t(`alarms.import.phases.${run.phase}`)}
            </p>
            {p ? (
              <div className="notice notice-error" role="alert" data-testid="import-problem">
                {t(`alarms.import.problems.${p.code}`, { line: p.line ?? 0, limit: mib(p.limitBytes ?? 0) })}
              </div>
            ) : null}
            {run.error ? (
              <div className="notice notice-error" role="alert" data-testid="import-error">
                {t('alarms.import.error', { message: run.error })}
              </div>
            ) : null}
            {s && finished ? <ImportReportView run={run} /> : null}
            <div className="form-actions">
              {running ? (
                <button type="button" className="btn" onClick={() => void cancel()} data-testid="import-cancel">
                  {t('alarms.import.cancel')}
                </button>
              ) : (
                <>
                  <button type="button" className="btn" onClick={again} data-testid="import-another">
                    {t('alarms.import.another')}
                  </button>
                  <button type="button" className="btn btn-primary" onClick={() => ref.current?.close()} data-testid="import-close">
                    {t('alarms.import.close')}
                  </button>
                </>
              )}
            </div>
          </>
        )}
      </form>
    </dialog>
  );
}

/** Counts, rejected lines with their reasons, and the gaps the file left. */
function ImportReportView({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const fmt = useAlarmFormat();
  const s = run.summary!;
  // rejection-text.ts builds the keys at run time; a unit test checks every one exists in both locales.
  const tr = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const cells: [string, number, string][] = [
    [t('alarms.import.report.read'), s.read, 'read'],
    [t('alarms.import.report.imported'), s.imported, 'imported'],
    [t('alarms.import.report.duplicates'), s.duplicates, 'duplicates'],
    [t('alarms.import.report.skipped'), s.skipped, 'skipped'],
    [t('alarms.import.report.rejected'), s.rejected.length, 'rejected'],
    [t('alarms.import.report.orphanClears'), s.orphanClears, 'orphan-clears'],
    [t('alarms.import.report.timeFlagged'), s.timeFlagged, 'time-flagged'],
  ];
  return (
    <section className="stack" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title" className="card-title">
        {t('alarms.import.report.title')}
        {s.format ? ` · ${t(`alarms.import.formats.${s.format}`)}` : ''}
      </h3>
      <dl className="report-grid">
        {cells.map(([label, n, id]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={`import-count-${id}`}>{fmt.count(n)}</dd>
          </div>
        ))}
      </dl>
      {s.parts > 1 ? <p className="muted small">{t('alarms.import.report.parts', { count: s.parts })}</p> : null}
      {s.refusedParts > 0 ? <p className="notice notice-warn">{t('alarms.import.report.refused')}</p> : null}
      {s.rejected.length > 0 ? (
        <>
          <h3 className="card-title">{t('alarms.import.report.rejections')}</h3>
          <div className="scroll-box" tabIndex={0} role="region" aria-label={t('alarms.import.report.rejections')}>
            <table className="small-table" data-testid="import-rejections">
              <ColumnHeads columns={[t('alarms.import.report.line'), t('alarms.import.report.reason')]} />
              <tbody>
                {s.rejected.map((r, i) => {
                  const text = rejectionText(r);
                  return (
                    <tr key={`${r.line}-${i}`} data-line={r.line} data-code={r.code}>
                      <td className="mono">{r.line}</td>
                      {'key' in text ? (
                        // The parser's exact diagnostic (English) stays one hover away for the general sentences.
                        <td title={text.detail ?? undefined}>{tr(text.key, text.values)}</td>
                      ) : (
                        <td lang="en">{text.raw}</td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {s.rejectedTruncated ? <p className="muted small">{t('alarms.import.report.truncated', { count: s.rejected.length })}</p> : null}
        </>
      ) : null}
      {run.gaps.length > 0 ? (
        <>
          <h3 className="card-title">{t('alarms.import.report.gaps')}</h3>
          <ul className="gap-list" data-testid="import-gaps">
            {run.gaps.slice(0, 100).map((g) => (
              <li key={`${g.device}-${g.from}`} className="mono">
                {t('alarms.import.report.gap', { device: g.device, from: g.from, to: g.to })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
