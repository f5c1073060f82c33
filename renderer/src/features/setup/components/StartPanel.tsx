import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardRunSummary } from '../../../../../src/contract';
import { Field } from '../../../components/Field';
import { useApp } from '../../../stores/context';

/** Starts a new run, or continues one that a crash, a restart or a cancel left unfinished. */
export function StartPanel() {
  const { t } = useTranslation();
  const resumable = useApp((s) => s.setup.resumable);
  const drafts = useApp((s) => s.setup.drafts);
  const error = useApp((s) => s.setup.error);
  const starting = useApp((s) => s.setup.starting);
  const interfaces = useApp((s) => s.system.interfaces);
  const start = useApp((s) => s.setupStart);
  const openRun = useApp((s) => s.setupOpen);
  const discard = useApp((s) => s.setupDiscard);
  const [site, setSite] = useState('');
  const [technician, setTechnician] = useState('');
  const [iface, setIface] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!site.trim()) return;
    void start({ site: site.trim(), technician: technician.trim(), iface: iface || null });
  };

  const row = (r: WizardRunSummary, kind: 'resume' | 'draft') => (
    <li key={r.id} className="su-run-row" data-testid={kind === 'resume' ? 'setup-resumable' : 'setup-draft'} data-run={r.id}>
      <div>
        <strong>{r.site}</strong> <span className="muted small">#{r.id}</span>
        <div className="muted small">
          {t('setup.start.runLine', { devices: r.devices, technician: r.technician || t('setup.none'), at: new Date(r.updatedAt).toLocaleString() })}
        </div>
      </div>
      <div className="su-actions">
        <button type="button" className="btn btn-primary" data-testid="setup-continue" onClick={() => void openRun(r.id, { continueApply: kind === 'resume' })}>
          {kind === 'resume' ? t('setup.start.resume') : t('setup.start.openDraft')}
        </button>
        <button type="button" className="btn" data-testid="setup-discard" onClick={() => void discard(r.id)}>
          {t('setup.start.discard')}
        </button>
      </div>
    </li>
  );

  return (
    <div className="su-start">
      {resumable.length ? (
        <section className="card su-resume" aria-labelledby="su-resume-title" data-testid="setup-resume">
          <h2 className="card-title" id="su-resume-title">{t('setup.start.resumeTitle')}</h2>
          <p className="muted">{t('setup.start.resumeHint')}</p>
          <ul className="su-runs">{resumable.map((r) => row(r, 'resume'))}</ul>
        </section>
      ) : null}
      <form className="card su-new" onSubmit={submit} aria-labelledby="su-new-title" data-testid="setup-new">
        <h2 className="card-title" id="su-new-title">{t('setup.start.newTitle')}</h2>
        <p className="muted">{t('setup.start.newHint')}</p>
        <div className="su-form-row">
          <Field label={t('setup.start.site')}>
            <input className="input" data-testid="setup-site" value={site} maxLength={120} required onChange={(e) => setSite(e.target.value)} />
          </Field>
          <Field label={t('setup.start.technician')}>
            <input className="input" data-testid="setup-technician" value={technician} maxLength={120} onChange={(e) => setTechnician(e.target.value)} />
          </Field>
          <Field label={t('setup.start.iface')}>
            <select data-testid="setup-iface" value={iface} onChange={(e) => setIface(e.target.value)}>
              <option value="">{t('setup.start.ifaceAuto')}</option>
              {interfaces.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="btn btn-primary su-align-end" data-testid="setup-start" disabled={starting || !site.trim()}>
            {t('setup.start.start')}
          </button>
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {drafts.length ? (
        <section className="card" aria-labelledby="su-drafts-title">
          <h2 className="card-title" id="su-drafts-title">{t('setup.start.draftsTitle')}</h2>
          <ul className="su-runs">{drafts.map((r) => row(r, 'draft'))}</ul>
        </section>
      ) : null}
    </div>
  );
}
