import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/ptz/hex';
import { isAnyHeader, isCommandHeader, isReplyHeader, ViscaFrameSplitter } from '../../../src/ptz/visca/splitter';
import type { Discarded } from '../../../src/ptz/visca/splitter';

// A receive stream as a controller might see it: noise, replies, an over-long run, a stray FF.
const STREAM = fromHex(
  '00 13 37 ' + // line noise before anything
  '90 41 FF ' + // ACK socket 1
  '90 50 02 FF ' + // inquiry reply
  '7E ' + // noise between packets
  '90 51 FF ' + // completion
  'A0 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 FF ' + // 19 bytes: over-long
  'FF ' + // stray terminator
  '90 FF ' + // too short
  '90 50 00 01 05 13 01 00 02 FF ' + // version reply
  '88 30 03 FF', // AddressSet reply
);
const FRAMES = ['90 41 FF', '90 50 02 FF', '90 51 FF', '90 50 00 01 05 13 01 00 02 FF', '88 30 03 FF'];

function run(chunks: Uint8Array[], opts = {}): { frames: string[]; discarded: Discarded[] } {
  const s = new ViscaFrameSplitter(opts);
  const frames: string[] = [];
  const discarded: Discarded[] = [];
  for (const c of chunks) {
    const r = s.push(c);
    frames.push(...r.frames.map((f) => toHex(f)));
    discarded.push(...r.discarded);
  }
  return { frames, discarded };
}

/** Discarded bytes of one reason, joined (runs may be reported in pieces across chunks). */
const discardedBytes = (d: Discarded[], reason: string): string =>
  d.filter((x) => x.reason === reason).map((x) => toHex(x.bytes)).join(' ');

describe('ViscaFrameSplitter', () => {
  it('extracts packets and reports every discarded byte', () => {
    const { frames, discarded } = run([STREAM], { isHeader: isReplyHeader });
    expect(frames).toEqual(FRAMES);
    expect(discardedBytes(discarded, 'no-header')).toBe('00 13 37 7E FF');
    expect(discardedBytes(discarded, 'too-long')).toBe('A0 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 FF');
    expect(discardedBytes(discarded, 'too-short')).toBe('90 FF');
    const total = discarded.reduce((n, d) => n + d.bytes.length, 0);
    const kept = FRAMES.join(' ').split(' ').length;
    expect(total + kept).toBe(STREAM.length);
  });

  it('gives the same packets for the stream split at every single point', () => {
    for (let i = 0; i <= STREAM.length; i++) {
      const { frames, discarded } = run([STREAM.subarray(0, i), STREAM.subarray(i)], { isHeader: isReplyHeader });
      expect(frames, `split at ${i}`).toEqual(FRAMES);
      expect(discardedBytes(discarded, 'too-long').split(' ')).toHaveLength(19);
    }
  });

  it('gives the same packets byte by byte and for pseudo-random multi-way splits', () => {
    expect(run(Array.from(STREAM, (b) => Uint8Array.of(b)), { isHeader: isReplyHeader }).frames).toEqual(FRAMES);
    let seed = 12345;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let trial = 0; trial < 200; trial++) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < STREAM.length; ) {
        const n = 1 + Math.floor(rnd() * 6);
        chunks.push(STREAM.subarray(i, i + n));
        i += n;
      }
      expect(run(chunks, { isHeader: isReplyHeader }).frames).toEqual(FRAMES);
    }
  });

  it('accepts exactly 16 bytes and rejects 17', () => {
    const sixteen = fromHex('90 50 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D FF');
    expect(run([sixteen]).frames).toEqual([toHex(sixteen)]);
    const seventeen = fromHex('90 50 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E FF 90 41 FF');
    const r = run([seventeen]);
    expect(r.frames).toEqual(['90 41 FF']);
    expect(r.discarded.map((d) => d.reason)).toEqual(['too-long']);
  });

  it('header predicates tell replies from commands', () => {
    expect([0x88, 0x90, 0xa0, 0xf0].every(isReplyHeader)).toBe(true);
    expect([0x81, 0x91, 0x7f, 0xff].some(isReplyHeader)).toBe(false);
    expect([0x81, 0x87, 0x88].every(isCommandHeader)).toBe(true);
    expect(isCommandHeader(0x90)).toBe(false);
    expect(isAnyHeader(0xff)).toBe(false);
  });

  it('reset drops a half-received packet and says so', () => {
    const s = new ViscaFrameSplitter();
    s.push(fromHex('90 50 01'));
    expect(s.pending).toBe(3);
    expect(toHex(s.reset()?.bytes ?? new Uint8Array())).toBe('90 50 01');
    expect(s.push(fromHex('02 FF 90 41 FF')).frames.map((f) => toHex(f))).toEqual(['90 41 FF']);
  });
});
