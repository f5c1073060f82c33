import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { flushBeforeQuit } from '../../../main/quit-flush';
import { FakeElectronApp } from '../../support/fake-electron-app';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('flushBeforeQuit (Electron main)', () => {
  it('holds the quit until the core has closed, then quits once', async () => {
    const app = new FakeElectronApp();
    const closing = deferred();
    let closes = 0;
    flushBeforeQuit(app, () => (closes++, closing.promise), { signals: new EventEmitter() });
    app.quit();
    await tick();
    expect(app.exits).toBe(0);
    // Quitting again while the core closes (a second click, a signal) neither exits nor closes twice.
    app.quit();
    await tick();
    expect(app.exits).toBe(0);
    expect(closes).toBe(1);
    closing.resolve();
    await tick();
    expect(app.exits).toBe(1);
    expect(closes).toBe(1);
  });

  it('still quits, and says why, when closing fails', async () => {
    const app = new FakeElectronApp();
    const logged: string[] = [];
    flushBeforeQuit(app, () => Promise.reject(new Error('disk full')), { signals: new EventEmitter(), log: (m) => logged.push(m) });
    app.quit();
    await tick();
    expect(app.exits).toBe(1);
    expect(logged).toEqual(['FieldKit: closing the core failed: disk full']);
  });

  it('quits anyway, and says so, when the core never finishes closing', async () => {
    const app = new FakeElectronApp();
    const logged: string[] = [];
    flushBeforeQuit(app, () => new Promise<void>(() => undefined), { signals: new EventEmitter(), log: (m) => logged.push(m), timeoutMs: 20 });
    app.quit();
    await tick();
    expect(app.exits).toBe(0);
    await expect.poll(() => app.exits).toBe(1);
    expect(logged).toEqual(['FieldKit: the core did not close within 0.02 s; quitting anyway']);
  });

  it('quits at once when no core was built (start-up failed)', async () => {
    const app = new FakeElectronApp();
    flushBeforeQuit(app, () => undefined, { signals: new EventEmitter() });
    app.quit();
    await tick();
    expect(app.exits).toBe(1);
  });

  it('turns SIGTERM and SIGINT into the same flushed quit', async () => {
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const app = new FakeElectronApp();
      const signals = new EventEmitter();
      const closing = deferred();
      flushBeforeQuit(app, () => closing.promise, { signals });
      signals.emit(signal);
      await tick();
      expect(app.exits).toBe(0);
      closing.resolve();
      await tick();
      expect(app.exits).toBe(1);
    }
  });
});
