/**
 * Event subscriptions a page holds while it is shown. Several views may activate the same slice at
 * once (a page and a panel): the first activation subscribes, the last release unsubscribes, and a
 * release function called twice counts once.
 */
export function sharedSubscription(subscribe: () => () => void, onLastRelease?: () => void): () => () => void {
  let holders = 0;
  let unsubscribe: (() => void) | null = null;
  return () => {
    holders++;
    unsubscribe ??= subscribe();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holders--;
      if (holders === 0 && unsubscribe) {
        unsubscribe();
        unsubscribe = null;
        onLastRelease?.();
      }
    };
  };
}
