/** The main pages, in sidebar order; their position is also their Alt+N shortcut. */
export const PAGES = ['devices', 'network', 'ptz', 'logs', 'alarms', 'setup', 'system'] as const;

export type PageId = (typeof PAGES)[number];

export const DEFAULT_PAGE: PageId = 'devices';

/** `#/system` for a page: hash routes work from file:// in Electron as well as over http. */
export function hashFor(page: PageId): string {
  return `#/${page}`;
}

/** The page a location hash names, or null for anything else (empty, unknown, a stray anchor). */
export function pageFromHash(hash: string): PageId | null {
  const m = /^#\/([a-z]+)\/?$/.exec(hash);
  const id = m?.[1];
  return id && (PAGES as readonly string[]).includes(id) ? (id as PageId) : null;
}

/** The shortcut that opens a page, as shown in tooltips and `aria-keyshortcuts`. */
export function shortcutFor(page: PageId): string {
  return `Alt+${PAGES.indexOf(page) + 1}`;
}

/** The page for Alt+`digit` (1-based), if there is one. */
export function pageForDigit(digit: number): PageId | null {
  return PAGES[digit - 1] ?? null;
}
