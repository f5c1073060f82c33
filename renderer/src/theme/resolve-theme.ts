import type { Settings } from '../../../src/contract';

export type ResolvedTheme = 'light' | 'dark';

/** The colours actually shown: "system" follows the OS (prefers-color-scheme). */
export function resolveTheme(theme: Settings['theme'], prefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

/** Sets the attribute the stylesheet keys its variables on, and the native controls' scheme. */
export function applyTheme(root: HTMLElement, theme: ResolvedTheme): void {
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}
