import { describe, expect, it } from 'vitest';
import * as v from '../../../src/ptz/visca/codec';
import { ViscaCameraError, ViscaTimeoutError } from '../../../src/ptz/visca/errors';
import { lines, rig } from './harness';

describe('ViscaSession against the simulated camera', () => {
  it('runs a command to completion and logs what happened', async () => {
    const { clock, cam, log, session } = rig();
    const s = session();
    const done = s.command(v.panTiltDrive(1, 'up', 0x10, 0x0e));
    await clock.advance(0);
    await expect(done).resolves.toEqual({ socket: 1, completed: true, ackLatencyMs: 0, latencyMs: 0 });
    expect(lines(log)).toEqual([
      'tx cam 1: Pan-tilt drive up, speed 0x10/0x0E',
      'rx cam 1: ACK socket 1',
      'rx cam 1: Completion socket 1',
    ]);
    expect(log[1]).toMatchObject({ bytes: '90 41 FF', latencyMs: 0 });
    // The camera keeps moving while driven: tilt speed 0x0E = 1400 units/s in the simulator.
    await clock.advance(500);
    expect(cam.position()).toEqual({ pan: 0, tilt: 700 });
    await s.command(v.panTiltDrive(1, 'stop', 1, 1));
    await clock.advance(500);
    expect(cam.position()).toEqual({ pan: 0, tilt: 700 });
  });

  it('reports completion latency of a move that takes time', async () => {
    const { clock, session } = rig();
    const s = session();
    const move = s.command(v.panTiltAbsolute(1, { pan: 1200, tilt: -240, panSpeed: 0x0c, tiltSpeed: 0x02 }));
    await clock.advance(2000);
    // pan 1200 units at 1200 units/s = 1000 ms; tilt 240 at 200/s = 1200 ms: the slower axis wins.
    await expect(move).resolves.toMatchObject({ socket: 1, completed: true, latencyMs: 1200 });
    await expect(s.inquire(v.panTiltPositionInquiry(1))).resolves.toEqual({ pan: 1200, tilt: -240, panNibbles: 4 });
  });

  it('never sends a third command while two are executing', async () => {
    const { clock, log, cam, session } = rig([{ execMs: { absolute: 1000 } }]);
    const s = session();
    const target = (pan: number) => v.panTiltAbsolute(1, { pan, tilt: 0, panSpeed: 1, tiltSpeed: 1 });
    const results = [s.command(target(10)), s.command(target(20)), s.command(target(30))];
    await clock.advance(100);
    expect(cam.received).toHaveLength(2);
    expect(s.busySockets).toEqual([1, 2]);
    await clock.advance(2000);
    const r = await Promise.all(results);
    expect(r.map((x) => x.socket)).toEqual([1, 2, 1]);
    expect(lines(log).filter((l) => l.includes('buffer full'))).toEqual([]);
    // The third command left only after the first completion.
    const firstCompletion = lines(log).indexOf('rx cam 1: Completion socket 1');
    const thirdTx = lines(log).lastIndexOf('tx cam 1: Pan-tilt absolute pan 30 tilt 0, speed 0x01/0x01');
    expect(thirdTx).toBeGreaterThan(firstCompletion);
  });

  it('retries after the next completion when the camera still says buffer full', async () => {
    // The camera has one socket but the session believes in two: the second command bounces.
    const { clock, log, cam, session } = rig([{ sockets: 1, execMs: { zoomDirect: 1000, focusMode: 0 } }]);
    const s = session();
    const first = s.command(v.zoomDirect(1, 0x0100));
    const second = s.command(v.zoomDirect(1, 0x0200));
    await clock.advance(10);
    expect(lines(log)).toContain('rx cam 1: Error socket 0: command buffer full (two commands already executing)');
    await clock.advance(1000);
    await expect(first).resolves.toMatchObject({ socket: 1, completed: true });
    await clock.advance(1000);
    await expect(second).resolves.toMatchObject({ socket: 1, completed: true });
    expect(cam.received.map((f) => v.describeFrame(f))).toEqual([
      'cam 1: Zoom direct 0x0100', 'cam 1: Zoom direct 0x0200', 'cam 1: Zoom direct 0x0200',
    ]);
  });

  it('fails with buffer full after the retry budget', async () => {
    const { clock, session } = rig([{ sockets: 1, execMs: { zoomDirect: 100_000 } }]);
    const s = session(1, { bufferFullRetries: 1, completionTimeoutMs: 1000 });
    void s.command(v.zoomDirect(1, 0x1000)).catch(() => undefined);
    const second = s.command(v.zoomDirect(1, 0x2000));
    const failed = expect(second).rejects.toMatchObject({ viscaName: 'bufferFull', code: 'conflict' });
    await clock.advance(1500);
    await failed;
  });

  it('answers inquiries in order while both sockets are busy', async () => {
    const { clock, cam, session } = rig([{ execMs: { absolute: 1000 } }]);
    const s = session();
    void s.command(v.panTiltAbsolute(1, { pan: 100, tilt: 0, panSpeed: 1, tiltSpeed: 1 }));
    void s.command(v.zoomDirect(1, 0x0800));
    cam.state.focusMode = 'manual';
    const answers = Promise.all([
      s.inquire(v.powerInquiry(1)),
      s.inquire(v.focusModeInquiry(1)),
      s.inquire(v.versionInquiry(1)),
      s.inquire(v.panTiltMaxSpeedInquiry(1)),
      s.inquire(v.zoomPositionInquiry(1)),
    ]);
    await clock.advance(0);
    expect(s.busySockets).toEqual([1, 2]);
    const [power, mode, version, max] = await answers;
    expect(power).toBe('on');
    expect(mode).toBe('manual');
    expect(version).toEqual({ vendor: 1, vendorName: 'Sony', model: 0x0513, rom: 0x0100, maxSocket: 2 });
    expect(max).toEqual({ pan: 0x18, tilt: 0x14 });
    expect(cam.busySockets).toEqual([1, 2]);
  });

  it('decodes 5 pan nibbles from a BRC-300 style camera', async () => {
    const { clock, session } = rig([{ panNibbles: 5 }]);
    const s = session();
    const limits = { ...v.DEFAULT_VISCA_LIMITS, panNibbles: 5 as const };
    const move = s.command(v.panTiltAbsolute(1, { pan: -2000, tilt: 300, panSpeed: 0x18, tiltSpeed: 0x14 }, limits));
    await clock.advance(2000);
    await move;
    await expect(s.inquire(v.panTiltPositionInquiry(1))).resolves.toEqual({ pan: -2000, tilt: 300, panNibbles: 5 });
  });

  it('rejects with typed camera errors', async () => {
    const { clock, session } = rig();
    const s = session();
    // Focus far in auto focus mode: "not executable" (SRG-300H manual example).
    const far = s.command(v.focus(1, 'far'));
    await expect(far).rejects.toBeInstanceOf(ViscaCameraError);
    await expect(far).rejects.toMatchObject({ viscaCode: 0x41, viscaName: 'notExecutable', code: 'failed' });
    // Preset 0x20 on a camera with 16 presets: syntax error.
    await expect(s.command(v.preset(1, 'recall', 0x20, 0xfe))).rejects.toMatchObject({ viscaName: 'syntax' });
    await clock.advance(0);
  });

  it('cancels an executing command', async () => {
    const { clock, cam, session } = rig([{ execMs: { absolute: 10_000 } }]);
    const s = session();
    const move = s.command(v.panTiltAbsolute(1, { pan: 2000, tilt: 0, panSpeed: 1, tiltSpeed: 1 }));
    const cancelledMove = expect(move).rejects.toMatchObject({ viscaName: 'cancelled', code: 'cancelled', socket: 1 });
    await clock.advance(100);
    await expect(s.cancel(1)).resolves.toEqual({ cancelled: true });
    await cancelledMove;
    expect(cam.busySockets).toEqual([]);
    await expect(s.cancel(2)).resolves.toEqual({ cancelled: false });
  });

  it('resolves on ACK when asked not to wait for completion', async () => {
    const { clock, session } = rig([{ execMs: { home: 1000 } }]);
    const s = session();
    await expect(s.command(v.panTiltHome(1), { awaitCompletion: false })).resolves.toMatchObject({ completed: false, socket: 1 });
    expect(s.busySockets).toEqual([1]);
    await clock.advance(1000);
    expect(s.busySockets).toEqual([]);
  });

  it('presets, power and focus through the wire', async () => {
    const { clock, cam, session } = rig();
    const s = session();
    const run = async (cmd: v.ViscaCommand) => {
      const p = s.command(cmd);
      p.catch(() => undefined); // observed below; keeps a rejection during advance() handled
      await clock.advance(20_000);
      return p;
    };
    await run(v.panTiltAbsolute(1, { pan: 500, tilt: 100, panSpeed: 0x18, tiltSpeed: 0x14 }));
    await run(v.preset(1, 'set', 3));
    await run(v.panTiltHome(1));
    expect(cam.position()).toEqual({ pan: 0, tilt: 0 });
    await run(v.preset(1, 'recall', 3));
    expect(cam.position()).toEqual({ pan: 500, tilt: 100 });
    await run(v.focusMode(1, 'manual'));
    await run(v.focusDirect(1, 0x5000));
    await expect(s.inquire(v.focusPositionInquiry(1))).resolves.toBe(0x5000);
    await run(v.power(1, false));
    await expect(s.inquire(v.powerInquiry(1))).resolves.toBe('off');
    await expect(run(v.zoom(1, 'tele'))).rejects.toMatchObject({ viscaName: 'notExecutable' });
  });
});

