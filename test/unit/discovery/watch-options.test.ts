import { describe, expect, it } from 'vitest';
import { watchOptionsSchema } from '../../../src/contract/discovery';

describe('watch options (contract)', () => {
  it('defaults the re-probe period and leaves the offline delay to the service', () => {
    expect(watchOptionsSchema.parse({})).toEqual({ interfaces: [], protocols: [], reprobeSec: 60 });
  });

  it('refuses an offline delay not longer than the re-probe period, from any host', () => {
    expect(watchOptionsSchema.safeParse({ reprobeSec: 10, offlineAfterSec: 11 }).success).toBe(true);
    for (const offlineAfterSec of [10, 5]) {
      const r = watchOptionsSchema.safeParse({ reprobeSec: 10, offlineAfterSec });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['offlineAfterSec'], message: 'offlineAfterSec must be longer than reprobeSec' });
    }
    // Against the default period (60 s) too.
    expect(watchOptionsSchema.safeParse({ offlineAfterSec: 30 }).success).toBe(false);
  });
});
