import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/logs/parse';
import type { ConsoleLine, LineClock, LineSplitterOptions } from '../../../src/logs/parse';
import { bytes } from './captures';

/** A hand-driven clock: time moves only when the test says, timers fire only through advance(). */
class FakeClock implements LineClock {
  t = 1_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.t += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.t) {
        this.timers.delete(id);
        timer.fn();
      }
    }
  }
  get pending(): number {
    return this.timers.size;
  }
}

function splitter(options: LineSplitterOptions = {}) {
  const clock = new FakeClock();
  const lines: ConsoleLine[] = [];
  const s = new LineSplitter((l) => lines.push(l), { clock, ...options });
  return { s, clock, lines, texts: () => lines.map((l) => l.text) };
}

/** Feed `input` split at `cuts`, then close; the texts and ends of the lines. */
function run(input: Uint8Array, cuts: number[] = []): [string, string][] {
  const { s, lines } = splitter();
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    s.push(input.subarray(from, cut));
    from = cut;
  }
  s.close();
  return lines.map((l) => [l.text, l.end]);
}

describe('line endings', () => {
  // A U-Boot/Linux console mix: CRLF, LF, lone CR, the doubled CR of a second tty translation, blank lines.
  const consoleBytes = bytes('U-Boot 2016.11\r\n\r\nDRAM:  512 MiB\nloading\rloading 50%\rdone\r\r\nlogin: ');

  it('treats CRLF, LF, lone CR and CR CR LF each as one line end', () => {
    expect(run(consoleBytes)).toEqual([
      ['U-Boot 2016.11', 'newline'], ['', 'newline'], ['DRAM:  512 MiB', 'newline'], ['loading', 'newline'],
      ['loading 50%', 'newline'], ['done', 'newline'], ['login: ', 'close'],
    ]);
  });

  it('gives the same lines wherever the stream is split, including between CR and LF', () => {
    const whole = run(consoleBytes);
    for (let cut = 1; cut < consoleBytes.length; cut++) expect(run(consoleBytes, [cut])).toEqual(whole);
    expect(run(consoleBytes, Array.from({ length: consoleBytes.length - 1 }, (_, i) => i + 1))).toEqual(whole);
  });

  it('joins a CR at the end of one chunk with the LF at the start of the next, even much later', () => {
    const { s, clock, texts } = splitter({ idleFlushMs: 0 });
    s.push(bytes('first\r'));
    clock.advance(5_000);
    s.push(bytes('\nsecond\n'));
    expect(texts()).toEqual(['first', 'second']);
  });

  it('decodes a UTF-8 character split across chunks', () => {
    const b = bytes('通道3 离线\n');
    expect(run(b, [1, 2, 4])).toEqual([['通道3 离线', 'newline']]);
  });
});

describe('timestamps', () => {
  it('stamps each line with the time its first byte arrived', () => {
    const { s, clock, lines } = splitter({ idleFlushMs: 0 });
    s.push(bytes('ab'));
    clock.advance(100);
    s.push(bytes('c\nd'));
    clock.advance(100);
    s.push(bytes('e\n\n'));
    expect(lines.map((l) => [l.text, l.at])).toEqual([['abc', 1_000], ['de', 1_100], ['', 1_200]]);
  });
});

describe('idle flush and close', () => {
  it('flushes a partial line after the idle time, then marks the rest as a continuation', () => {
    const { s, clock, lines } = splitter({ idleFlushMs: 500 });
    s.push(bytes('login: '));
    clock.advance(499);
    expect(lines).toHaveLength(0);
    s.push(bytes('r'));
    clock.advance(499);
    expect(lines).toHaveLength(0);
    clock.advance(1);
    expect(lines).toEqual([{ text: 'login: r', at: 1_000, end: 'idle', truncated: false, continuation: false, invalidUtf8: false, rawHex: null }]);
    s.push(bytes('oot\r\nPassword: '));
    expect(lines[1]).toMatchObject({ text: 'oot', end: 'newline', continuation: true, at: 1_999 });
    s.close();
    expect(lines[2]).toMatchObject({ text: 'Password: ', end: 'close', continuation: false });
    expect(clock.pending).toBe(0);
  });

  it('does not emit an empty line when only the line end follows an idle flush', () => {
    const { s, clock, texts } = splitter({ idleFlushMs: 500 });
    s.push(bytes('Starting kernel ...'));
    clock.advance(600);
    s.push(bytes('\r\n[    0.000000] Booting Linux\n'));
    expect(texts()).toEqual(['Starting kernel ...', '[    0.000000] Booting Linux']);
  });

  it('arms no timer when nothing is pending and emits nothing on close', () => {
    const { s, clock, lines } = splitter({ idleFlushMs: 500 });
    s.push(bytes('done\n'));
    expect(clock.pending).toBe(0);
    s.close();
    expect(lines).toHaveLength(1);
  });
});

describe('maximum line length', () => {
  it('cuts a long line, flags it and continues it on the next line', () => {
    const { s, lines } = splitter({ maxLineBytes: 8 });
    s.push(bytes('0123456789abcdefWXYZ\n'));
    expect(lines.map((l) => [l.text, l.truncated, l.continuation, l.end])).toEqual([
      ['01234567', true, false, 'max-length'], ['89abcdef', true, true, 'max-length'], ['WXYZ', false, true, 'newline'],
    ]);
  });

  it('cuts on a character boundary', () => {
    const { s, texts } = splitter({ maxLineBytes: 8 });
    s.push(bytes('摄像头\n'));
    expect(texts()).toEqual(['摄像', '头']);
  });

  it('does not cut a line of exactly the maximum, nor emit an empty continuation', () => {
    const { s, lines } = splitter({ maxLineBytes: 8 });
    s.push(bytes('01234567\r\nx\n'));
    expect(lines.map((l) => [l.text, l.truncated])).toEqual([['01234567', false], ['x', false]]);
  });
});

describe('bad bytes', () => {
  it('flags invalid UTF-8 (wrong baud rate) and keeps the bytes in hex', () => {
    const { s, lines } = splitter();
    s.push(Uint8Array.from([0x80, 0xfe, 0x41, 0x0a]));
    expect(lines[0]).toMatchObject({ text: '\uFFFD\uFFFDA', invalidUtf8: true, rawHex: '80fe41' });
  });
});
