import { z } from 'zod';
import { event, method } from './define';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const THEMES = ['light', 'dark', 'system'] as const;

/** User preferences, remembered in the database so every host sees the same. */
export interface Settings {
  language: (typeof LANGUAGES)[number];
  theme: (typeof THEMES)[number];
}

export const settingsPatch = z
  .object({
    language: z.enum(LANGUAGES).optional(),
    theme: z.enum(THEMES).optional(),
  })
  .strict();

export const settingsContract = {
  get: method(z.tuple([]), 'Current preferences.').returns<Settings>(),
  update: method(z.tuple([settingsPatch]), 'Change some preferences; returns all of them.').returns<Settings>(),
};

export const settingsEvents = {
  'settings.changed': event<Settings>('Preferences changed (by any client).'),
};
