/**
 * Folds the core's `wizard.progress` events into per-device rows, the same
 * way the core derives a run's progress from its persisted steps, so the live
 * view and a reloaded run agree.
 */
import type { ApplyResult, DeviceProgress, StepState } from '../../../../../src/contract';

/** One `wizard.progress` event. */
export interface ProgressEvent {
  runId: number;
  mac: string;
  step: string;
  state: StepState;
  detail: string;
  at: string;
}

/** The device's state from its steps (failed beats done beats running). */
export function deviceState(steps: DeviceProgress['steps']): DeviceProgress['state'] {
  if (steps.some((s) => s.state === 'failed')) return 'failed';
  if (steps.some((s) => s.name === 'done' && s.state === 'verified')) return 'done';
  return steps.length ? 'running' : 'pending';
}

/** Applies one event: the step is replaced in place (a step reports running, then its end). */
export function foldProgress(rows: readonly DeviceProgress[], ev: ProgressEvent): DeviceProgress[] {
  const step = { name: ev.step, ok: ev.state === 'verified', detail: ev.detail, at: ev.at, state: ev.state };
  const found = rows.some((r) => r.mac === ev.mac);
  const base = found ? rows : [...rows, { mac: ev.mac, state: 'pending' as const, steps: [] }];
  return base.map((r) => {
    if (r.mac !== ev.mac) return r;
    const i = r.steps.findIndex((s) => s.name === ev.step);
    const steps = i < 0 ? [...r.steps, step] : r.steps.map((s, j) => (j === i ? step : s));
    return { ...r, steps, state: deviceState(steps) };
  });
}

/** The final word of apply: each device ok or failed, its steps as the core reported them. */
export function progressFromResult(rows: readonly DeviceProgress[], result: ApplyResult): DeviceProgress[] {
  const byMac = new Map(result.devices.map((d) => [d.mac, d]));
  return rows.map((r) => {
    const d = byMac.get(r.mac);
    if (!d) return r;
    const steps = d.steps.map((s) => ({ ...s, state: (s.ok ? 'verified' : /^not run/.test(s.detail) ? 'skipped' : 'failed') as StepState }));
    return { mac: r.mac, state: d.ok ? 'done' : 'failed', steps };
  });
}

/** Counts for the apply header. */
export function progressCounts(rows: readonly DeviceProgress[]): { done: number; failed: number; running: number; pending: number; total: number } {
  const c = { done: 0, failed: 0, running: 0, pending: 0, total: rows.length };
  for (const r of rows) c[r.state]++;
  return c;
}
