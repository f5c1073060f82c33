import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { reasonText } from '../model/text';
import { Tx } from '../components/Tx';
import { useRun } from '../run-context';

/**
 * The login for the cameras (new, or saved for the site: shown by metadata
 * only) and the new password with its strength. Passwords live only in these
 * fields until sent; the fields are emptied once the core has them.
 */
export function CredentialsStep() {
  const { t } = useTranslation();
  const draft = useRun((s) => s.run.draft);
  const credentials = useRun((s) => s.credentials);
  const strength = useRun((s) => s.strength);
  const busy = useRun((s) => s.busy);
  const setLogin = useRun((s) => s.setLogin);
  const pickCredential = useRun((s) => s.useCredential);
  const checkPassword = useRun((s) => s.checkPassword);
  const setNewPassword = useRun((s) => s.setNewPassword);
  const [username, setUsername] = useState(draft.username || 'admin');
  const [password, setPassword] = useState('');
  const [newPw, setNewPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const current = credentials.find((c) => c.id === draft.credentialId);
  const withNew = draft.devices.filter((d) => d.newPassword && d.newPassword.id).length;
  const mismatch = confirm !== '' && confirm !== newPw;

  // The meter follows typing, a little behind it.
  useEffect(() => {
    const h = setTimeout(() => void checkPassword(newPw), 200);
    return () => clearTimeout(h);
  }, [newPw, checkPassword]);

  const saveLogin = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim()) return;
    const pw = password;
    setPassword('');
    await setLogin(username.trim(), pw);
  };
  const saveNew = async (e: FormEvent) => {
    e.preventDefault();
    if (!newPw || mismatch || strength?.strength === 'weak') return;
    const pw = newPw;
    if (await setNewPassword(null, pw)) {
      setNewPw('');
      setConfirm('');
    }
  };

  return (
    <div className="su-grid2">
      <section aria-labelledby="su-login">
        <h3 id="su-login" className="su-h3">{t('setup.credentials.loginTitle')}</h3>
        <p className="small" data-testid="setup-login-state" data-set={draft.credentialId ? 'true' : 'false'}>
          {draft.credentialId
            ? t('setup.credentials.loginSet', { user: draft.username, label: current?.label ?? draft.credentialId })
            : t('setup.credentials.loginMissing')}
        </p>
        {credentials.length ? (
          <div className="su-saved" data-testid="setup-saved-credentials">
            <span className="field-label">{t('setup.credentials.saved')}</span>
            <ul className="su-list-plain">
              {credentials.map((c) => (
                <li key={c.id} className="su-saved-row">
                  <span>
                    {c.username} <span className="muted small">({new Date(c.createdAt).toLocaleString()})</span>
                  </span>
                  <button type="button" className="btn btn-small" disabled={busy || c.id === draft.credentialId} onClick={() => void pickCredential(c.id)}>
                    {c.id === draft.credentialId ? t('setup.credentials.inUse') : t('setup.credentials.use')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form className="su-form" onSubmit={(e) => void saveLogin(e)}>
          <Field label={t('setup.credentials.username')}>
            <input className="input" data-testid="setup-username" autoComplete="off" value={username} maxLength={64} onChange={(e) => setUsername(e.target.value)} />
          </Field>
          <Field label={t('setup.credentials.password')}>
            <input className="input" type="password" data-testid="setup-password" autoComplete="off" value={password} maxLength={128} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <button type="submit" className="btn btn-primary" data-testid="setup-save-login" disabled={busy || !username.trim()}>
            {t('setup.credentials.saveLogin')}
          </button>
          <p className="muted small">{t('setup.credentials.vaultNote')}</p>
        </form>
      </section>
      <section aria-labelledby="su-newpw">
        <h3 id="su-newpw" className="su-h3">{t('setup.credentials.newTitle')}</h3>
        <p className="small" data-testid="setup-new-state">
          {withNew ? t('setup.credentials.newSet', { count: withNew, total: draft.devices.length }) : t('setup.credentials.newNone')}
        </p>
        <form className="su-form" onSubmit={(e) => void saveNew(e)}>
          <Field label={t('setup.credentials.newPassword')}>
            <input
              className="input"
              type="password"
              data-testid="setup-new-password"
              autoComplete="new-password"
              value={newPw}
              maxLength={128}
              aria-describedby="su-meter"
              onChange={(e) => setNewPw(e.target.value)}
            />
          </Field>
          <div id="su-meter" className="su-meter" data-testid="setup-strength" data-strength={newPw && strength ? strength.strength : 'none'} aria-live="polite">
            <div className="su-meter-bar" aria-hidden="true">
              <span />
              <span />
              <span />
            </div>
            <span className="small">{newPw && strength ? t(`setup.password.${strength.strength}`) : t('setup.password.empty')}</span>
            {newPw && strength?.reasons.length ? (
              <ul className="su-list small">
                {strength.reasons.map((r, i) => (
                  <li key={r}>
                    <Tx text={reasonText(strength.reasonCodes?.[i], r)} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <Field label={t('setup.credentials.confirm')}>
            <input
              className="input"
              type="password"
              data-testid="setup-new-confirm"
              autoComplete="new-password"
              value={confirm}
              maxLength={128}
              aria-invalid={mismatch}
              onChange={(e) => setConfirm(e.target.value)}
            />
          </Field>
          {mismatch ? <p className="field-error">{t('setup.credentials.mismatch')}</p> : null}
          <button type="submit" className="btn" data-testid="setup-set-new" disabled={busy || !newPw || confirm !== newPw || strength?.strength === 'weak'}>
            {t('setup.credentials.setNew', { count: draft.devices.length })}
          </button>
          <p className="muted small">{t('setup.credentials.newNote')}</p>
        </form>
      </section>
    </div>
  );
}
