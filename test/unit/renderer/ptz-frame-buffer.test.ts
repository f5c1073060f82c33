import { describe, expect, it } from 'vitest';
import type { PtzFrame } from '../../../src/contract';
import {
  appendFrames,
  clearFrames,
  emptyFrameBuffer,
  frameTime,
  heldBack,
  mergeSnapshot,
  pauseFrames,
  resumeFrames,
  visibleFrames,
} from '../../../renderer/src/features/ptz/frame-buffer';

// Captured from a session with the VISCA simulator: a drive, its ACK and completion.
const DRIVE: PtzFrame = { dir: 'tx', at: '2026-11-22T12:05:32.462Z', hex: '81 01 06 01 0C 0A 01 03 FF', meaning: 'cam 1: Pan-tilt drive left, speed 0x0C/0x0A' };
const ACK: PtzFrame = { dir: 'rx', at: '2026-11-22T12:05:32.464Z', hex: '90 41 FF', meaning: 'cam 1: ACK socket 1', latencyMs: 2 };
const DONE: PtzFrame = { dir: 'rx', at: '2026-11-22T12:05:32.465Z', hex: '90 51 FF', meaning: 'cam 1: Completion socket 1', latencyMs: 3 };
const STOP: PtzFrame = { dir: 'tx', at: '2026-11-22T12:05:32.766Z', hex: '81 01 06 01 0C 0A 03 03 FF', meaning: 'cam 1: Pan-tilt drive stop, speed 0x0C/0x0A' };

const hexes = (fs: { hex: string }[]) => fs.map((f) => f.hex);

describe('frame buffer', () => {
  it('numbers frames and drops the oldest beyond capacity', () => {
    let b = appendFrames(emptyFrameBuffer(), [DRIVE, ACK], 3);
    b = appendFrames(b, [DONE, STOP], 3);
    expect(hexes(b.frames)).toEqual([ACK.hex, DONE.hex, STOP.hex]);
    expect(b.frames.map((f) => f.seq)).toEqual([2, 3, 4]);
    expect(appendFrames(b, [])).toBe(b);
  });

  it('merges the core log with frames that arrived live while it loaded, without doubles', () => {
    const b = mergeSnapshot([DRIVE, ACK, DONE], [DONE, STOP]);
    expect(hexes(b.frames)).toEqual([DRIVE.hex, ACK.hex, DONE.hex, STOP.hex]);
    expect(hexes(mergeSnapshot([], [DRIVE]).frames)).toEqual([DRIVE.hex]);
  });

  it('pause holds new frames back and counts them; resume shows them', () => {
    let b = appendFrames(emptyFrameBuffer(), [DRIVE, ACK]);
    b = pauseFrames(b);
    b = appendFrames(b, [DONE, STOP]);
    expect(hexes(visibleFrames(b))).toEqual([DRIVE.hex, ACK.hex]);
    expect(heldBack(b)).toBe(2);
    b = resumeFrames(b);
    expect(hexes(visibleFrames(b))).toEqual([DRIVE.hex, ACK.hex, DONE.hex, STOP.hex]);
    expect(heldBack(b)).toBe(0);
  });

  it('clear hides what was logged so far and keeps what comes next', () => {
    let b = appendFrames(emptyFrameBuffer(), [DRIVE, ACK]);
    b = clearFrames(b);
    expect(visibleFrames(b)).toEqual([]);
    b = appendFrames(b, [DONE]);
    expect(hexes(visibleFrames(b))).toEqual([DONE.hex]);
  });

  it('clear while paused empties the view; frames held back appear on resume', () => {
    let b = pauseFrames(appendFrames(emptyFrameBuffer(), [DRIVE]));
    b = appendFrames(b, [ACK]);
    b = clearFrames(b);
    expect(visibleFrames(b)).toEqual([]);
    expect(heldBack(b)).toBe(1);
    expect(hexes(visibleFrames(resumeFrames(b)))).toEqual([ACK.hex]);
  });

  it('shows times with milliseconds, and odd input as it came', () => {
    expect(frameTime(ACK.at)).toMatch(/^\d{2}:05:32\.464$/);
    expect(frameTime('not a time')).toBe('not a time');
  });
});
