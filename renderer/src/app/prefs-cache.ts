import type { Settings } from '../../../src/contract';
import type { PrefsCache } from '../stores/deps';

const KEY = 'fieldkit.prefs';

/**
 * Remembers the last language and theme in localStorage so the first frame
 * after a reload is not painted in the wrong ones. The database stays the
 * source of truth: `settings.get` overrides this as soon as the core answers.
 */
export function localPrefsCache(storage: Storage): PrefsCache {
  return {
    load() {
      try {
        const v: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
        return typeof v === 'object' && v !== null ? (v as Partial<Settings>) : {};
      } catch {
        return {};
      }
    },
    save(s) {
      try {
        storage.setItem(KEY, JSON.stringify({ language: s.language, theme: s.theme }));
      } catch {
        // Storage full or disabled: only the first frame suffers.
      }
    },
  };
}
