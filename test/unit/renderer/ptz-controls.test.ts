import { describe, expect, it } from 'vitest';
import { directionAt, directionFromKeys, speedFor } from '../../../renderer/src/features/ptz/directions';
import { pollDue, POLL_WHILE_MOVING_MS, SETTLE_MS } from '../../../renderer/src/features/ptz/position-poll';

describe('arrow keys to a direction', () => {
  it('maps single keys and neighbouring pairs', () => {
    expect(directionFromKeys([])).toBeNull();
    expect(directionFromKeys(['ArrowUp'])).toBe('up');
    expect(directionFromKeys(['ArrowRight'])).toBe('right');
    expect(directionFromKeys(['ArrowUp', 'ArrowLeft'])).toBe('up-left');
    expect(directionFromKeys(['ArrowRight', 'ArrowDown'])).toBe('down-right');
  });

  it('cancels opposite keys instead of letting the last one win', () => {
    expect(directionFromKeys(['ArrowUp', 'ArrowDown'])).toBeNull();
    expect(directionFromKeys(['ArrowLeft', 'ArrowRight', 'ArrowUp'])).toBe('up');
  });
});

describe('pointer position on the pad', () => {
  const W = 210;
  it('gives the cell of a 3×3 grid, null in the middle', () => {
    expect(directionAt(10, 10, W, W)).toBe('up-left');
    expect(directionAt(105, 10, W, W)).toBe('up');
    expect(directionAt(200, 105, W, W)).toBe('right');
    expect(directionAt(105, 105, W, W)).toBeNull();
    expect(directionAt(10, 200, W, W)).toBe('down-left');
  });

  it('keeps the edge direction when the pointer leaves the pad', () => {
    expect(directionAt(-50, 105, W, W)).toBe('left');
    expect(directionAt(400, 400, W, W)).toBe('down-right');
    expect(directionAt(105, -1, W, W)).toBe('up');
  });

  it('does not guess on a pad with no size', () => {
    expect(directionAt(1, 1, 0, 0)).toBeNull();
  });
});

describe('speed setting to protocol speeds', () => {
  it('scales to VISCA and Pelco ranges and never sends 0', () => {
    expect(speedFor('visca', 100)).toEqual({ panSpeed: 0x18, tiltSpeed: 0x14 });
    expect(speedFor('visca', 50)).toEqual({ panSpeed: 12, tiltSpeed: 10 });
    expect(speedFor('pelco', 100)).toEqual({ panSpeed: 0x3f, tiltSpeed: 0x3f });
    expect(speedFor('visca', 1)).toEqual({ panSpeed: 1, tiltSpeed: 1 });
  });

  it('clamps nonsense', () => {
    expect(speedFor('visca', 500)).toEqual(speedFor('visca', 100));
    expect(speedFor('visca', -3)).toEqual(speedFor('visca', 1));
    expect(speedFor('pelco', Number.NaN)).toEqual(speedFor('pelco', 50));
  });
});

describe('position polling', () => {
  const visca = { protocol: 'visca' as const, state: 'open' as const };
  const base = { conn: visca, inFlight: false, moving: false, lastMotionAt: -Infinity, lastPollAt: -Infinity, now: 10_000 };

  it('stays quiet while nothing moves', () => {
    expect(pollDue(base)).toBe(false);
  });

  it('polls while moving, at most once per interval, and one at a time', () => {
    expect(pollDue({ ...base, moving: true })).toBe(true);
    expect(pollDue({ ...base, moving: true, lastPollAt: base.now - POLL_WHILE_MOVING_MS + 1 })).toBe(false);
    expect(pollDue({ ...base, moving: true, lastPollAt: base.now - POLL_WHILE_MOVING_MS })).toBe(true);
    expect(pollDue({ ...base, moving: true, inFlight: true })).toBe(false);
  });

  it('keeps polling while the camera settles after motion, then stops', () => {
    expect(pollDue({ ...base, lastMotionAt: base.now - SETTLE_MS + 1 })).toBe(true);
    expect(pollDue({ ...base, lastMotionAt: base.now - SETTLE_MS })).toBe(false);
  });

  it('never asks Pelco cameras or connections that are not open', () => {
    expect(pollDue({ ...base, moving: true, conn: { protocol: 'pelco', state: 'open' } })).toBe(false);
    expect(pollDue({ ...base, moving: true, conn: { protocol: 'visca', state: 'lost' } })).toBe(false);
    expect(pollDue({ ...base, moving: true, conn: undefined })).toBe(false);
  });
});
