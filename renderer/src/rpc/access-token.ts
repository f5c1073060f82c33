/** sessionStorage key: survives a reload of this tab, not a new tab or a new browser. */
export const TOKEN_KEY = 'fieldkit.token';

/**
 * Splits the per-launch token out of the page address. Returns the token (or
 * null) and the address without it, so it can be removed from the address bar
 * (and from history, screenshots and copy-pasted links).
 */
export function splitToken(href: string): { token: string | null; cleanHref: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  if (token === null) return { token: null, cleanHref: href };
  url.searchParams.delete('token');
  return { token: token || null, cleanHref: url.toString() };
}

/** The browser APIs {@link takeAccessToken} touches, narrowed so it can be tested without a DOM. */
export interface TokenEnv {
  href: string;
  replaceUrl(href: string): void;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The token for this tab: from the address (then remembered and removed from
 * the address bar), else the one remembered from before a reload.
 */
export function takeAccessToken(env: TokenEnv): string | null {
  const { token, cleanHref } = splitToken(env.href);
  if (token) {
    env.storage.setItem(TOKEN_KEY, token);
    env.replaceUrl(cleanHref);
    return token;
  }
  return env.storage.getItem(TOKEN_KEY);
}
