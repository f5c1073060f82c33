import { describe, expect, it } from 'vitest';
import { parseSyslog } from '../../../src/logs/parse';
import { LONG_LINE, bytes, capture, captureHost, packet, text } from './captures';

const TIME_QUALITY = { id: 'timeQuality', params: { tzKnown: '1', isSynced: '0' } };

/** The TIMESTAMP logger wrote, read straight from the bytes (second header token). */
const sentTime = (b: Uint8Array): string => text(b).split(' ')[1] ?? '';

describe('RFC 5424 messages captured from util-linux logger', () => {
  it('reads every header field of a local0.warning message with MSGID', () => {
    const raw = packet('udp-5424');
    const m = parseSyslog(raw, { received: capture('udp-5424').capturedAt });
    expect(m).toMatchObject({
      format: 'rfc5424', version: 1, facility: 16, severity: 4, facilityName: 'local0', severityName: 'warning',
      host: captureHost, app: 'cam', procid: null, msgid: 'MOTION', message: 'motion detected',
      structured: [TIME_QUALITY], malformed: false, problems: [], rawHex: null,
    });
    expect(m.time).toBe(sentTime(raw));
    expect(m.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(m.timeRaw).toBe(m.time);
    expect(Math.abs(Date.parse(m.time ?? '') - capture('udp-5424').capturedAt.getTime())).toBeLessThan(60_000);
  });

  it('unescapes \\" \\\\ and \\] in SD-PARAM values and keeps SD elements in order', () => {
    const m = parseSyslog(packet('udp-5424-sd'));
    expect(m.facilityName).toBe('local4');
    expect(m.severityName).toBe('err');
    expect(m.structured).toEqual([
      TIME_QUALITY,
      { id: 'zoo@32473', params: { tiger: 'hungry', path: 'C:\\x "q" [a]' } },
    ]);
    expect(m.message).toBe('the zoo');
    expect(m.malformed).toBe(false);
  });

  it('decodes a Chinese MSG', () => {
    const m = parseSyslog(packet('udp-5424-chinese'));
    expect(m).toMatchObject({ facilityName: 'daemon', severityName: 'info', app: 'nvr', message: '摄像头离线 通道3' });
  });

  it('reads PROCID from --id (logger sends -p kern.emerg as user.emerg, PRI 8)', () => {
    const m = parseSyslog(packet('udp-5424-pid'));
    expect(text(packet('udp-5424-pid')).startsWith('<8>1 ')).toBe(true);
    expect(m).toMatchObject({ facility: 1, severity: 0, facilityName: 'user', severityName: 'emerg', procid: '4242' });
  });

  it('maps NILVALUE fields (--rfc5424=notime,nohost) to null without complaint', () => {
    const m = parseSyslog(packet('udp-5424-notime-nohost'));
    expect(m).toMatchObject({
      time: null, timeRaw: null, host: null, app: 'cam', procid: null, msgid: null, structured: [],
      message: 'bare', malformed: false,
    });
  });

  it('keeps a 4000-byte MSG whole', () => {
    const m = parseSyslog(packet('udp-5424-long'));
    expect(m.message).toBe(LONG_LINE);
    expect(m.malformed).toBe(false);
  });
});

describe('RFC 5424 details', () => {
  const parse = (s: string) => parseSyslog(bytes(s));

  it('removes the UTF-8 BOM that starts MSG', () => {
    const m = parseSyslog(Uint8Array.from([...bytes('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 - '), 0xef, 0xbb, 0xbf, ...bytes('通道1 offline')]));
    expect(m.message).toBe('通道1 offline');
    expect(m.raw.includes('\uFEFF')).toBe(true);
    expect(m.malformed).toBe(false);
  });

  it('keeps the offset as sent and normalises t/z case', () => {
    expect(parse('<34>1 2026-03-01t08:00:00.5+08:00 h a - - - x').time).toBe('2026-03-01T08:00:00.5+08:00');
    expect(parse('<34>1 2026-03-01T08:00:00z h a - - - x').time).toBe('2026-03-01T08:00:00Z');
  });

  it('flags impossible dates and offsets but keeps the raw timestamp', () => {
    const m = parse('<34>1 2026-02-29T08:00:00Z h a - - - x');
    expect(m).toMatchObject({ time: null, timeRaw: '2026-02-29T08:00:00Z', host: 'h', message: 'x', malformed: true });
    expect(m.problems[0]).toMatch(/day 29 does not exist/);
    expect(parse('<34>1 2028-02-29T08:00:00Z h a - - - x').time).toBe('2028-02-29T08:00:00Z');
    expect(parse('<34>1 2026-01-01T08:00:00+25:00 h a - - - x').problems[0]).toMatch(/UTC offset/);
  });

  it('flags a timestamp without offset as not RFC 3339', () => {
    const m = parse('<34>1 2026-01-01T08:00:00 h a - - - x');
    expect(m).toMatchObject({ time: null, timeRaw: '2026-01-01T08:00:00', host: 'h', malformed: true });
  });

  it('collects repeated PARAM-NAMEs into an array and reports a repeated SD-ID', () => {
    const m = parse('<34>1 - h a - - [x@1 ip="10.0.0.1" ip="10.0.0.2"][x@1 k="v"] m');
    expect(m.structured).toEqual([{ id: 'x@1', params: { ip: ['10.0.0.1', '10.0.0.2'] } }, { id: 'x@1', params: { k: 'v' } }]);
    expect(m.problems).toEqual(['SD-ID "x@1" appears more than once']);
  });

  it('keeps a backslash that escapes nothing, and a hostile __proto__ name as plain data', () => {
    const m = parse('<34>1 - h a - - [x@1 __proto__="p" path="C:\\temp"] m');
    const params = m.structured[0]?.params ?? {};
    expect(Object.keys(params)).toEqual(['__proto__', 'path']);
    expect(params['path']).toBe('C:\\temp');
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('reports a header that stops early', () => {
    const m = parse('<34>1 2026-01-01T08:00:00Z host app');
    expect(m).toMatchObject({ host: 'host', app: 'app', procid: null, malformed: true });
    expect(m.problems).toEqual(['header ends before PROCID']);
  });

  it('reports an unsupported VERSION and over-long fields', () => {
    const m = parse(`<34>2 - h ${'a'.repeat(49)} - - - x`);
    expect(m.version).toBe(2);
    expect(m.problems).toEqual(['unsupported VERSION 2 (read as version 1)', 'APP-NAME is longer than 48 characters']);
  });
});
