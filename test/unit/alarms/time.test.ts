import { describe, expect, it } from 'vitest';
import { FLAG, parseAlarmTime, timeFlags } from '../../../src/alarms/time';

describe('alarm times', () => {
  it('keeps the text as written and derives the UTC instant from the offset', () => {
    expect(parseAlarmTime('2024-03-05T14:22:11+08:00')).toEqual({ iso: '2024-03-05T14:22:11+08:00', ms: Date.parse('2024-03-05T06:22:11Z') });
    expect(parseAlarmTime('2024-03-05T01:30:00-0530')).toEqual({ iso: '2024-03-05T01:30:00-0530', ms: Date.parse('2024-03-05T07:00:00Z') });
    expect(parseAlarmTime('2024-03-05T06:59:58.250Z')).toEqual({ iso: '2024-03-05T06:59:58.250Z', ms: Date.parse('2024-03-05T06:59:58.250Z') });
    expect(parseAlarmTime('2024-03-05 06:59Z')).toMatchObject({ ms: Date.parse('2024-03-05T06:59:00Z') });
  });

  it('refuses times without an offset, impossible dates and garbage, saying why', () => {
    expect(parseAlarmTime('2024-03-05T14:22:11')).toMatch(/no UTC offset/);
    expect(parseAlarmTime('2024-02-30T00:00:00Z')).toMatch(/not a real date/);
    expect(parseAlarmTime('2024-03-05T25:00:00Z')).toMatch(/out of range/);
    expect(parseAlarmTime('2024-03-05T10:00:00+15:00')).toMatch(/impossible offset/);
    expect(parseAlarmTime('last tuesday')).toMatch(/not ISO 8601/);
  });

  it('flags before-2000 and future (beyond 10 minutes of skew)', () => {
    const now = Date.parse('2024-07-01T00:00:00Z');
    expect(timeFlags(Date.parse('1999-12-31T23:59:59Z'), now)).toBe(FLAG.before2000);
    expect(timeFlags(now + 9 * 60_000, now)).toBe(0);
    expect(timeFlags(now + 11 * 60_000, now)).toBe(FLAG.future);
  });
});
