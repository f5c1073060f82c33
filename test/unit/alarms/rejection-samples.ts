/**
 * One input per rejection the alarm import can give, run through the core's own parsers, so the
 * tests of the codes (core) and of their wording (renderer) both follow the core.
 */
import type { AlarmRejection } from '../../../src/contract';
import { parseFieldkitCsv } from '../../../src/alarms/formats/csv';
import { parseIsapi } from '../../../src/alarms/formats/isapi';
import { parseJsonl } from '../../../src/alarms/formats/jsonl';
import { parseOnvifXml } from '../../../src/alarms/formats/onvif';
import { rejection, xmlProblem } from '../../../src/alarms/formats/problems';

const ok = { device: 'cam-1', type: 'motion', kind: 'alarm', severity: 'major', action: 'raise', time: '2024-05-01T08:00:00+08:00' };
const jsonl = (rec: Record<string, unknown>) => JSON.stringify({ ...ok, ...rec });
const WSNT = 'xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tt="http://www.onvif.org/ver10/schema"';
const nm = (inner: string) => `<wsnt:Notify ${WSNT}><wsnt:NotificationMessage>${inner}</wsnt:NotificationMessage></wsnt:Notify>`;
const HIK = 'xmlns="http://www.hikvision.com/ver20/XMLSchema"';
const alert = (inner: string) => `<EventNotificationAlert ${HIK}>${inner}</EventNotificationAlert>`;

/** [expected code, the rejection the core gave] for every code. */
export function sampleRejections(): Array<[string, AlarmRejection | undefined]> {
  const lines = [
    jsonl({ device: undefined }),
    jsonl({ device: 7 }),
    jsonl({ type: 'x'.repeat(101) }),
    jsonl({ message: 'a\u0001b' }),
    jsonl({ kind: 'incident' }),
    jsonl({ severity: 'loud' }),
    jsonl({ action: 'toggle' }),
    jsonl({ kind: 'event', action: 'raise' }),
    jsonl({ action: 'event' }),
    jsonl({ time: '2024-05-01 08:00:00' }),
    jsonl({ time: 'yesterday' }),
    jsonl({ op_id: '-7' }),
    'x'.repeat(64 * 1024 + 1),
    '{not json',
    '[1, 2]',
  ];
  const j = parseJsonl(lines.join('\n')).rejected;
  const csvOut = parseFieldkitCsv('device,kind,type,severity,action,time\ncam,alarm,motion,major,raise\ncam,alarm,"motion,major,raise,2024-05-01T08:00:00Z\n');
  const csv = typeof csvOut === 'string' ? [] : csvOut.rejected;
  const onvif = (inner: string) => parseOnvifXml(nm(inner)).rejected[0];
  const isapi = (text: string) => parseIsapi(Buffer.from(text)).rejected[0];
  const msg = '<wsnt:Topic>tns1:VideoSource/MotionAlarm</wsnt:Topic><wsnt:Message><tt:Message UtcTime="2024-05-01T08:00:00Z"><tt:Data><tt:SimpleItem Name="State" Value="true"/></tt:Data></tt:Message></wsnt:Message>';
  return [
    ['missing-field', j[0]], ['field-not-text', j[1]], ['field-too-long', j[2]], ['field-control-chars', j[3]],
    ['bad-kind', j[4]], ['bad-severity', j[5]], ['bad-action', j[6]], ['event-not-one-shot', j[7]], ['alarm-not-raise-or-clear', j[8]],
    ['time-no-offset', j[9]], ['time-invalid', j[10]], ['bad-op-id', j[11]],
    ['line-too-long', j[12]], ['not-json', j[13]], ['not-json-object', j[14]],
    ['csv-field-count', csv[0]], ['csv-malformed-row', csv[1]],
    ['xml-too-large', isapi(alert('x'.repeat(4 * 1024 * 1024)))],
    ['xml-dtd-forbidden', onvif('<!DOCTYPE x>')],
    ['xml-encoding', parseIsapi(Buffer.concat([Buffer.from(alert('<eventType>')), Buffer.from([0xff, 0xfe]), Buffer.from('</eventType>')])).rejected[0]],
    ['xml-malformed', parseOnvifXml(`<wsnt:Notify ${WSNT}><wsnt:NotificationMessage>`).rejected[0]],
    ['xml-entity', isapi(alert('<eventType>&nope;</eventType>'))],
    ['xml-namespace', isapi(alert('<x:eventType>IO</x:eventType>'))],
    ['xml-too-deep', isapi(alert('<a>'.repeat(300) + '</a>'.repeat(300)))],
    ['isapi-no-event-type', isapi(alert('<dateTime>2024-05-01T08:00:00Z</dateTime>'))],
    ['isapi-bad-event-state', isapi(alert('<eventType>IO</eventType><eventState>blinking</eventState>'))],
    ['isapi-no-date-time', isapi(alert('<eventType>IO</eventType><eventState>active</eventState>'))],
    ['isapi-no-device', isapi(alert('<eventType>IO</eventType><eventState>active</eventState><dateTime>2024-05-01T08:00:00Z</dateTime>'))],
    ['isapi-not-alert', parseIsapi(Buffer.from('--bnd\r\nContent-Type: application/xml\r\n\r\n<Other/>\r\n--bnd--\r\n')).rejected[0]],
    ['isapi-no-alert', isapi('<Other/>')],
    ['multipart-no-boundary', isapi('Content-Type: multipart/mixed\r\n\r\n<EventNotificationAlert/>')],
    ['onvif-no-topic', onvif('<wsnt:Message/>')],
    ['onvif-no-message', onvif('<wsnt:Topic>tns1:VideoSource/MotionAlarm</wsnt:Topic>')],
    ['onvif-no-utc-time', onvif('<wsnt:Topic>tns1:VideoSource/MotionAlarm</wsnt:Topic><wsnt:Message><tt:Message/></wsnt:Message>')],
    ['onvif-no-device', onvif(msg)],
    ['onvif-no-notification', parseOnvifXml(`<wsnt:Notify ${WSNT}/>`).rejected[0]],
    // The safe parser throws only XmlError; anything else it might throw is still a rejection.
    ['xml-unreadable', rejection(1, xmlProblem(new RangeError('stack exhausted')))],
  ];
}
