import { describe, expect, it } from 'vitest';
import type { PtzFrame } from '../../../src/contract/ptz';
import { FrameRing, framesToCsv, framesToText } from '../../../src/ptz/service/frame-log';

const frame = (i: number, extra: Partial<PtzFrame> = {}): PtzFrame => ({ dir: i % 2 ? 'rx' : 'tx', at: `2024-01-01T00:00:0${i % 10}.000Z`, hex: `8${i % 8} FF`, meaning: `m${i}`, ...extra });

describe('frame log ring', () => {
  it('keeps the newest frames up to its capacity, oldest first', () => {
    const r = new FrameRing(3);
    for (let i = 0; i < 5; i++) r.push(frame(i));
    expect(r.list().map((f) => f.meaning)).toEqual(['m2', 'm3', 'm4']);
    expect(r.list(2).map((f) => f.meaning)).toEqual(['m3', 'm4']);
    expect(r.total).toBe(5);
  });

  it('returns what arrived since a cursor, as far as the ring still holds it', () => {
    const r = new FrameRing(4);
    r.push(frame(0));
    const mark = r.total;
    for (let i = 1; i < 4; i++) r.push(frame(i));
    expect(r.since(mark).map((f) => f.meaning)).toEqual(['m1', 'm2', 'm3']);
    for (let i = 4; i < 10; i++) r.push(frame(i));
    expect(r.since(mark).map((f) => f.meaning)).toEqual(['m6', 'm7', 'm8', 'm9']);
    expect(r.since(r.total)).toEqual([]);
  });
});

describe('frame log export', () => {
  it('writes CSV with quoting and neutralises formula-looking cells', () => {
    const csv = framesToCsv([
      frame(1, { meaning: 'cam 1: version = {"vendor":1}', latencyMs: 3 }),
      frame(2, { meaning: '=cmd|calc', discarded: true }),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'time,dir,bytes,meaning,latency_ms,discarded',
      '2024-01-01T00:00:01.000Z,rx,81 FF,"cam 1: version = {""vendor"":1}",3,',
      '2024-01-01T00:00:02.000Z,tx,82 FF,"=cmd|calc",,yes',
      '',
    ]);
  });

  it('writes aligned text lines with latencies', () => {
    expect(framesToText([frame(0), frame(1, { hex: '90 41 FF', latencyMs: 2 })])).toBe(
      '2024-01-01T00:00:00.000Z  TX  80 FF     m0\n2024-01-01T00:00:01.000Z  RX  90 41 FF  m1  (2 ms)\n',
    );
    expect(framesToText([])).toBe('');
  });
});
