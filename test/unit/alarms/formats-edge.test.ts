import { describe, expect, it } from 'vitest';
import { parseIsapi } from '../../../src/alarms/formats/isapi';
import { parseOnvifXml } from '../../../src/alarms/formats/onvif';
import { parseJsonl } from '../../../src/alarms/formats/jsonl';
import { makeAlarms } from './harness';

// "前门" (front gate) in GB2312, as Chinese-market Hikvision firmware writes channelName.
const FRONT_GATE_GB2312 = Buffer.from([0xc7, 0xb0, 0xc3, 0xc5]);

const alert = (decl: string) =>
  Buffer.concat([
    Buffer.from(`${decl}<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
<ipAddress>192.168.1.64</ipAddress><channelID>1</channelID><dateTime>2024-03-05T10:00:00+08:00</dateTime>
<eventType>VMD</eventType><eventState>active</eventState><channelName>`),
    FRONT_GATE_GB2312,
    Buffer.from('</channelName></EventNotificationAlert>\n'),
  ]);

describe('ISAPI documents honour their XML declaration', () => {
  it('a single GB2312 document decodes as the same part inside a multipart stream does', () => {
    const doc = alert('<?xml version="1.0" encoding="GB2312"?>\n');
    const multipart = Buffer.concat([Buffer.from('--boundary\r\nContent-Type: application/xml; charset="GB2312"\r\n\r\n'), doc, Buffer.from('\r\n--boundary--\r\n')]);
    const inStream = parseIsapi(multipart);
    expect(inStream.rejected).toEqual([]);
    expect(inStream.records[0]?.record.source).toContain('前门');
    const single = parseIsapi(doc);
    expect(single.rejected).toEqual([]);
    expect(single.records[0]?.record.source).toContain('前门');
  });

  it('several concatenated documents each decode by their own declaration, on the line of their element', () => {
    const utf8 = Buffer.from(alert('<?xml version="1.0" encoding="UTF-8"?>\n').toString('latin1').replace(/\xc7\xb0\xc3\xc5/, 'north'), 'latin1');
    const both = Buffer.concat([alert('<?xml version="1.0" encoding="GB2312"?>\n'), utf8]);
    const out = parseIsapi(both);
    expect(out.rejected).toEqual([]);
    expect(out.records.map((r) => r.line)).toEqual([2, 6]);
    expect(out.records[0]?.record.source).toContain('前门');
    expect(out.records[1]?.record.source).toContain('north');
  });
});

describe('a multipart stream whose parts are never found is reported', () => {
  const xml = '<EventNotificationAlert xmlns="http://www.hikvision.com/ver20/XMLSchema"><ipAddress>192.168.1.64</ipAddress>' +
    '<dateTime>2024-03-05T10:00:00+08:00</dateTime><eventType>VMD</eventType><eventState>active</eventState></EventNotificationAlert>';

  it('a declared boundary the body does not use falls back to the boundary of the first delimiter line', () => {
    // Firmware that puts the dashes into the declared boundary (boundary=--myboundary) and writes "--myboundary" lines.
    const stream = Buffer.from(
      'HTTP/1.1 200 OK\r\nContent-Type: multipart/mixed; boundary=--myboundary\r\n\r\n' +
        `--myboundary\r\nContent-Type: application/xml\r\nContent-Length: ${xml.length}\r\n\r\n${xml}\r\n` +
        `--myboundary\r\nContent-Type: application/xml\r\nContent-Length: ${xml.length}\r\n\r\n${xml}\r\n`,
    );
    const out = parseIsapi(stream);
    expect(out.rejected).toEqual([]);
    expect(out.skipped).toBe(0);
    expect(out.records.map((r) => r.line)).toEqual([4, 9]);
  });

  it('a stream in which no boundary delimits a part gives one rejection on line 1, not an empty success', () => {
    const stream = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: multipart/mixed; boundary=abc\r\n\r\n${xml}\r\n`);
    const out = parseIsapi(stream);
    expect(out.records).toEqual([]);
    expect(out.rejected).toHaveLength(1);
    expect(out.rejected[0]).toMatchObject({ line: 1, code: 'multipart-no-boundary', params: { boundary: 'abc' } });
    expect(out.rejected[0]!.reason).toContain('"abc"');
  });
});

describe('XML imports keep the control-character rule of JSONL/CSV imports', () => {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
  const isapiXml = '<EventNotificationAlert xmlns="http://www.hikvision.com/ver20/XMLSchema"><ipAddress>10.0.0.1\x1b[2J</ipAddress>' +
    '<dateTime>2024-03-05T10:00:00+08:00</dateTime><eventType>VMD</eventType><eventState>active</eventState>' +
    '<eventDescription>motion\x1b]0;owned\x07\x1b[31m</eventDescription></EventNotificationAlert>';

  it('an ISAPI alert with raw ESC sequences (illegal in XML 1.0) never stores them', async () => {
    const { svc } = makeAlarms();
    const report = await svc.importText('alert.xml', isapiXml);
    expect(report.imported).toBe(0);
    expect(report.rejected).toEqual([
      { line: 1, code: 'field-control-chars', params: { field: 'device' }, reason: 'device contains control characters' },
    ]);
    for (const i of svc.list().items) {
      expect(CONTROL.test(i.device), 'device').toBe(false);
      expect(CONTROL.test(i.message), 'message').toBe(false);
    }
  });

  it('an ISAPI or ONVIF record is refused with the reason a JSONL record with the same text gets', () => {
    const jsonl = parseJsonl(JSON.stringify({ device: 'cam', kind: 'alarm', type: 'motion', severity: 'warning', action: 'raise', time: '2024-03-05T10:00:00Z', message: 'a\x1bb' }));
    const isapi = parseIsapi(Buffer.from(isapiXml.replace('\x1b[2J', '')));
    const onvif = parseOnvifXml(
      '<wsnt:Notify xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tt="http://www.onvif.org/ver10/schema"><wsnt:NotificationMessage>' +
        '<wsnt:Topic>tns1:VideoSource/MotionAlarm</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2024-03-05T10:00:00Z">' +
        '<tt:Data><tt:SimpleItem Name="State\x1b[2J" Value="true"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage></wsnt:Notify>',
      { device: 'cam' },
    );
    const { line: _l, ...want } = jsonl.rejected[0]!;
    expect(want).toEqual({ code: 'field-control-chars', params: { field: 'message' }, reason: 'message contains control characters' });
    expect(isapi.records).toEqual([]);
    expect(isapi.rejected.map(({ line: _, ...r }) => r)).toEqual([want]);
    expect(onvif.records).toEqual([]);
    expect(onvif.rejected.map(({ line: _, ...r }) => r)).toEqual([want]);
  });

  it('a clean XML record passes the same checks and keeps its soft clear', () => {
    const heartbeat = '<EventNotificationAlert xmlns="http://www.hikvision.com/ver20/XMLSchema"><ipAddress>10.0.0.1</ipAddress>' +
      '<dateTime>2024-03-05T10:00:00+08:00</dateTime><eventType>videoloss</eventType><eventState>inactive</eventState></EventNotificationAlert>';
    const out = parseIsapi(Buffer.from(heartbeat));
    expect(out.rejected).toEqual([]);
    expect(out.records[0]?.record).toMatchObject({ device: '10.0.0.1', action: 'clear', type: 'signal-loss', softClear: true });
  });
});
