import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseAlarmFile } from '../../../src/alarms/formats';
import { parseIsapi } from '../../../src/alarms/formats/isapi';
import { parseOnvifXml } from '../../../src/alarms/formats/onvif';
import type { ParseOutcome } from '../../../src/alarms/types';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/alarms/${name}`, import.meta.url));
const parse = (name: string, device?: string): ParseOutcome => {
  const bytes = fixture(name);
  const fmt = detectFormat(bytes);
  if (fmt !== 'jsonl' && fmt !== 'csv' && fmt !== 'onvif-xml' && fmt !== 'isapi-xml') throw new Error(fmt);
  const out = parseAlarmFile(bytes, fmt, { device });
  if (typeof out === 'string') throw new Error(out);
  return out;
};

describe('format detection', () => {
  it('recognises every sample', () => {
    expect(
      ['site-a.jsonl', 'site-b.csv', 'onvif-notify.xml', 'onvif-pull.xml', 'isapi-single.xml', 'isapi-alertstream.bin'].map((f) => detectFormat(fixture(f))),
    ).toEqual(['jsonl', 'csv', 'onvif-xml', 'onvif-xml', 'isapi-xml', 'isapi-xml']);
  });

  it('says why it cannot tell', () => {
    expect(detectFormat(Buffer.from(''))).toBe('the file is empty');
    expect(detectFormat(Buffer.from('<html><body>hi</body></html>'))).toMatch(/neither an ONVIF notification nor/);
    expect(detectFormat(Buffer.from('\x00\x01\x02garbage'))).toMatch(/unrecognised content/);
  });
});

describe('FieldKit JSONL and CSV', () => {
  it('reads the JSONL sample with snake_case columns and keeps offsets', () => {
    const out = parse('site-a.jsonl');
    expect(out.rejected).toEqual([]);
    expect(out.records).toHaveLength(8);
    expect(out.records[3]).toEqual({
      line: 4,
      record: {
        device: 'NVR-01', opId: 1004, seId: 'nvr01-door-7783', kind: 'event', type: 'door-lock-failed', severity: 'minor', action: 'event',
        time: '2024-03-05T15:10:03+08:00', message: '门禁 2 号门开锁失败 (door 2 failed to open)', source: 'access',
      },
    });
  });

  it('reads the CSV sample: quoted commas, doubled quotes, a two-line message, an empty se_id', () => {
    const out = parse('site-b.csv');
    expect(out.rejected).toEqual([]);
    expect(out.records.map((r) => [r.line, r.record.opId, r.record.seId, r.record.message])).toEqual([
      [2, 200, 'wh-cam1-vl', 'Video loss, channel 1'],
      [3, 201, 'wh-cam1-vl', 'Video restored channel 1'],
      [4, 202, 'wh-dio-3', 'Input 3 "back door" opened'],
      [5, 203, undefined, 'Rebooted after\r\npower loss'],
      [7, 204, 'wh-formula', '=HYPERLINK("http://evil.example")'],
    ]);
  });

  it('rejects malformed JSONL lines one by one with line numbers and reasons, keeping good lines', () => {
    const out = parse('malformed.jsonl');
    expect(out.records.map((r) => r.line)).toEqual([1, 9]);
    expect(out.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(out.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^not JSON/),
      'severity "loud" is not one of critical, major, minor, warning, info',
      'an event cannot be "raise" (events are one-shot: action must be event)',
      'time "2024-01-10 08:03:00" has no UTC offset (write Z or +hh:mm)',
      'not a JSON object',
      'missing device',
      'op_id "-7" is not a non-negative integer',
    ]);
    // The same, as codes and values a UI words in its own language.
    expect(out.rejected.map((r) => [r.code, r.params])).toEqual([
      ['not-json', {}],
      ['bad-severity', { value: 'loud', allowed: 'critical, major, minor, warning, info' }],
      ['event-not-one-shot', { action: 'raise' }],
      ['time-no-offset', { field: 'time', value: '2024-01-10 08:03:00' }],
      ['not-json-object', {}],
      ['missing-field', { field: 'device' }],
      ['bad-op-id', { value: '-7' }],
    ]);
  });

  it('rejects malformed CSV rows with line numbers and reasons', () => {
    const out = parse('malformed.csv');
    expect(out.records.map((r) => r.line)).toEqual([2, 7]);
    expect(out.rejected).toEqual([
      { line: 3, reason: 'stray quote inside unquoted field 9 (quote the field and double the quote)', code: 'csv-malformed-row', params: {} },
      { line: 4, reason: 'has 8 fields, the header has 9', code: 'csv-field-count', params: { fields: 8, expected: 9 } },
      { line: 5, reason: 'unexpected character after a closing quote in field 9', code: 'csv-malformed-row', params: {} },
      { line: 6, reason: 'time "2024-13-10T08:01:00Z" is out of range', code: 'time-invalid', params: { field: 'time', value: '2024-13-10T08:01:00Z' } },
    ]);
  });

  it('refuses a CSV whose header lacks required columns', () => {
    expect(parseAlarmFile(Buffer.from('device,action,foo\nx,raise,1\n'), 'csv')).toMatch(/lacks column\(s\) kind, type, severity, time/);
  });
});

describe('ONVIF notifications', () => {
  it('maps motion, digital input, tamper and signal loss; Initialized=false is a soft clear', () => {
    const out = parse('onvif-notify.xml');
    expect(out.rejected).toEqual([]);
    expect(out.records.map((r) => [r.line, r.record.type, r.record.action, r.record.severity, r.record.time, !!r.record.softClear])).toEqual([
      [8, 'motion', 'clear', 'warning', '2024-03-05T06:22:11Z', true],
      [23, 'motion', 'raise', 'warning', '2024-03-05T06:25:40Z', false],
      [37, 'motion', 'clear', 'warning', '2024-03-05T06:25:52Z', false],
      [51, 'digital-input', 'raise', 'major', '2024-03-05T06:30:00Z', false],
      [61, 'tamper', 'raise', 'major', '2024-03-05T06:31:15Z', false],
      [75, 'signal-loss', 'raise', 'critical', '2024-03-05T06:40:00Z', false],
      [85, 'signal-loss', 'clear', 'critical', '2024-03-05T06:43:20Z', false],
    ]);
    const r = out.records[1]!.record;
    expect(r.device).toBe('192.168.1.108');
    expect(r.seId).toBe('onvif:RuleEngine/CellMotionDetector/Motion|VideoSourceConfigurationToken=VideoSourceToken VideoAnalyticsConfigurationToken=VideoAnalyticsToken Rule=MyMotionDetectorRule');
    expect(out.records[3]!.record.seId).toBe('onvif:Device/Trigger/DigitalInput|InputToken=DI_1');
  });

  it('matches by namespace whatever the prefixes, needs a device when there is no ProducerReference, and rejects a message without UtcTime', () => {
    const without = parse('onvif-pull.xml');
    expect(without.records).toEqual([]);
    expect(without.rejected.map((r) => r.line)).toEqual([7, 11, 15]);
    expect(without.rejected[0]!.reason).toMatch(/no device/);
    expect(without.rejected.map((r) => r.code)).toEqual(['onvif-no-device', 'onvif-no-device', 'onvif-no-utc-time']);
    const out = parse('onvif-pull.xml', 'axis-q1615');
    expect(out.records.map((r) => [r.record.device, r.record.type, r.record.action, r.record.time])).toEqual([
      ['axis-q1615', 'motion', 'raise', '2024-03-05T06:59:58.250Z'],
      ['axis-q1615', 'storage-disruption', 'raise', '2024-03-05T07:00:01Z'],
    ]);
    expect(out.rejected).toEqual([{ line: 15, reason: 'tt:Message of VideoSource/MotionAlarm has no UtcTime', code: 'onvif-no-utc-time', params: { topic: 'VideoSource/MotionAlarm' } }]);
  });

  it('refuses hostile XML (DTD / entities) without expanding anything', () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><wsnt:Notify xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2">&lol2;</wsnt:Notify>`;
    const out = parseOnvifXml(evil);
    expect(out.records).toEqual([]);
    expect(out.rejected).toEqual([{ line: 1, reason: expect.stringMatching(/DOCTYPE or ENTITY/), code: 'xml-dtd-forbidden', params: {} }]);
  });

  it('reports a truncated document as a rejection, not a crash', () => {
    const text = fixture('onvif-notify.xml').toString('utf8');
    const out = parseOnvifXml(text.slice(0, 2000));
    expect(out.records).toEqual([]);
    expect(out.rejected[0]!.reason).toMatch(/malformed XML/);
    expect(out.rejected[0]!.code).toBe('xml-malformed');
  });
});

