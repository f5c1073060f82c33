import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { killNow, pidAlive, registerExitCleanup, stopChild } from './cleanup';
import { findTool, requireOrSkip, toolSupport } from './tools';
import type { Support } from './tools';

/**
 * A connected pair of pseudo-terminals made by socat: bytes written to `a` come out of `b` and back.
 * One end is opened by a device simulator, the other by FieldKit (see /work/shared/docs/lab.md).
 */
export interface PtyPair {
  /** Path of one end (a symlink to /dev/pts/N). */
  a: string;
  /** Path of the other end. */
  b: string;
  /** PID of the socat process joining them. */
  pid: number;
  /** Kills socat and removes the temporary folder holding the links. Idempotent. */
  close(): Promise<void>;
}

/** Checks that socat is installed (ptys themselves need no privileges). */
export function ptySupport(): Support {
  if (process.platform !== 'linux') return { ok: false, reason: `pty pairs are set up for Linux (this is ${process.platform})` };
  return toolSupport('socat');
}

/**
 * Returns true when pty tests must be skipped (printing why); throws under CI=true instead.
 * Use: `describe.skipIf(requirePtyOrSkip())('...', () => { ... })`.
 */
export function requirePtyOrSkip(): boolean {
  return requireOrSkip(ptySupport(), 'pty pair');
}

/** Link folders are named fk-pty-<owner pid>-XXXXXX so leftovers of dead runs can be told apart. */
const DIR_RE = /^fk-pty-(\d+)-/;
let swept = false;

/**
 * Kills socat processes and removes link folders left by runs that died without cleanup (SIGKILL):
 * only those whose link folder names a dead owner PID. Returns the PIDs it killed.
 */
export function sweepStalePtys(): number[] {
  const base = tmpdir();
  const stale = new Set<string>();
  for (const name of readdirSync(base)) {
    const m = DIR_RE.exec(name);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) stale.add(join(base, name));
  }
  if (stale.size === 0) return [];
  const killed: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    // Match on the exact link argument we pass, never on the program name alone.
    const ours = argv.some((arg) => [...stale].some((dir) => arg.includes(`link=${dir}/`)));
    if (ours) {
      killNow(Number(entry));
      killed.push(Number(entry));
    }
  }
  for (const dir of stale) rmSync(dir, { recursive: true, force: true });
  return killed;
}

/** Starts socat and resolves once both pty links exist. */
export async function createPtyPair(opts: { timeoutMs?: number } = {}): Promise<PtyPair> {
  const socat = findTool('socat');
  if (!socat) throw new Error('pty: socat is not installed');
  if (!swept) {
    swept = true;
    sweepStalePtys();
  }
  const dir = mkdtempSync(join(tmpdir(), `fk-pty-${process.pid}-`));
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  const child = spawn(socat, ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    // Only the start-up lines matter for error messages; cap to avoid growing forever.
    if (stderr.length < 8192) stderr += chunk;
  });

  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const unregister = registerExitCleanup(() => {
    killNow(child.pid);
    removeDir();
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await stopChild(child);
    removeDir();
    unregister();
  };

  try {
    await waitForLinks(child, [a, b], opts.timeoutMs ?? 5000, () => stderr);
  } catch (err) {
    await close();
    throw err;
  }
  return { a, b, pid: child.pid as number, close };
}

function waitForLinks(
  child: ReturnType<typeof spawn>,
  paths: string[],
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const onError = (err: Error): void => {
      clearInterval(timer);
      reject(new Error(`pty: socat failed to start: ${err.message}`));
    };
    child.once('error', onError);
    const timer = setInterval(() => {
      if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        child.off('error', onError);
        reject(new Error(`pty: socat exited early (${child.exitCode ?? child.signalCode}): ${stderr().trim()}`));
      } else if (paths.every((p) => existsSync(p))) {
        clearInterval(timer);
        child.off('error', onError);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        child.off('error', onError);
        reject(new Error(`pty: links did not appear within ${timeoutMs} ms: ${stderr().trim()}`));
      }
    }, 10);
  });
}

/** Opens one end of a pty pair as a serial port (the "camera" side of a test). */
export function openSerialEnd(path: string, baudRate = 115200): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

/** Writes and waits until the bytes have left for the other end. */
export const writeDrained = (p: SerialPort, s: string | Buffer): Promise<void> =>
  new Promise<void>((resolve, reject) => p.write(s, (e) => (e ? reject(e) : p.drain(() => resolve()))));
