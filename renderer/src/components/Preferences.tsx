import { useTranslation } from 'react-i18next';
import { LANGUAGES, THEMES } from '../../../src/contract';
import type { Language, Theme } from '../stores/settings-slice';
import { useApp } from '../stores/context';
import { Field } from './Field';
import { Options } from './Options';

/** Language and theme switches; the store saves both in the core's database. */
export function Preferences() {
  const { t } = useTranslation();
  const language = useApp((s) => s.settings.language);
  const theme = useApp((s) => s.settings.theme);
  const error = useApp((s) => s.settings.error);
  const setLanguage = useApp((s) => s.setLanguage);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <div className="prefs" role="group" aria-label={t('prefs.title')}>
      <Field label={t('prefs.language')}>
        <select
          value={language}
          onChange={(e) => void setLanguage(e.currentTarget.value as Language)}
          data-testid="language-select"
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`prefs.languages.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('prefs.theme')}>
        <select value={theme} onChange={(e) => void setTheme(e.currentTarget.value as Theme)} data-testid="theme-select">
          <Options values={THEMES} label={(th) => t(`prefs.themes.${th}`)} />
        </select>
      </Field>
      {error ? (
        <p className="field-error" role="alert">
          {t('prefs.saveFailed', { message: error })}
        </p>
      ) : null}
    </div>
  );
}
