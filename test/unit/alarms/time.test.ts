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

  it('reads the common shape exactly as the general rules do (fractions, leap days, offsets, case)', () => {
    // Deterministic sample across centuries and offsets, checked against the platform's ISO parser.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pad = (v: number, w = 2) => String(v).padStart(w, '0');
    for (let i = 0; i < 2000; i++) {
      const t = `${pad(1000 + rnd(2000), 4)}-${pad(1 + rnd(12))}-${pad(1 + rnd(28))}T${pad(rnd(24))}:${pad(rnd(60))}:${pad(rnd(60))}`;
      const frac = rnd(2) ? `.${pad(rnd(1000), 3)}` : '';
      const off = rnd(3) === 0 ? 'Z' : `${rnd(2) ? '+' : '-'}${pad(rnd(15))}:${pad(rnd(4) * 15)}`;
      expect(parseAlarmTime(t + frac + off)).toEqual({ iso: t + frac + off, ms: Date.parse(t + frac + off) });
    }
    expect(parseAlarmTime('2024-03-05T06:59:58.5Z')).toMatchObject({ ms: Date.parse('2024-03-05T06:59:58.500Z') });
    expect(parseAlarmTime('2024-03-05T06:59:58,25+01:00')).toMatchObject({ ms: Date.parse('2024-03-05T05:59:58.250Z') });
    expect(parseAlarmTime('2024-03-05T06:59:58.123456789Z')).toMatchObject({ ms: Date.parse('2024-03-05T06:59:58.123Z') });
    expect(parseAlarmTime('2024-03-05T06:59:58.1234567890Z')).toMatch(/not ISO 8601/);
    expect(parseAlarmTime('2024-03-05t06:59:58z')).toMatchObject({ ms: Date.parse('2024-03-05T06:59:58Z') });
    expect(parseAlarmTime(' 2024-03-05T06:59:58Z ')).toEqual({ iso: '2024-03-05T06:59:58Z', ms: Date.parse('2024-03-05T06:59:58Z') });
    expect(parseAlarmTime('2024-02-29T00:00:00Z')).toMatchObject({ ms: Date.parse('2024-02-29T00:00:00Z') });
    expect(parseAlarmTime('2000-02-29T00:00:00Z')).toMatchObject({ ms: Date.parse('2000-02-29T00:00:00Z') });
    expect(parseAlarmTime('2100-02-29T00:00:00Z')).toMatch(/not a real date/);
    expect(parseAlarmTime('2023-04-31T00:00:00Z')).toMatch(/not a real date/);
    expect(parseAlarmTime('2024-03-05T10:00:00+14:60')).toMatch(/impossible offset/);
    expect(parseAlarmTime('2024-03-05T10:00:60Z')).toMatchObject({ ms: Date.parse('2024-03-05T10:00:59Z') });
    expect(parseAlarmTime('2024-13-05T10:00:00Z')).toMatch(/out of range/);
    expect(parseAlarmTime('2024-03-05T10:00:00+08:00x')).toMatch(/not ISO 8601/);
  });

  it('flags before-2000 and future (beyond 10 minutes of skew)', () => {
    const now = Date.parse('2024-07-01T00:00:00Z');
    expect(timeFlags(Date.parse('1999-12-31T23:59:59Z'), now)).toBe(FLAG.before2000);
    expect(timeFlags(now + 9 * 60_000, now)).toBe(0);
    expect(timeFlags(now + 11 * 60_000, now)).toBe(FLAG.future);
  });
});

describe('alarm times with years below 100', () => {
  it('keeps the written year instead of Date.UTC\'s 19xx (a garbage year is flagged, not moved)', () => {
    const t = parseAlarmTime('0024-03-01T00:00:00Z');
    expect(t).toEqual({ iso: '0024-03-01T00:00:00Z', ms: Date.parse('0024-03-01T00:00:00Z') });
    expect(new Date((t as { ms: number }).ms).getUTCFullYear()).toBe(24);
    expect(timeFlags((t as { ms: number }).ms, Date.parse('2026-01-01T00:00:00Z'))).toBe(FLAG.before2000);
    const z = parseAlarmTime('0000-01-01T00:00:00+01:00');
    expect(z).toEqual({ iso: '0000-01-01T00:00:00+01:00', ms: Date.parse('0000-01-01T00:00:00Z') - 3_600_000 });
    // Year 3 has no 29 February (1903 has none either, but 1904 does): the check uses the real year.
    expect(parseAlarmTime('0003-02-29T00:00:00Z')).toMatch(/not a real date/);
    expect(parseAlarmTime('0004-02-29T00:00:00Z')).toEqual({ iso: '0004-02-29T00:00:00Z', ms: Date.parse('0004-02-29T00:00:00Z') });
    expect(parseAlarmTime('0100-02-29T00:00:00Z')).toMatch(/not a real date/);
  });
});
