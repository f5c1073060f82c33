import type { i18n } from 'i18next';
import type { AppStore } from '../stores/app-store';
import { applyTheme, resolveTheme } from '../theme/resolve-theme';

/**
 * Keeps the document in step with the store: the i18next language and
 * `<html lang>` (CJK glyph choice depends on it), the theme attribute (also
 * when the OS switches dark mode while "system" is chosen) and the title.
 */
export function syncDocument(store: AppStore, i18n: i18n, win: Window): () => void {
  const doc = win.document;
  const media = win.matchMedia('(prefers-color-scheme: dark)');
  const syncTheme = () => applyTheme(doc.documentElement, resolveTheme(store.getState().settings.theme, media.matches));
  const syncText = () => {
    const { settings, page } = store.getState();
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    doc.documentElement.lang = settings.language;
    doc.title = i18n.t('app.documentTitle', { page: i18n.t(`nav.${page}`) });
  };
  syncTheme();
  syncText();
  media.addEventListener('change', syncTheme);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.settings.theme !== prev.settings.theme) syncTheme();
    if (s.settings.language !== prev.settings.language || s.page !== prev.page) syncText();
  });
  return () => {
    unsubscribe();
    media.removeEventListener('change', syncTheme);
  };
}
