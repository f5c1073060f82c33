import { describe, expect, it } from 'vitest';
import type { PtzDirection } from '../../../src/contract';
import { HEARTBEAT_MS, JogController, type JogTimers } from '../../../renderer/src/features/ptz/jog';

/** Timers that run only when the test says so (one interval at a time is all the jog uses). */
function manualTimers() {
  const intervals = new Map<number, () => void>();
  let next = 1;
  const timers: JogTimers = {
    setInterval: (fn, ms) => {
      expect(ms).toBe(HEARTBEAT_MS);
      intervals.set(next, fn);
      return next++;
    },
    clearInterval: (h) => void intervals.delete(h as number),
  };
  return { timers, tick: () => [...intervals.values()].forEach((fn) => fn()), running: () => intervals.size };
}

/** A core that records calls; heartbeats answer from `jogging`, drives fail when `refuse` is set. */
function fakeCore() {
  const calls: string[] = [];
  const ctl = { jogging: true, refuse: false };
  const send = {
    drive: async (d: PtzDirection) => {
      calls.push(`drive ${d}`);
      if (ctl.refuse) throw new Error('camera says: not executable');
    },
    stop: async () => void calls.push('stop'),
    heartbeat: async () => {
      calls.push('beat');
      return { jogging: ctl.jogging };
    },
  };
  return { send, calls, ctl };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const core = fakeCore();
  const t = manualTimers();
  const seen: (PtzDirection | null)[] = [];
  const log: string[] = [];
  const jog = new JogController(core.send, { onDirection: (d) => seen.push(d), onInterrupted: () => log.push('interrupted'), onError: (e) => log.push(`error ${(e as Error).message}`) }, t.timers);
  return { jog, core, t, seen, log };
}

describe('jog: drive while held, stop on release', () => {
  it('drives on press, stops on release, and beats only in between', async () => {
    const { jog, core, t } = setup();
    jog.press('pointer', 'left');
    expect(core.calls).toEqual(['drive left']);
    expect(t.running()).toBe(1);
    t.tick();
    t.tick(); // the first beat is still in flight: no pile-up
    await flush();
    t.tick();
    await flush();
    jog.release('pointer');
    expect(core.calls).toEqual(['drive left', 'beat', 'beat', 'stop']);
    expect(t.running()).toBe(0);
    expect(jog.active).toBe(false);
  });

  it('ignores a repeated press in the same direction (key repeat)', () => {
    const { jog, core } = setup();
    jog.press('keys', 'up');
    jog.press('keys', 'up');
    jog.press('keys', 'up');
    expect(core.calls).toEqual(['drive up']);
  });

  it('changes direction without a stop in between, and stops on the centre cell while still held', () => {
    const { jog, core, seen, t } = setup();
    jog.press('pointer', 'up');
    jog.press('pointer', 'up-right');
    jog.press('pointer', null);
    expect(core.calls).toEqual(['drive up', 'drive up-right', 'stop']);
    expect(t.running()).toBe(0);
    expect(jog.active).toBe(true);
    jog.release('pointer');
    expect(core.calls).toEqual(['drive up', 'drive up-right', 'stop']); // already stopped: nothing more
    expect(seen).toEqual(['up', 'up-right', null]);
  });

  it('lets the last input win and stops only when every input let go', () => {
    const { jog, core } = setup();
    jog.press('keys', 'down');
    jog.press('pointer', 'left');
    jog.release('keys');
    expect(core.calls).toEqual(['drive down', 'drive left']);
    jog.press('keys', 'right');
    jog.release('pointer');
    expect(core.calls).toEqual(['drive down', 'drive left', 'drive right']);
    jog.release('keys');
    expect(core.calls.at(-1)).toBe('stop');
  });

  it('releaseAll (blur, hidden page) stops whatever is held, once', () => {
    const { jog, core } = setup();
    jog.press('keys', 'down');
    jog.press('pointer', 'left');
    jog.releaseAll();
    jog.releaseAll();
    expect(core.calls).toEqual(['drive down', 'drive left', 'stop']);
  });

  it('resends the drive when asked (speed changed mid-jog), and not when idle', () => {
    const { jog, core } = setup();
    jog.refresh();
    jog.press('pointer', 'right');
    jog.refresh();
    expect(core.calls).toEqual(['drive right', 'drive right']);
  });

  it('when the core says the jog ended, stops beating and waits for a release before driving again', async () => {
    const { jog, core, t, log, seen } = setup();
    jog.press('pointer', 'left');
    core.ctl.jogging = false; // the deadman fired (the link stalled)
    t.tick();
    await flush();
    expect(log).toEqual(['interrupted']);
    expect(seen.at(-1)).toBeNull();
    expect(t.running()).toBe(0);
    jog.press('pointer', 'up'); // still the same hold: nothing is sent
    expect(core.calls).toEqual(['drive left', 'beat']);
    jog.release('pointer');
    expect(core.calls).toEqual(['drive left', 'beat']); // no stop: the core already stopped
    core.ctl.jogging = true;
    jog.press('pointer', 'up');
    expect(core.calls.at(-1)).toBe('drive up');
  });

  it('a refused drive ends the jog with the camera error', async () => {
    const { jog, core, log, t } = setup();
    core.ctl.refuse = true;
    jog.press('keys', 'up');
    await flush();
    expect(log).toEqual(['error camera says: not executable', 'interrupted']);
    expect(t.running()).toBe(0);
    expect(jog.direction).toBeNull();
  });
});
