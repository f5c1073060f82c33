import { describe, expect, it } from 'vitest';
import { LineSplitter, SyslogDeframer, type ConsoleLine, type DeframeEvent } from '../../../src/logs/parse';

// Garbage on the wire: a TCP syslog stream and a serial console, fed random bytes in random chunks.
// Whatever arrives, nothing throws, caps hold, and how the bytes were chunked never changes the result.

let seed = 20261122;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed % n;
};
/** Bytes biased towards what framing reacts to: digits, spaces, LF, CR, NUL, '<', and UTF-8 lead bytes. */
const stream = (len: number): Uint8Array => {
  const special = [0x30, 0x31, 0x39, 0x20, 0x0a, 0x0d, 0x00, 0x3c, 0x3e, 0xe6, 0x91, 0x84, 0xff];
  return Uint8Array.from({ length: len }, () => (rand(3) ? special[rand(special.length)]! : rand(256)));
};
const chunks = (bytes: Uint8Array): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + rand(40);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
};
const summary = (events: DeframeEvent[]) =>
  events.map((e) => (e.type === 'message' ? `m:${e.framing}:${e.truncated}:${e.incomplete}:${Buffer.from(e.bytes).toString('hex')}` : `g:${Buffer.from(e.bytes).toString('hex')}`));

describe('TCP syslog deframer on random streams', () => {
  it('never throws, keeps every message within the cap, and is independent of chunking', () => {
    for (let k = 0; k < 400; k++) {
      const bytes = stream(rand(600));
      const max = 16 + rand(64);
      const whole = new SyslogDeframer({ maxMessageBytes: max });
      const a = [...whole.push(bytes), ...whole.end()];
      const split = new SyslogDeframer({ maxMessageBytes: max });
      const b = [...chunks(bytes).flatMap((c) => split.push(c)), ...split.end()];
      expect(summary(b)).toEqual(summary(a));
      for (const e of a) if (e.type === 'message') expect(e.bytes.length).toBeLessThanOrEqual(max);
    }
  });
});

describe('serial console line splitter on random bytes', () => {
  const run = (parts: Uint8Array[], max: number): ConsoleLine[] => {
    const lines: ConsoleLine[] = [];
    const s = new LineSplitter((l) => lines.push(l), { maxLineBytes: max, idleFlushMs: 0 });
    for (const p of parts) s.push(p);
    s.close();
    return lines;
  };

  it('never throws, cuts within the cap, and is independent of chunking', () => {
    for (let k = 0; k < 400; k++) {
      const bytes = stream(rand(600));
      const max = 8 + rand(64);
      const a = run([bytes], max);
      const b = run(chunks(bytes), max);
      expect(b.map((l) => [l.text, l.end, l.truncated, l.continuation])).toEqual(a.map((l) => [l.text, l.end, l.truncated, l.continuation]));
      for (const l of a) expect(Buffer.byteLength(l.text.replace(/\uFFFD/g, '?'))).toBeLessThanOrEqual(max);
    }
  });

  it('loses no byte of ASCII text: the lines joined are the input without its line endings', () => {
    for (let k = 0; k < 200; k++) {
      const text = Array.from({ length: rand(500) }, () => 'ab \r\n\t'[rand(6)]).join('');
      const lines = run(chunks(Buffer.from(text)), 32);
      expect(lines.map((l) => l.text).join('')).toBe(text.replace(/[\r\n]/g, ''));
    }
  });
});