describe('Hikvision ISAPI alerts', () => {
  it('reads a single EventNotificationAlert', () => {
    const out = parse('isapi-single.xml');
    expect(out.records).toEqual([
      {
        line: 2,
        record: {
          device: '192.168.1.64', kind: 'alarm', type: 'line-crossing', severity: 'major', action: 'raise', time: '2024-03-05T14:22:11+08:00',
          message: 'linedetection alarm', source: 'isapi ch1 东门 East gate mac 44:19:b6:5a:1c:2e', seId: 'isapi:linedetection:ch1',
        },
      },
    ]);
  });

  it('splits a multipart alert stream, skips the JPEG part, and marks videoloss heartbeats as soft clears', () => {
    const out = parse('isapi-alertstream.bin');
    expect(out.rejected).toEqual([]);
    expect(out.skipped).toBe(1);
    expect(out.records.map((r) => [r.record.type, r.record.action, r.record.seId, !!r.record.softClear])).toEqual([
      ['signal-loss', 'clear', 'isapi:videoloss:ch1', true],
      ['motion', 'raise', 'isapi:vmd:ch1', false],
      ['motion', 'raise', 'isapi:vmd:ch1', false],
      ['motion', 'raise', 'isapi:vmd:ch1', false],
      ['motion', 'clear', 'isapi:vmd:ch1', false],
      ['digital-input', 'raise', 'isapi:io:ch0:io2', false],
      ['digital-input', 'clear', 'isapi:io:ch0:io2', false],
      ['signal-loss', 'clear', 'isapi:videoloss:ch1', true],
      ['tamper', 'raise', 'isapi:tamperdetection:ch1', false],
    ]);
    expect(out.records[0]!.line).toBe(1);
    expect(out.records[1]!.line).toBeGreaterThan(out.records[0]!.line);
  });

  it('survives a wrong Content-Length, a part without headers, a bad eventState and a DTD part', () => {
    const alert = (state: string) =>
      `<EventNotificationAlert xmlns="http://www.hikvision.com/ver20/XMLSchema"><ipAddress>10.0.0.9</ipAddress><dateTime>2024-03-05T14:22:11+08:00</dateTime><eventType>IO</eventType><eventState>${state}</eventState></EventNotificationAlert>`;
    const stream =
      `--bnd\r\nContent-Type: application/xml\r\nContent-Length: 12\r\n\r\n${alert('active')}\r\n` +
      `--bnd\r\n\r\n${alert('inactive')}\r\n` +
      `--bnd\r\nContent-Type: application/xml\r\n\r\n${alert('blinking')}\r\n` +
      `--bnd\r\nContent-Type: application/xml\r\n\r\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${alert('active')}\r\n--bnd--\r\n`;
    const out = parseIsapi(Buffer.from(stream));
    expect(out.records.map((r) => r.record.action)).toEqual(['raise', 'clear']);
    expect(out.rejected.map((r) => [r.line, r.reason.replace(/\(.*$/, '').trim()])).toEqual([
      [9, 'eventState "blinking" is not active or inactive'],
      [13, 'XML with a DOCTYPE or ENTITY declaration is refused'],
    ]);
    expect(out.rejected.map((r) => [r.code, r.params])).toEqual([['isapi-bad-event-state', { value: 'blinking' }], ['xml-dtd-forbidden', {}]]);
  });

  it('rejects an alert without a UTC offset or a device', () => {
    const out = parseIsapi(
      Buffer.from('<EventNotificationAlert><dateTime>2024-03-05T14:22:11</dateTime><eventType>VMD</eventType><eventState>active</eventState><ipAddress>1.2.3.4</ipAddress></EventNotificationAlert>\n<EventNotificationAlert><dateTime>2024-03-05T14:22:11Z</dateTime><eventType>VMD</eventType><eventState>active</eventState></EventNotificationAlert>'),
    );
    expect(out.rejected).toEqual([
      { line: 1, reason: 'dateTime: time "2024-03-05T14:22:11" has no UTC offset (write Z or +hh:mm)', code: 'time-no-offset', params: { field: 'dateTime', value: '2024-03-05T14:22:11' } },
      { line: 2, reason: 'no device: the alert has no ipAddress or macAddress', code: 'isapi-no-device', params: {} },
    ]);
  });
});
