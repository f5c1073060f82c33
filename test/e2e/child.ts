import { spawn, type ChildProcess } from 'node:child_process';

const alive = new Set<ChildProcess>();
let hooked = false;

/** Kills children still running when the test process exits abruptly, so no server outlives the run. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of alive) {
      try {
        c.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Spawns a child that is killed when the test process exits, whatever happens. */
export function spawnTracked(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  hookExit();
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  return child;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves with the first stdout line starting with `prefix`; rejects with stderr if the child exits first. */
export function waitForLine(child: ChildProcess, prefix: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const done = (fn: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onOut);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      fn();
    };
    const onOut = (b: Buffer) => {
      out += b.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line !== undefined) done(() => resolve(line.slice(prefix.length).trim()));
    };
    const onErr = (b: Buffer) => {
      err += b.toString('utf8');
    };
    const onExit = (code: number | null) =>
      done(() => reject(new Error(`child exited (${code}) before printing "${prefix}"; stderr:\n${err}`)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr:\n${err}`))),
      timeoutMs,
    );
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', onErr);
    child.once('exit', onExit);
  });
}
