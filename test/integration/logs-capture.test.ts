// util-linux `logger` is the real client: every field of every framing reaches the store, and what
// parses badly is stored raw and flagged. Loopback only, ephemeral ports.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/contract/logs';
import { staticDeviceDirectory } from '../../src/logs/device-directory';
import { captureOnTempDb, logger, until } from './logs-support';

const HOST = hostname();
const SHORT_HOST = HOST.split('.')[0];

describe('syslog capture from logger into the store', () => {
  const t = captureOnTempDb({ devices: staticDeviceDirectory({ '127.0.0.1': { id: 'cam-1', name: 'Lobby camera' } }), maxMessageBytes: 1024 });
  let udp = 0;
  let tcp = 0;

  beforeAll(async () => {
    const ls = await t.capture.start({ udpPort: 0, tcpPort: 0, bind: '127.0.0.1' });
    udp = ls.find((l) => l.transport === 'udp')!.port;
    tcp = ls.find((l) => l.transport === 'tcp')!.port;
    expect(udp).toBeGreaterThan(0);
    expect(tcp).toBeGreaterThan(0);
  });
  afterAll(() => t.close());

  /** Sends, waits for `n` new entries, and returns them from the database. */
  async function sendAndRead(n: number, send: () => Promise<void>): Promise<LogEntry[]> {
    const before = t.capture.status().counts.received;
    await send();
    await until(() => t.capture.status().counts.received >= before + n, `${n} entries`);
    await t.capture.flush();
    const r = t.capture.store.search({}, { limit: n, offset: 0, order: 'newest' });
    return r.entries.reverse();
  }

  it('RFC 3164 over UDP', async () => {
    const [e] = await sendAndRead(1, () => logger(udp, ['-d', '--rfc3164', '--id=777', '-t', 'cam', '-p', 'local0.warning', 'tamper alarm']));
    expect(e).toMatchObject({
      transport: 'udp', format: 'rfc3164', sourceAddress: '127.0.0.1', host: SHORT_HOST, app: 'cam', procid: '777',
      facility: 16, severity: 4, facilityName: 'local0', severityName: 'warning', message: 'tamper alarm', malformed: false,
      device: { id: 'cam-1', name: 'Lobby camera' }, raw: null,
    });
    expect(e?.source).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(e?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('RFC 5424 over UDP with MSGID, structured data and Chinese text, searchable by a Chinese word', async () => {
    const [e] = await sendAndRead(1, () => logger(udp, ['-d', '--rfc5424', '-t', 'nvr', '-p', 'local4.err', '--msgid', 'VLOSS',
      '--sd-id', 'zoo@32473', '--sd-param', 'tiger="hungry"', '视频丢失 通道2']));
    expect(e).toMatchObject({ format: 'rfc5424', host: HOST, app: 'nvr', msgid: 'VLOSS', severity: 3, facility: 20, message: '视频丢失 通道2' });
    expect(e?.structured).toContainEqual({ id: 'zoo@32473', params: { tiger: 'hungry' } });
    expect(e?.time).toMatch(/[+-]\d\d:\d\d$/);
    expect(t.capture.store.search({ text: '丢失' }, { limit: 5, offset: 0, order: 'newest' }).entries.map((x) => x.id)).toEqual([e?.id]);
    expect(t.capture.store.search({ text: 'hungry' }, { limit: 5, offset: 0, order: 'newest' }).total).toBe(1);
  });

  it('TCP with LF framing, several messages on one connection', async () => {
    const list = await sendAndRead(3, () => logger(tcp, ['-T', '--rfc3164', '-t', 'cam', '-p', 'daemon.notice'], 'one\ntwo\n三\n'));
    expect(list.map((e) => [e.transport, e.format, e.message, e.malformed])).toEqual([
      ['tcp', 'rfc3164', 'one', false], ['tcp', 'rfc3164', 'two', false], ['tcp', 'rfc3164', '三', false],
    ]);
  });

  it('TCP with octet counting; an over-long message is cut, flagged, kept raw, and the next one still arrives', async () => {
    const long = 'x'.repeat(3000);
    const list = await sendAndRead(2, () => logger(tcp, ['-T', '--octet-count', '-S', '8192', '--rfc5424', '-t', 'cam'], `${long}\nafter\n`));
    expect(list[0]).toMatchObject({ truncated: true, malformed: true, format: 'rfc5424', app: 'cam' });
    expect(list[0]?.problems.join(' ')).toMatch(/longer than the limit/);
    expect(list[0]?.raw?.length).toBe(1024);
    expect(list[1]).toMatchObject({ message: 'after', truncated: false, malformed: false });
  });

  it('an over-long UDP message (60 000 bytes) is stored whole', async () => {
    const long = `${'长'.repeat(100)}${'y'.repeat(59_000)}`;
    const [e] = await sendAndRead(1, () => logger(udp, ['-d', '--rfc5424', '-S', '65000', '-t', 'cam', long]));
    expect(e?.message).toBe(long);
  });

  it('garbage over UDP and TCP is stored raw and flagged, never dropped', async () => {
    const list = await sendAndRead(4, async () => {
      const s = createSocket('udp4');
      await new Promise<void>((r) => s.send(Buffer.from([0xff, 0xfe, 0x41, 0x0a]), udp, '127.0.0.1', () => r()));
      s.close();
      const c = connect(tcp, '127.0.0.1');
      await new Promise<void>((r) => c.once('connect', r));
      // Octet counting, then a bad header: the junk line is kept as garbage, the next frame still parses.
      c.end('10 <13>hello!junk line\n8 <13>bye!');
    });
    const byTransport = list.sort((a, b) => a.transport.localeCompare(b.transport));
    const [tcp1, tcp2, tcp3] = list.filter((e) => e.transport === 'tcp');
    const [u] = byTransport.filter((e) => e.transport === 'udp');
    expect(u).toMatchObject({ malformed: true, format: 'unknown', rawHex: 'fffe410a' });
    expect([tcp1?.message, tcp1?.malformed]).toEqual(['hello!', true]);
    expect(tcp2).toMatchObject({ malformed: true, message: 'junk line' });
    expect(tcp2?.problems[0]).toMatch(/not a syslog frame/);
    expect(tcp3?.message).toBe('bye!');
    expect(t.capture.status().counts.malformed).toBeGreaterThanOrEqual(4);
  });

  it('rules turn link and reboot lines into alarm records with the known device, and the live tail sees entries', async () => {
    t.records.length = 0;
    await sendAndRead(2, async () => {
      await logger(udp, ['-d', '--rfc5424', '-t', 'kernel', 'eth0: Link is Down']);
      await logger(udp, ['-d', '--rfc5424', '-t', 'kernel', 'eth0: Link is Up - 100Mbps/Full']);
    });
    await until(() => t.records.length >= 2, 'alarm records');
    expect(t.records.map((r) => [r.device, r.type, r.action, r.seId])).toEqual([
      ['cam-1', 'link-down', 'raise', 'cam-1/link-down/eth0'],
      ['cam-1', 'link-down', 'clear', 'cam-1/link-down/eth0'],
    ]);
    await until(() => t.tails.some((ev) => ev.entries.some((e) => e.message === 'eth0: Link is Up - 100Mbps/Full')), 'live tail');
    expect(t.statuses.at(-1)?.listeners).toHaveLength(2);
  });
});
