import type Database from 'better-sqlite3';
import { FieldKitError } from '../contract/errors';
import type { DeviceProgress, RunState, StepState, WizardDraft, WizardRunSummary } from '../contract/wizard';

/** A run row as the service uses it. */
export interface RunRow extends WizardRunSummary {
  draft: WizardDraft;
  sourceKey: string | null;
  ownerPid: number | null;
}

/** One persisted step of one device. */
export interface StepRow {
  mac: string;
  seq: number;
  name: string;
  state: StepState;
  detail: string;
  data: unknown;
  updatedAt: string;
}

interface DbRun {
  id: number;
  site: string;
  technician: string;
  state: RunState;
  draft: string;
  source_key: string | null;
  owner_pid: number | null;
  created_at: string;
  updated_at: string;
}

interface DbStep {
  mac: string;
  seq: number;
  name: string;
  state: StepState;
  detail: string;
  data: string | null;
  updated_at: string;
}

const toRun = (r: DbRun): RunRow => {
  const draft = JSON.parse(r.draft) as WizardDraft;
  return {
    id: r.id,
    site: r.site,
    technician: r.technician,
    state: r.state,
    devices: draft.devices.length,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    draft,
    sourceKey: r.source_key,
    ownerPid: r.owner_pid,
  };
};

const toStep = (r: DbStep): StepRow => ({
  mac: r.mac,
  seq: r.seq,
  name: r.name,
  state: r.state,
  detail: r.detail,
  data: r.data === null ? null : (JSON.parse(r.data) as unknown),
  updatedAt: r.updated_at,
});

/**
 * Runs and their step progress in SQLite. Every step change is its own
 * committed write, made before the camera is touched (running) and right
 * after its read-back (verified/failed), so a kill -9 between the two leaves
 * the step `running`: the resume then reads the camera instead of guessing.
 */
export class WizardStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  create(draft: WizardDraft, sourceKey: string | null = null): RunRow {
    const at = this.iso();
    const id = Number(
      this.db
        .prepare("INSERT INTO wizard_run(site, technician, state, draft, source_key, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)")
        .run(draft.site, draft.technician, JSON.stringify(draft), sourceKey, at, at).lastInsertRowid,
    );
    return this.get(id);
  }

  get(id: number): RunRow {
    const r = this.db.prepare('SELECT * FROM wizard_run WHERE id = ?').get(id) as DbRun | undefined;
    if (!r) throw new FieldKitError('not_found', `No wizard run ${id}.`);
    return toRun(r);
  }

  list(): RunRow[] {
    return (this.db.prepare('SELECT * FROM wizard_run ORDER BY id DESC').all() as DbRun[]).map(toRun);
  }

  /** The newest unfinished run started from `sourceKey` (the same plan file), if any. */
  findUnfinished(sourceKey: string): RunRow | null {
    const r = this.db
      .prepare("SELECT * FROM wizard_run WHERE source_key = ? AND state IN ('draft', 'applying', 'interrupted', 'failed') ORDER BY id DESC LIMIT 1")
      .get(sourceKey) as DbRun | undefined;
    return r ? toRun(r) : null;
  }

  saveDraft(id: number, draft: WizardDraft): RunRow {
    this.db.prepare('UPDATE wizard_run SET draft = ?, site = ?, technician = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(draft), draft.site, draft.technician, this.iso(), id);
    return this.get(id);
  }

  setState(id: number, state: RunState, ownerPid: number | null = null): RunRow {
    this.db.prepare('UPDATE wizard_run SET state = ?, owner_pid = ?, updated_at = ? WHERE id = ?').run(state, ownerPid, this.iso(), id);
    return this.get(id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM wizard_run WHERE id = ?').run(id).changes > 0;
  }

  /** Runs left `applying` by a process that is gone become `interrupted`; returns them. */
  markInterrupted(isAlive: (pid: number) => boolean, self: number): RunRow[] {
    const stale = (this.db.prepare("SELECT * FROM wizard_run WHERE state = 'applying'").all() as DbRun[]).filter(
      (r) => r.owner_pid === null || (r.owner_pid !== self && !isAlive(r.owner_pid)),
    );
    for (const r of stale) this.setState(r.id, 'interrupted');
    return stale.map((r) => this.get(r.id));
  }

  steps(runId: number, mac?: string): StepRow[] {
    const rows = (mac
      ? this.db.prepare('SELECT * FROM wizard_step WHERE run_id = ? AND mac = ? ORDER BY seq').all(runId, mac)
      : this.db.prepare('SELECT * FROM wizard_step WHERE run_id = ? ORDER BY mac, seq').all(runId)) as DbStep[];
    return rows.map(toStep);
  }

  step(runId: number, mac: string, name: string): StepRow | null {
    const r = this.db.prepare('SELECT * FROM wizard_step WHERE run_id = ? AND mac = ? AND name = ?').get(runId, mac, name) as DbStep | undefined;
    return r ? toStep(r) : null;
  }

  /** Records a step's state; `data` is kept when not given. */
  setStep(runId: number, mac: string, seq: number, name: string, state: StepState, detail: string, data?: unknown): StepRow {
    const at = this.iso();
    this.db
      .prepare(
        `INSERT INTO wizard_step(run_id, mac, seq, name, state, detail, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(run_id, mac, name) DO UPDATE SET state = excluded.state, detail = excluded.detail, seq = excluded.seq,
           data = COALESCE(excluded.data, wizard_step.data), updated_at = excluded.updated_at`,
      )
      .run(runId, mac, seq, name, state, detail, data === undefined ? null : JSON.stringify(data), at);
    return this.step(runId, mac, name)!;
  }

  /** Per-device progress for the UI, in draft order. */
  progress(run: RunRow): DeviceProgress[] {
    const byMac = new Map<string, StepRow[]>();
    for (const s of this.steps(run.id)) byMac.set(s.mac, [...(byMac.get(s.mac) ?? []), s]);
    return run.draft.devices.map((d) => {
      const steps = byMac.get(d.mac) ?? [];
      const state: DeviceProgress['state'] = steps.some((s) => s.state === 'failed')
        ? 'failed'
        : steps.some((s) => s.name === 'done' && s.state === 'verified')
          ? 'done'
          : steps.length
            ? 'running'
            : 'pending';
      return {
        mac: d.mac,
        state,
        steps: steps.map((s) => ({ name: s.name, ok: s.state === 'verified', detail: s.detail, at: s.updatedAt, state: s.state })),
      };
    });
  }
}
