import { describe, expect, it } from 'vitest';
import { parseSyslog } from '../../../src/logs/parse';
import { capture, captureHost, packet, text } from './captures';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 22 11:45:06` + year → `2026-11-22T11:45:06`, computed independently of the parser. */
function isoOf(bsd: string, year: number): string {
  const [mon, day, hms] = bsd.split(/ +/);
  const mm = String(MONTHS.indexOf(mon ?? '') + 1).padStart(2, '0');
  return `${year}-${mm}-${(day ?? '').padStart(2, '0')}T${hms}`;
}

describe('RFC 3164 messages captured from util-linux logger', () => {
  it('reads PRI, timestamp, host, tag and message', () => {
    const c = capture('udp-3164');
    const raw = text(packet('udp-3164'));
    const m = parseSyslog(packet('udp-3164'), { received: c.capturedAt });
    const timeRaw = raw.slice(raw.indexOf('>') + 1, raw.indexOf('>') + 16);
    expect(m).toMatchObject({
      format: 'rfc3164', version: null, facility: 16, severity: 4, facilityName: 'local0', severityName: 'warning',
      timeRaw, host: captureHost.split('.')[0], app: 'cam', procid: null, msgid: null, structured: [],
      message: 'motion detected on channel 1', malformed: false, problems: [],
    });
    expect(m.time).toBe(isoOf(timeRaw, c.capturedAt.getUTCFullYear()));
  });

  it('reads TAG[PID]', () => {
    const m = parseSyslog(packet('udp-3164-pid'));
    expect(m).toMatchObject({ app: 'cam', procid: '4242', message: 'with pid', severityName: 'emerg', malformed: false });
  });

  it('decodes a Chinese message', () => {
    expect(parseSyslog(packet('udp-3164-chinese')).message).toBe('摄像头离线 通道3');
  });
});

describe('RFC 3164 year resolution', () => {
  const at = (s: string, received: string) => parseSyslog(s, { received: new Date(received) });

  it('puts a December message received in January in the previous year', () => {
    expect(at('<13>Dec 31 23:59:58 h t: x', '2027-01-01T00:00:03Z').time).toBe('2026-12-31T23:59:58');
  });

  it('puts a January message received in December (sender clock ahead) in the next year', () => {
    expect(at('<13>Jan  1 00:00:01 h t: x', '2026-12-31T23:59:59Z').time).toBe('2027-01-01T00:00:01');
  });

  it('uses the received year otherwise', () => {
    expect(at('<13>Jun 15 10:00:00 h t: x', '2026-11-22T00:00:00Z').time).toBe('2026-06-15T10:00:00');
  });

  it('accepts Feb 29 only in a leap year', () => {
    expect(at('<13>Feb 29 10:00:00 h t: x', '2028-03-01T00:00:00Z').time).toBe('2028-02-29T10:00:00');
    const m = at('<13>Feb 29 10:00:00 h t: x', '2027-03-01T00:00:00Z');
    expect(m).toMatchObject({ time: null, timeRaw: 'Feb 29 10:00:00', host: 'h', app: 't', malformed: true });
  });
});

// Hand-written in the shapes camera, NVR and embedded-Linux firmwares send (not captures from devices).
describe('camera-style RFC 3164 variants', () => {
  const received = new Date('2026-11-05T12:00:00Z');
  const cases: [string, string, Record<string, unknown>][] = [
    ['Hikvision style: IP as HOSTNAME, space-padded day, TAG[PID]',
      '<14>Nov  3 08:15:02 192.168.1.64 hikvision[123]: Motion Detection Started, Channel 1',
      { time: '2026-11-03T08:15:02', host: '192.168.1.64', app: 'hikvision', procid: '123', message: 'Motion Detection Started, Channel 1', problems: [] }],
    ['Dahua style: date with a space instead of T, no offset',
      '<134>2026-11-03 08:15:02 IPC-HDW2431 VideoMotion: start, channel 0',
      { time: '2026-11-03T08:15:02', timeRaw: '2026-11-03 08:15:02', host: 'IPC-HDW2431', app: 'VideoMotion', message: 'start, channel 0', problems: [] }],
    ['Axis style: RFC 3339 timestamp with offset in a BSD header',
      '<30>2026-11-03T08:15:02.123+01:00 axis-b8a44f3c2d1e dhcpcd[842]: eth0: leased 192.168.1.90',
      { time: '2026-11-03T08:15:02.123+01:00', host: 'axis-b8a44f3c2d1e', app: 'dhcpcd', procid: '842', message: 'eth0: leased 192.168.1.90' }],
    ['colon-less offset normalised, value kept', '<30>2026-11-03T08:15:02+0530 cam app: x',
      { time: '2026-11-03T08:15:02+05:30', timeRaw: '2026-11-03T08:15:02+0530' }],
    ['busybox syslogd: no HOSTNAME', '<30>Nov  3 08:15:02 udhcpc[233]: lease obtained',
      { host: null, app: 'udhcpc', procid: '233', message: 'lease obtained', problems: ['no HOSTNAME'] }],
    ['no TIMESTAMP, TAG first', '<11>alarm: Video loss on channel 2',
      { time: null, host: null, app: 'alarm', severityName: 'err', message: 'Video loss on channel 2', problems: ['no TIMESTAMP'] }],
    ['PRI then prose: nothing guessed', '<38>User logged into the appliance. User: admin.',
      { host: null, app: null, message: 'User logged into the appliance. User: admin.', problems: ['no TIMESTAMP'] }],
    ['no PRI but a BSD header', 'Nov  3 08:15:02 cam01 sshd[901]: Accepted password for admin',
      { format: 'rfc3164', facility: null, host: 'cam01', app: 'sshd', procid: '901', problems: ['no PRI'] }],
    ['Cisco style: year inside the timestamp', '<187>Nov  3 2026 08:15:02 switch01 %LINK-3-UPDOWN: Interface Gi1/0/5, changed state to down',
      { time: '2026-11-03T08:15:02', host: 'switch01', app: '%LINK-3-UPDOWN', facilityName: 'local7', severityName: 'err' }],
    ['zero-padded day and fractional seconds', '<14>Nov 03 08:15:02.250 nvr recorder: disk full',
      { time: '2026-11-03T08:15:02.250', host: 'nvr', app: 'recorder', message: 'disk full' }],
    ['IPv6 HOSTNAME is not mistaken for a TAG', '<14>Nov  3 08:15:02 fe80::1 cam: hello',
      { host: 'fe80::1', app: 'cam', message: 'hello' }],
    ['HOSTNAME and prose, no TAG', '<14>Nov  3 08:15:02 cam01 Recording started',
      { host: 'cam01', app: null, message: 'Recording started', problems: [] }],
    ['TAG without a space before MSG', '<14>Nov  3 08:15:02 cam01 onvif:probe ok',
      { host: 'cam01', app: null, message: 'onvif:probe ok' }],
    ['timestamp only', '<14>Nov  3 08:15:02', { time: '2026-11-03T08:15:02', message: '', problems: ['no HOSTNAME'] }],
    ['trailing LF and NUL from a UDP sender are dropped', '<14>Nov  3 08:15:02 cam01 app: x\n\0',
      { message: 'x', raw: '<14>Nov  3 08:15:02 cam01 app: x', problems: [] }],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    const m = parseSyslog(input, { received });
    expect(m).toMatchObject({ format: 'rfc3164', ...expected });
    expect(m.malformed).toBe(m.problems.length > 0);
  });
});
