import { describe, expect, it } from 'vitest';
import { parseTime } from '../../../src/hosts/cli/commands/logs';

describe('logs search --since/--until (CLI)', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('takes ages and ISO times with their offset', () => {
    expect(parseTime('--since', '15m', now)).toBe('2026-03-01T11:45:00.000Z');
    expect(parseTime('--since', '2d', now)).toBe('2026-02-27T12:00:00.000Z');
    expect(parseTime('--until', '2026-03-01T10:00:00+08:00', now)).toBe('2026-03-01T02:00:00.000Z');
    expect(parseTime('--until', '2026-03-01T10:00:00Z', now)).toBe('2026-03-01T10:00:00.000Z');
  });
  it('refuses what Date.parse would bend: impossible dates, no offset, loose words', () => {
    expect(() => parseTime('--since', '2026-02-30T00:00:00Z', now)).toThrow(/--since must be an ISO time/);
    expect(() => parseTime('--since', '2026-03-01T10:00:00', now)).toThrow(/no UTC offset/);
    expect(() => parseTime('--until', 'Mar 5', now)).toThrow(/not ISO 8601/);
    expect(() => parseTime('--until', '1', now)).toThrow(/--until must be/);
  });
});
