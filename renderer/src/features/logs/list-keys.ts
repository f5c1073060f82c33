/** Where the keyboard moves the selection in the list, or null for keys the list leaves alone. */
export function listKeyTarget(key: string, current: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(last, current + 1);
    case 'ArrowUp':
      return current < 0 ? last : Math.max(0, current - 1);
    case 'PageDown':
      return Math.min(last, Math.max(0, current) + page);
    case 'PageUp':
      return Math.max(0, (current < 0 ? last : current) - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
