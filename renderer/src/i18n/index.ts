import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../../src/contract';
import { EN, ZH_CN } from './resources';

/** Every locale, keyed by the contract's language codes. */
export const RESOURCES = {
  en: { translation: EN },
  'zh-CN': { translation: ZH_CN },
} as const satisfies Record<Settings['language'], unknown>;

/** A fresh i18next instance (not the global one) so tests and windows never share state. */
export function createI18n(language: Settings['language']): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: 'en',
    // Resources are bundled: initialise synchronously so the first render is already translated.
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
