import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-vault-race-');
afterAll(() => tmp.remove());
const FILE_PROVIDER = fileURLToPath(new URL('../../src/vault/file-key-provider.ts', import.meta.url));
const WRAPPED_PROVIDER = fileURLToPath(new URL('../../src/vault/wrapped-key-provider.ts', import.meta.url));

const PROCESSES = 4;
const TRIALS = 40;
/** Between two trials: far longer than one getKey, so every trial starts from an idle machine. */
const GAP_MS = 40;

/**
 * One process, started once for all trials: it loads both providers, says "ready", reads the start
 * time from stdin, then for trial i sleeps until just before `start + i * GAP_MS`, spins to that
 * instant and asks for the key in that trial's folder (even trials the key file, odd trials the
 * wrapped key), printing one line per trial: the key's hex or "ERR <message>".
 */
const CHILD = `import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { FileKeyProvider } from ${JSON.stringify(FILE_PROVIDER)};
import { WrappedKeyProvider } from ${JSON.stringify(WRAPPED_PROVIDER)};
const xor = (b) => Buffer.from(b.map((x) => x ^ 0x5a));
const wrapper = { name: 'test keychain', encrypt: (s) => xor(Buffer.from(s)), decrypt: (b) => xor(b).toString() };
const [dirs, gap] = JSON.parse(process.argv[2]);
const nap = new Int32Array(new SharedArrayBuffer(4));
const now = () => performance.timeOrigin + performance.now();
console.log('ready');
const [line] = await createInterface({ input: process.stdin })[Symbol.asyncIterator]().next().then((r) => [r.value]);
const start = Number(line);
const out = [];
dirs.forEach((dir, i) => {
  const at = start + i * gap;
  const sleep = at - now() - 3;
  if (sleep > 0) Atomics.wait(nap, 0, 0, sleep);
  while (now() < at) {}
  try {
    const p = i % 2 === 0 ? new FileKeyProvider(dir) : new WrappedKeyProvider(dir, wrapper);
    out.push(createHash('sha256').update(p.getKey()).digest('hex').slice(0, 16));
  } catch (e) {
    out.push('ERR ' + e.message);
  }
});
console.log(out.join('\\n'));
process.exit(0);
`;

interface Racer {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<string[]>;
}

const racer = (script: string, dirs: string[]): Racer => {
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify([dirs, GAP_MS])], { stdio: 'pipe' });
  let out = '';
  let err = '';
  let onReady = (): void => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<string[]>((resolve, reject) =>
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`racer exited ${code}: ${err}`));
      else resolve(out.trim().split('\n').slice(1));
    }),
  );
  return { child, ready, done };
};

/**
 * Several processes asking for a new vault key at the same instant must all get the same key. The
 * loser of the creation race reads the winner's file, so that file must never be visible
 * half-written: the key is written to a temp file, fsynced, then linked into place.
 */
describe('the vault key created by processes starting together', () => {
  it('every process gets the same whole key, from the key file and from the wrapped key', async () => {
    const dirs = Array.from({ length: TRIALS }, (_, i) => join(tmp.dir, `t${i}`));
    dirs.forEach((d) => mkdirSync(d));
    const script = join(tmp.dir, 'racer.mts');
    writeFileSync(script, CHILD);
    const racers = Array.from({ length: PROCESSES }, () => racer(script, dirs));
    await Promise.all(racers.map((r) => r.ready));
    // The start time is sent only once every process has loaded, so none is still starting up.
    const start = Date.now() + 100;
    racers.forEach((r) => r.child.stdin.end(`${start}\n`));
    const results = await Promise.all(racers.map((r) => r.done));

    const failures = results.flat().filter((r) => r.startsWith('ERR'));
    expect(failures).toEqual([]);
    for (let i = 0; i < TRIALS; i++) {
      const keys = new Set(results.map((r) => r[i]));
      expect(keys.size, `trial ${i}`).toBe(1);
      // No temp file is left behind by the winner or the losers.
      expect(readdirSync(dirs[i]!)).toEqual([i % 2 === 0 ? 'vault.key' : 'vault.key.wrapped']);
    }
  }, 30_000);
});
