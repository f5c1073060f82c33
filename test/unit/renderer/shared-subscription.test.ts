import { describe, expect, it } from 'vitest';
import { sharedSubscription } from '../../../renderer/src/stores/shared-subscription';

describe('sharedSubscription', () => {
  it('subscribes on the first hold, unsubscribes on the last release, and counts a double release once', () => {
    const log: string[] = [];
    const hold = sharedSubscription(
      () => {
        log.push('sub');
        return () => log.push('unsub');
      },
      () => log.push('last'),
    );
    const a = hold();
    const b = hold();
    expect(log).toEqual(['sub']);
    a();
    a();
    expect(log).toEqual(['sub']);
    b();
    expect(log).toEqual(['sub', 'unsub', 'last']);
    const c = hold();
    expect(log).toEqual(['sub', 'unsub', 'last', 'sub']);
    c();
    expect(log).toEqual(['sub', 'unsub', 'last', 'sub', 'unsub', 'last']);
  });
});
