import { FieldKitError } from '../../contract/errors';

/** Exit codes shared by every command (see README "CLI conventions"). */
/** Exit codes: 130 is the shell's convention for a command ended by Ctrl+C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

let onStdoutClosed: () => void = () => process.exit(EXIT.ok);
let watchingStdout = false;

/**
 * When stdout's reader goes away (`fieldkit ... | head`), a one-shot command ends quietly, as Unix
 * tools do, instead of dying of an unhandled EPIPE; long-running commands pass their own stop here,
 * so they flush and say their summary on stderr.
 */
export function whenStdoutCloses(stop: () => void): void {
  onStdoutClosed = stop;
  if (watchingStdout) return;
  watchingStdout = true;
  process.stdout.on('error', () => onStdoutClosed());
}

/** A usage mistake: exit 2 with one line. */
export class UsageError extends Error {}

export interface Out {
  json: boolean;
  /** The result: one JSON document with --json, else the human text. */
  result(value: unknown, human: () => string): void;
  /** Progress for long work: always stderr, so stdout stays parseable. */
  progress(line: string): void;
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(line) {
      process.stderr.write(`${line}\n`);
    },
  };
}

/** One line, `fieldkit: <what went wrong and what to do>`, and the exit code for it. */
export function reportError(err: unknown): number {
  const usage = err instanceof UsageError || (err instanceof FieldKitError && err.code === 'invalid_input');
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`fieldkit: ${msg.replace(/\s*\n\s*/g, '; ')}\n`);
  return usage ? EXIT.usage : EXIT.failed;
}

/** Renders rows as aligned columns for human output. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