describe('ViscaSession failures', () => {
  it('times out cleanly on a silent camera and recovers with IF_Clear', async () => {
    const { clock, cam, session, line, log } = rig([{ faults: { silent: true } }]);
    const s = session();
    const a = s.command(v.panTiltHome(1));
    const b = s.inquire(v.powerInquiry(1));
    const c = s.command(v.panTiltHome(1));
    const both = Promise.allSettled([a, b, c]);
    await clock.advance(400);
    const [ra, rb, rc] = await both;
    expect(rc).toMatchObject({ status: 'rejected', reason: { code: 'timeout' } });
    expect(log.filter((e) => e.dir === 'tx')).toHaveLength(1);
    expect(ra).toMatchObject({ status: 'rejected', reason: { code: 'timeout', phase: 'reply', resyncSuggested: true } });
    expect(ra.status === 'rejected' && ra.reason).toBeInstanceOf(ViscaTimeoutError);
    // The queued inquiry was not sent into the silence: it failed at once with the same cause.
    expect(rb).toMatchObject({ status: 'rejected', reason: { code: 'timeout', message: expect.stringContaining('not sent') } });
    expect(line.queued).toBe(0);
    expect(clock.pending).toBe(0);
    cam.faults.silent = false;
    await expect(s.resync()).resolves.toBeUndefined();
    await expect(s.inquire(v.powerInquiry(1))).resolves.toBe('on');
  });

  it('a dropped ACK times out; the late completion is logged as unexpected', async () => {
    const { clock, cam, log, session } = rig([{ execMs: { home: 500 } }]);
    const unexpected: string[] = [];
    const s = session();
    cam.faults.dropReplies = 1;
    const home = s.command(v.panTiltHome(1));
    const failed = expect(home).rejects.toMatchObject({ phase: 'reply' });
    await clock.advance(1000);
    await failed;
    for (const e of log) if (e.meaning.endsWith('(unexpected)')) unexpected.push(e.meaning);
    expect(unexpected).toEqual(['cam 1: Completion socket 1 (unexpected)']);
    await s.resync();
    const again = s.command(v.panTiltHome(1));
    await clock.advance(1000);
    await expect(again).resolves.toMatchObject({ completed: true });
  });

  it('a missing completion times out and frees the socket', async () => {
    const { clock, session } = rig([{ execMs: { reset: 60_000 } }]);
    const s = session(1, { completionTimeoutMs: 3000 });
    const reset = s.command(v.panTiltReset(1));
    const failed = expect(reset).rejects.toMatchObject({ phase: 'completion', code: 'timeout' });
    await clock.advance(3000);
    await failed;
    expect(s.busySockets).toEqual([]);
  });

  it('skips garbage on the line, reports it, and still gets every reply', async () => {
    const garbage = Uint8Array.of(0x00, 0x13, 0x7e, 0xff, 0x42);
    const { clock, log, session } = rig([{ faults: { garbageBeforeReply: garbage } }], { chunkSize: 2 });
    const s = session();
    const p = s.command(v.zoom(1, 'tele', 3));
    await clock.advance(0);
    await expect(p).resolves.toMatchObject({ completed: true });
    await expect(s.inquire(v.zoomPositionInquiry(1))).resolves.toBeTypeOf('number');
    const skipped = log.filter((e) => e.discarded);
    expect(skipped.length).toBeGreaterThanOrEqual(3);
    // Garbage came before each of the 3 replies (ACK, completion, inquiry reply), split in 2-byte chunks.
    expect(skipped.map((e) => e.bytes).join(' ')).toBe(Array(3).fill('00 13 7E FF 42').join(' '));
  });

  it('rejects everything pending when the line closes', async () => {
    const { clock, line, session } = rig([{ execMs: { home: 5000 } }]);
    const s = session();
    const home = s.command(v.panTiltHome(1));
    await clock.advance(10);
    const queued = s.inquire(v.powerInquiry(1));
    await line.close();
    await expect(home).rejects.toMatchObject({ code: 'unavailable' });
    await expect(queued).rejects.toMatchObject({ code: 'unavailable' });
    await expect(s.command(v.panTiltHome(1))).rejects.toMatchObject({ code: 'unavailable' });
  });
});
