import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether a lab capability is usable here, with a human-readable reason when it is not. */
export type Support = { ok: true } | { ok: false; reason: string };

// Root's PATH inside some CI runners and containers omits the sbin folders where `ip` lives.
const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin', '/bin'];

/** Absolute path of an executable found on PATH (or the usual sbin/bin folders), or undefined. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** True when `name` is an executable on PATH (or the usual sbin/bin folders). */
export function hasTool(name: string): boolean {
  return findTool(name) !== undefined;
}

/** Support result for a list of required executables. */
export function toolSupport(...names: string[]): Support {
  const missing = names.filter((n) => !hasTool(n));
  return missing.length === 0
    ? { ok: true }
    : { ok: false, reason: `missing tool(s): ${missing.join(', ')} (install them, see .ci/run)` };
}

/** True when running under CI (CI=true or CI=1), where missing lab capabilities are failures. */
export function isCI(): boolean {
  const v = (process.env.CI ?? '').toLowerCase();
  return v === 'true' || v === '1';
}

/**
 * Decides whether a test group must be skipped for lack of a capability.
 * Locally an unsupported capability returns true (skip) and prints why; under CI it throws, so a
 * misconfigured CI machine fails loudly instead of silently skipping the lab tests.
 * Use as `describe.skipIf(requireOrSkip(labSupport(), 'network lab'))(...)`.
 */
export function requireOrSkip(support: Support, what: string): boolean {
  if (support.ok) return false;
  const message = `${what} unavailable: ${support.reason}`;
  if (isCI()) throw new Error(`${message} (CI=true: lab capabilities are required, not optional)`);
  console.warn(`[lab] skipping ${what} tests: ${support.reason}`);
  return true;
}

/** Shorthand for `requireOrSkip(toolSupport(...names), ...)`. */
export function requireToolsOrSkip(...names: string[]): boolean {
  return requireOrSkip(toolSupport(...names), names.join('+'));
}
