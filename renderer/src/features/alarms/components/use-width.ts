import { useEffect, useState } from 'react';

/**
 * The rendered width of an element, following resizes (charts draw in real
 * pixels so their text is not stretched). Returns a callback ref to attach
 * and the width; the element may appear later than the first render.
 */
export function useWidth(fallback = 800): [(el: HTMLElement | null) => void, number] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    if (!el) return;
    const update = () => setWidth(Math.max(200, Math.floor(el.clientWidth)));
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, width];
}
