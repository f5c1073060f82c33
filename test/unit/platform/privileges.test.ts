import { describe, expect, it } from 'vitest';
import { hasNetAdmin } from '../../../src/platform/node/privileges';

// CapEff lines as /proc/self/status prints them.
describe('hasNetAdmin', () => {
  it('is true for root with the full capability set', () => {
    expect(hasNetAdmin('Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n')).toBe(true);
  });
  it('is true for a binary granted only cap_net_admin (bit 12)', () => {
    expect(hasNetAdmin('CapEff:\t0000000000001000\n')).toBe(true);
  });
  it('is false for an ordinary user and for cap_net_raw alone (bit 13)', () => {
    expect(hasNetAdmin('CapEff:\t0000000000000000\n')).toBe(false);
    expect(hasNetAdmin('CapEff:\t0000000000002000\n')).toBe(false);
  });
  it('is false when the line is missing', () => {
    expect(hasNetAdmin('Name:\tnode\n')).toBe(false);
  });
});
