import 'i18next';
import type { EN } from './resources';

// English is the reference locale: `t('a.key')` with a key it lacks is a type error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof EN };
  }
}
