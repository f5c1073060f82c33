import { pageForDigit, type PageId } from '../navigation/routes';

/** The digit of an Alt+digit shortcut (top row or keypad, by key position so any layout works), else null. */
export function shortcutDigit(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  return m ? Number(m[1]) : null;
}

/** Alt+1..7 open the pages in sidebar order, from anywhere in the window. */
export function installPageShortcuts(target: Window, navigate: (page: PageId) => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    const digit = shortcutDigit(e);
    const page = digit === null ? null : pageForDigit(digit);
    if (!page) return;
    e.preventDefault();
    navigate(page);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
