/**
 * Where focus goes in a vertical list for a key: Arrow Up/Down wrap around,
 * Home/End jump to the ends; null for keys the list does not handle.
 * `current` is -1 when focus is not on an item.
 */
export function nextIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
