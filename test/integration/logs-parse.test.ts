// util-linux `logger` sends real syslog to loopback listeners; the deframer and parser must read
// every field back. Loopback only (127.0.0.1), ephemeral ports.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyslogDeframer, parseSyslog } from '../../src/logs/parse';
import type { DeframeEvent, DeframerOptions, SyslogMessage } from '../../src/logs/parse';

const HOST = hostname();
const SHORT_HOST = HOST.split('.')[0];

function logger(port: number, args: string[], stdin = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('logger', ['-n', '127.0.0.1', '-P', String(port), ...args], (err) => (err ? reject(err) : resolve()));
    child.stdin?.on('error', () => {}); // logger closes stdin early when the message is an argument
    child.stdin?.end(stdin);
  });
}

describe('logger → UDP listener → parseSyslog', () => {
  const udp = createSocket('udp4');
  const waiting: ((m: Buffer) => void)[] = [];
  let port = 0;

  beforeAll(async () => {
    udp.on('message', (m) => waiting.shift()?.(m));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    port = udp.address().port;
  });
  afterAll(() => new Promise<void>((r) => udp.close(() => r())));

  async function send(args: string[]): Promise<SyslogMessage> {
    const got = new Promise<Buffer>((r) => waiting.push(r));
    await logger(port, args);
    return parseSyslog(await got, { received: new Date() });
  }

  it('RFC 3164 with TAG[PID]', async () => {
    const before = new Date();
    const m = await send(['-d', '--rfc3164', '--id=777', '-t', 'cam', '-p', 'local0.warning', 'tamper alarm']);
    expect(m).toMatchObject({
      format: 'rfc3164', facility: 16, severity: 4, facilityName: 'local0', severityName: 'warning', version: null,
      host: SHORT_HOST, app: 'cam', procid: '777', msgid: null, structured: [], message: 'tamper alarm', malformed: false,
    });
    // logger writes local wall-clock time without an offset; compare as local time, to the second.
    const sent = new Date(m.time ?? '');
    expect(Math.abs(sent.getTime() - before.getTime())).toBeLessThan(5_000);
  });

  it('RFC 5424 with MSGID, structured data and Chinese text', async () => {
    const m = await send(['-d', '--rfc5424', '-t', 'nvr', '-p', 'local4.err', '--msgid', 'VLOSS',
      '--sd-id', 'zoo@32473', '--sd-param', 'tiger="hungry"', '--sd-param', 'q="a \\"b\\" [c\\]"', '视频丢失 通道2']);
    expect(m).toMatchObject({
      format: 'rfc5424', version: 1, facility: 20, severity: 3, facilityName: 'local4', severityName: 'err',
      host: HOST, app: 'nvr', procid: null, msgid: 'VLOSS', message: '视频丢失 通道2', malformed: false, problems: [],
    });
    expect(m.structured[1]).toEqual({ id: 'zoo@32473', params: { tiger: 'hungry', q: 'a "b" [c]' } });
    expect(Math.abs(Date.parse(m.time ?? '') - Date.now())).toBeLessThan(5_000);
    expect(m.time).toMatch(/[+-]\d\d:\d\d$/);
  });
});

describe('logger → TCP listener → SyslogDeframer → parseSyslog', () => {
  const server = createServer();
  let port = 0;
  let onConnection: (events: Promise<DeframeEvent[]>) => void = () => {};
  let deframerOptions: DeframerOptions = {};

  beforeAll(async () => {
    server.on('connection', (conn) => {
      const d = new SyslogDeframer(deframerOptions);
      const events: DeframeEvent[] = [];
      conn.on('data', (chunk: Buffer) => events.push(...d.push(chunk)));
      onConnection(new Promise((r) => conn.on('close', () => r([...events, ...d.end()]))));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function send(args: string[], stdin: string, options: DeframerOptions = {}): Promise<{ events: DeframeEvent[]; msgs: SyslogMessage[] }> {
    deframerOptions = options;
    const conn = new Promise<Promise<DeframeEvent[]>>((r) => (onConnection = r));
    await logger(port, ['-T', ...args], stdin);
    const events = await (await conn);
    const msgs = events.map((e) => parseSyslog(e.bytes));
    return { events, msgs };
  }

  it('LF framing, RFC 3164, one message per stdin line', async () => {
    const { events, msgs } = await send(['--rfc3164', '-t', 'cam', '-p', 'daemon.notice'], 'line one\nline two\nline three\n');
    expect(events.map((e) => e.type === 'message' && e.framing)).toEqual(['non-transparent', 'non-transparent', 'non-transparent']);
    expect(msgs.map((m) => [m.format, m.facilityName, m.severityName, m.host, m.app, m.message, m.malformed])).toEqual([
      ['rfc3164', 'daemon', 'notice', SHORT_HOST, 'cam', 'line one', false],
      ['rfc3164', 'daemon', 'notice', SHORT_HOST, 'cam', 'line two', false],
      ['rfc3164', 'daemon', 'notice', SHORT_HOST, 'cam', 'line three', false],
    ]);
  });

  it('octet counting, RFC 5424, including a 4000-byte message and Chinese text', async () => {
    const long = `${'y'.repeat(3990)}-END-4000`;
    const { events, msgs } = await send(['--octet-count', '-S', '8192', '--rfc5424', '-t', 'cam', '-p', 'local0.info'], `${long}\n摄像头离线\nbye\n`);
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e).toMatchObject({ type: 'message', framing: 'octet-counting', truncated: false, incomplete: false });
      if (e.type === 'message') expect(e.bytes.length).toBe(e.declaredLength);
    }
    expect(msgs.map((m) => m.message)).toEqual([long, '摄像头离线', 'bye']);
    for (const m of msgs) {
      expect(m).toMatchObject({ format: 'rfc5424', version: 1, facility: 16, severity: 6, host: HOST, app: 'cam', malformed: false });
    }
  });

  it('octet counting with a small cap truncates the long message and keeps the next ones', async () => {
    const { events, msgs } = await send(['--octet-count', '-S', '8192', '--rfc5424', '-t', 'cam'], `${'z'.repeat(3000)}\nafter\n`, { maxMessageBytes: 512 });
    expect(events.map((e) => e.type === 'message' && [e.truncated, e.bytes.length, e.declaredLength! > 3000])).toEqual([
      [true, 512, true], [false, events[1]?.bytes.length, false],
    ]);
    expect(msgs[0]).toMatchObject({ format: 'rfc5424', app: 'cam' });
    expect(msgs[0]?.message).toMatch(/^z+$/);
    expect(msgs[1]?.message).toBe('after');
  });
});
