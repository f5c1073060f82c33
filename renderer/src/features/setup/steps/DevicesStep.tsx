import { useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../../stores/context';
import { deviceFromDiscovered, mergeDevices, toDeviceInput } from '../model/draft';
import { useRun } from '../run-context';
import { ColumnHeads } from '../../../components/ColumnHeads';

/** Pick cameras from discovery's list, or load the installer's plan CSV. */
export function DevicesStep() {
  const { t } = useTranslation();
  const byId = useApp((s) => s.devices.byId);
  const draft = useRun((s) => s.run.draft.devices);
  const busy = useRun((s) => s.busy);
  const importErrors = useRun((s) => s.importErrors);
  const updateDevices = useRun((s) => s.updateDevices);
  const importPlan = useRun((s) => s.importPlan);
  const [picked, setPicked] = useState<string[]>([]);
  const inDraft = useMemo(() => new Set(draft.map((d) => d.mac)), [draft]);
  const candidates = useMemo(
    () => Object.values(byId).filter((d) => d.mac && !inDraft.has(d.mac)).sort((a, b) => (a.ips[0] ?? '').localeCompare(b.ips[0] ?? '') || (a.mac ?? '').localeCompare(b.mac ?? '')),
    [byId, inDraft],
  );

  const add = () => {
    const chosen = candidates.filter((d) => picked.includes(d.id)).flatMap((d) => deviceFromDiscovered(d) ?? []);
    setPicked([]);
    void updateDevices(mergeDevices(draft.map(toDeviceInput), chosen));
  };
  const remove = (mac: string) => void updateDevices(draft.filter((d) => d.mac !== mac).map(toDeviceInput));
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await importPlan(await file.text());
  };

  return (
    <div className="su-grid2">
      <section aria-labelledby="su-found">
        <h3 id="su-found" className="su-h3">{t('setup.devices.found')}</h3>
        {candidates.length ? (
          <>
            <ul className="su-pick" data-testid="setup-candidates">
              {candidates.map((d) => (
                <li key={d.id}>
                  <label className="su-check">
                    <input
                      type="checkbox"
                      data-testid="setup-candidate"
                      data-mac={d.mac ?? ''}
                      checked={picked.includes(d.id)}
                      onChange={(e) => setPicked((p) => (e.target.checked ? [...p, d.id] : p.filter((x) => x !== d.id)))}
                    />
                    <span className="mono">{d.ips[0] ?? '—'}</span>
                    <span className="mono muted">{d.mac}</span>
                    <span>{d.name ?? d.model ?? ''}</span>
                  </label>
                </li>
              ))}
            </ul>
            <button type="button" className="btn" data-testid="setup-add" disabled={!picked.length || busy} onClick={add}>
              {t('setup.devices.add', { count: picked.length })}
            </button>
          </>
        ) : (
          <p className="muted" data-testid="setup-no-candidates">{t('setup.devices.noneFound')}</p>
        )}
        <h3 className="su-h3">{t('setup.devices.planTitle')}</h3>
        <p className="muted small">{t('setup.devices.planHint')}</p>
        <label className="btn su-file">
          {t('setup.devices.planPick')}
          <input type="file" accept=".csv,text/csv" className="visually-hidden" data-testid="setup-plan-file" disabled={busy} onChange={(e) => void onFile(e)} />
        </label>
        {importErrors.length ? (
          <div className="notice su-notice-warn" role="status" data-testid="setup-import-errors">
            <strong>{t('setup.devices.importErrors', { count: importErrors.length })}</strong>
            <ul className="su-list">
              {importErrors.map((e, i) => (
                <li key={i}>{t('setup.devices.importLine', { line: e.line, message: e.message })}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="su-chosen">
        <h3 id="su-chosen" className="su-h3">{t('setup.devices.chosen', { count: draft.length })}</h3>
        {draft.length ? (
          <table className="table su-table" data-testid="setup-chosen">
            <ColumnHeads columns={[t('setup.col.mac'), t('setup.col.current'), t('setup.col.label'), { hidden: t('setup.col.actions') }]} />
            <tbody>
              {draft.map((d) => (
                <tr key={d.mac} data-testid="setup-chosen-row" data-mac={d.mac}>
                  <td className="mono">{d.mac}</td>
                  <td className="mono">{d.currentIp ?? t('setup.devices.locate')}</td>
                  <td>{d.label ?? ''}</td>
                  <td>
                    <button type="button" className="btn btn-small" disabled={busy} aria-label={t('setup.devices.removeOne', { mac: d.mac })} onClick={() => remove(d.mac)}>
                      {t('setup.devices.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('setup.devices.emptyDraft')}</p>
        )}
      </section>
    </div>
  );
}
