import { describe, expect, it } from 'vitest';
import { SyslogDeframer, parseSyslog } from '../../../src/logs/parse';
import type { DeframeEvent, DeframerOptions } from '../../../src/logs/parse';
import { LONG_LINE, bytes, capture, text } from './captures';

const stream = (name: string): Uint8Array => capture(name).packets[0] ?? new Uint8Array(0);

/** Deframe `input` cut into the given chunks, then close; events in a comparable form. */
function deframe(input: Uint8Array, cuts: number[] = [], options?: DeframerOptions) {
  const d = new SyslogDeframer(options);
  const events: DeframeEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    events.push(...d.push(input.subarray(from, cut)));
    from = cut;
  }
  events.push(...d.end());
  return { framing: d.framing, events: events.map((e) => ({ ...e, bytes: text(e.bytes) })) };
}

const messages = (r: ReturnType<typeof deframe>) => r.events.filter((e) => e.type === 'message').map((e) => e.bytes);

describe('RFC 6587 deframing of logger TCP streams', () => {
  it('splits LF-terminated RFC 3164 messages', () => {
    const r = deframe(stream('tcp-3164-lf'));
    expect(r.framing).toBe('non-transparent');
    const msgs = messages(r).map((m) => parseSyslog(m));
    expect(msgs.map((m) => m.message)).toEqual(['first line', 'second line']);
    expect(msgs.map((m) => m.app)).toEqual(['cam', 'cam']);
    expect(r.events.every((e) => e.type === 'message' && !e.truncated && !e.incomplete && e.declaredLength === null)).toBe(true);
  });

  it('splits octet-counted RFC 5424 messages with SD and Chinese text', () => {
    const r = deframe(stream('tcp-5424-octet'));
    expect(r.framing).toBe('octet-counting');
    expect(r.events).toHaveLength(3);
    for (const e of r.events) {
      expect(e.type).toBe('message');
      if (e.type === 'message') expect(new TextEncoder().encode(e.bytes).length).toBe(e.declaredLength);
    }
    const msgs = messages(r).map((m) => parseSyslog(m));
    expect(msgs.map((m) => m.message)).toEqual(['first line', '摄像头离线', 'third [x] line']);
    expect(msgs[1]?.structured[1]).toEqual({ id: 'zoo@32473', params: { tiger: 'hungry' } });
  });

  it('splits octet-counted RFC 3164 and a 4000-byte message', () => {
    expect(messages(deframe(stream('tcp-3164-octet'))).map((m) => parseSyslog(m).message)).toEqual(['one', 'two']);
    const long = deframe(stream('tcp-5424-octet-long'));
    expect(long.events[0]).toMatchObject({ type: 'message', declaredLength: 4089, truncated: false });
    expect(messages(long).map((m) => parseSyslog(m).message)).toEqual([LONG_LINE, 'after long']);
  });

  it.each(['tcp-3164-lf', 'tcp-5424-lf', 'tcp-5424-octet', 'tcp-3164-octet', 'tcp-5424-octet-long'])(
    '%s: the same output whichever byte the stream is split at',
    (name) => {
      const input = stream(name);
      const whole = deframe(input);
      for (let cut = 1; cut < input.length; cut++) expect(deframe(input, [cut])).toEqual(whole);
      const everyByte = Array.from({ length: input.length - 1 }, (_, i) => i + 1);
      expect(deframe(input, everyByte)).toEqual(whole);
    },
  );
});

describe('length cap', () => {
  it('truncates an over-long octet-counted message, flags it, and reads the next one', () => {
    const r = deframe(stream('tcp-5424-octet-long'), [2, 3000], { maxMessageBytes: 1000 });
    expect(r.events).toHaveLength(2);
    expect(r.events[0]).toMatchObject({ type: 'message', truncated: true, declaredLength: 4089 });
    expect(r.events[0]?.bytes).toHaveLength(1000);
    expect(parseSyslog(r.events[1]?.bytes ?? '').message).toBe('after long');
  });

  it('truncates an over-long LF line on a character boundary and recovers at the next LF', () => {
    const input = bytes('<14>摄像头离线摄像头离线\n<14>ok\r\n');
    const r = deframe(input, [5, 9], { maxMessageBytes: 12 });
    expect(r.events).toEqual([
      { type: 'message', bytes: '<14>摄像', framing: 'non-transparent', truncated: true, incomplete: false, declaredLength: null },
      { type: 'message', bytes: '<14>ok', framing: 'non-transparent', truncated: false, incomplete: false, declaredLength: null },
    ]);
  });

  it('does not flag a line of exactly the cap', () => {
    expect(deframe(bytes('<14>abcd\r\n<14>x\n'), [], { maxMessageBytes: 8 }).events.map((e) => e.type === 'message' && e.truncated))
      .toEqual([false, false]);
  });
});

describe('garbage and odd streams', () => {
  it('reports junk between octet-counted frames up to the next LF', () => {
    const r = deframe(bytes('5 <14>a junk!\n5 <14>b'));
    expect(r.events.map((e) => [e.type, e.bytes])).toEqual([['message', '<14>a'], ['garbage', 'junk!'], ['message', '<14>b']]);
    expect(r.events[1]).toMatchObject({ reason: 'expected an octet count (digits then a space)' });
  });

  it('resynchronises at the next "LEN SP <" without any LF', () => {
    const input = bytes('5 <14>axyz12 5 <14>b');
    const whole = deframe(input);
    expect(whole.events.map((e) => [e.type, e.bytes])).toEqual([['message', '<14>a'], ['garbage', 'xyz12 '], ['message', '<14>b']]);
    for (let cut = 1; cut < input.length; cut++) expect(deframe(input, [cut])).toEqual(whole);
  });

  it('reports an octet count of 0 and one of more than 9 digits', () => {
    expect(deframe(bytes('5 <14>a0 x\n')).events[1]).toMatchObject({ type: 'garbage', bytes: '0 x', reason: 'octet count of 0' });
    expect(deframe(bytes('5 <14>a1234567890 x\n')).events[1]).toMatchObject({ type: 'garbage', reason: 'octet count longer than 9 digits' });
  });

  it('skips LFs some senders put after octet-counted frames', () => {
    expect(messages(deframe(bytes('5 <14>a\n\r\n5 <14>b\n')))).toEqual(['<14>a', '<14>b']);
  });

  it('accepts NUL as a terminator and skips empty lines', () => {
    expect(messages(deframe(bytes('<14>a\0<14>b\n\n\n<14>c\n')))).toEqual(['<14>a', '<14>b', '<14>c']);
  });

  it('treats a first line that starts with digits but no space as LF framing', () => {
    const r = deframe(bytes('2026-11-03 08:15:02 cam started\n5 <14>a\n'));
    expect(r.framing).toBe('non-transparent');
    expect(messages(r)).toEqual(['2026-11-03 08:15:02 cam started', '5 <14>a']);
  });

  it('flags frames cut short by the connection closing', () => {
    expect(deframe(bytes('10 <14>abc')).events).toEqual([
      { type: 'message', bytes: '<14>abc', framing: 'octet-counting', truncated: false, incomplete: true, declaredLength: 10 },
    ]);
    expect(deframe(bytes('<14>no newline')).events[0]).toMatchObject({ bytes: '<14>no newline', incomplete: true });
    expect(deframe(bytes('5 <14>a12')).events[1]).toMatchObject({ type: 'garbage', bytes: '12', reason: 'connection closed inside an octet count' });
  });
});
