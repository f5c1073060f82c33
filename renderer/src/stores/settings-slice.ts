import { LANGUAGES, THEMES, type Settings } from '../../../src/contract';
import { errorMessage } from './deps';
import type { SliceCreator } from './types';

export type Language = Settings['language'];
export type Theme = Settings['theme'];

export interface SettingsSlice {
  settings: Settings & {
    /** True once the values came from the core (not just the local cache). */
    loaded: boolean;
    /** The last failure to read or save, for the UI to show. */
    error: string | null;
  };
  loadSettings(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  /** A `settings.changed` event or a reply: the core's values win. */
  applySettings(s: Settings): void;
}

const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);
const isTheme = (v: unknown): v is Theme => (THEMES as readonly unknown[]).includes(v);

export const createSettingsSlice: SliceCreator<SettingsSlice> = (deps) => (set, get) => {
  const cached = deps.prefs?.load() ?? {};
  const apply = (s: Settings) => {
    deps.prefs?.save({ language: s.language, theme: s.theme });
    set({ settings: { language: s.language, theme: s.theme, loaded: true, error: null } });
  };
  // Optimistic: the switch reacts at once; a refusal puts the old value back and says why.
  const update = async (patch: Partial<Settings>) => {
    const before = get().settings;
    set({ settings: { ...before, ...patch, error: null } });
    try {
      apply(await deps.api.settings.update(patch));
    } catch (err) {
      set({ settings: { ...before, error: errorMessage(err) } });
    }
  };
  return {
    settings: {
      language: isLanguage(cached.language) ? cached.language : 'en',
      theme: isTheme(cached.theme) ? cached.theme : 'system',
      loaded: false,
      error: null,
    },
    loadSettings: async () => {
      try {
        apply(await deps.api.settings.get());
      } catch (err) {
        set((st) => ({ settings: { ...st.settings, error: errorMessage(err) } }));
      }
    },
    setLanguage: (language) => update({ language }),
    setTheme: (theme) => update({ theme }),
    applySettings: apply,
  };
};
