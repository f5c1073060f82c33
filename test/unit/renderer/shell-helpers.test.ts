import { describe, expect, it } from 'vitest';
import { splitToken, takeAccessToken, TOKEN_KEY } from '../../../renderer/src/rpc/access-token';
import { nextIndex } from '../../../renderer/src/keyboard/list-focus';
import { shortcutDigit } from '../../../renderer/src/keyboard/page-shortcuts';
import { hashFor, pageForDigit, pageFromHash, PAGES, shortcutFor } from '../../../renderer/src/navigation/routes';
import { resolveTheme } from '../../../renderer/src/theme/resolve-theme';

describe('routes', () => {
  it('round-trips every page through its hash', () => {
    for (const p of PAGES) expect(pageFromHash(hashFor(p))).toBe(p);
  });

  it('rejects anything that is not a page hash', () => {
    for (const h of ['', '#', '#/', '#/nope', '#system', '#/system/extra', '#/SYSTEM', '#/constructor', '#/__proto__']) {
      expect(pageFromHash(h), h).toBeNull();
    }
    expect(pageFromHash('#/system/')).toBe('system');
  });

  it('numbers the shortcuts in sidebar order', () => {
    expect(PAGES.map(shortcutFor)).toEqual(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7']);
    expect(pageForDigit(7)).toBe('system');
    expect(pageForDigit(8)).toBeNull();
  });
});

describe('Alt+digit', () => {
  const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = { altKey: true }) => ({
    altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods, code,
  });
  it('reads the digit from the key position, top row or keypad', () => {
    expect(shortcutDigit(key('Digit3'))).toBe(3);
    expect(shortcutDigit(key('Numpad7'))).toBe(7);
  });
  it('ignores other chords and keys', () => {
    expect(shortcutDigit(key('Digit3', {}))).toBeNull();
    expect(shortcutDigit(key('Digit3', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(shortcutDigit(key('Digit3', { altKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutDigit(key('KeyA'))).toBeNull();
    expect(shortcutDigit(key('Digit0'))).toBeNull();
  });
});

describe('arrow keys in the nav', () => {
  it('wraps around and jumps to the ends', () => {
    expect(nextIndex('ArrowDown', 0, 7)).toBe(1);
    expect(nextIndex('ArrowDown', 6, 7)).toBe(0);
    expect(nextIndex('ArrowUp', 0, 7)).toBe(6);
    expect(nextIndex('Home', 4, 7)).toBe(0);
    expect(nextIndex('End', 1, 7)).toBe(6);
    expect(nextIndex('ArrowDown', -1, 7)).toBe(0);
    expect(nextIndex('Enter', 2, 7)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('access token', () => {
  it('splits the token out of the address, keeping the rest and the hash', () => {
    expect(splitToken('http://127.0.0.1:5/?token=abc&x=1#/system')).toEqual({ token: 'abc', cleanHref: 'http://127.0.0.1:5/?x=1#/system' });
    expect(splitToken('http://127.0.0.1:5/?token=abc')).toEqual({ token: 'abc', cleanHref: 'http://127.0.0.1:5/' });
    expect(splitToken('http://127.0.0.1:5/#/x').token).toBeNull();
  });

  it('remembers the token for reloads and removes it from the address bar', () => {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(takeAccessToken({ href: 'http://h/?token=T1', replaceUrl: (u) => replaced.push(u), storage })).toBe('T1');
    expect(replaced).toEqual(['http://h/']);
    expect(store.get(TOKEN_KEY)).toBe('T1');
    // After the reload the address has no token any more.
    expect(takeAccessToken({ href: 'http://h/#/system', replaceUrl: (u) => replaced.push(u), storage })).toBe('T1');
    expect(replaced).toHaveLength(1);
  });
});

describe('theme', () => {
  it('"system" follows the OS; explicit choices do not', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
