import type Database from 'better-sqlite3';
import { FieldKitError } from '../contract/errors';
import type { NetConfig } from '../platform/netconfig';
import type { Clock } from '../platform/ports';

/** A change FieldKit makes to the laptop, always temporary. */
export type LaptopChange =
  | { kind: 'address'; iface: string; cidr: string }
  | { kind: 'neighbour'; iface: string; ip: string; mac: string };

export type JournalState = 'pending' | 'applied' | 'reverted' | 'failed';

/** One journal row, JSON-safe. */
export interface JournalEntry {
  id: number;
  createdAt: string;
  change: LaptopChange;
  reason: string;
  state: JournalState;
  updatedAt: string;
  error: string | null;
  /** Reverted by itself at the next start (FieldKit's temporary changes) or only on request (manual aliases). */
  autoRevert: boolean;
}

interface Row {
  id: number;
  created_at: string;
  change: string;
  reason: string;
  state: JournalState;
  updated_at: string;
  error: string | null;
  auto_revert: number;
  owner_pid: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const toEntry = (r: Row): JournalEntry => ({
  id: r.id,
  createdAt: r.created_at,
  change: JSON.parse(r.change) as LaptopChange,
  reason: r.reason,
  state: r.state,
  updatedAt: r.updated_at,
  error: r.error,
  autoRevert: r.auto_revert === 1,
});

export function describeChange(c: LaptopChange): string {
  return c.kind === 'address' ? `address ${c.cidr} on ${c.iface}` : `neighbour ${c.ip} → ${c.mac} on ${c.iface}`;
}

/**
 * Makes laptop changes through the NetConfig port, journaled: the row is
 * committed before the change, marked applied after, and reverted (undone,
 * newest first) when the work is done or on the next start after a crash.
 */
export class LaptopJournal {
  constructor(
    private readonly db: Database.Database,
    private readonly net: NetConfig,
    private readonly clock: Clock,
    private readonly pid: number = process.pid,
    private readonly isAlive: (pid: number) => boolean = processAlive,
  ) {}

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private setState(id: number, state: JournalState, error: string | null = null): void {
    this.db.prepare('UPDATE net_journal SET state = ?, updated_at = ?, error = ? WHERE id = ?').run(state, this.now(), error, id);
  }

  /** Journals then makes one change; returns its id. */
  async apply(change: LaptopChange, reason: string, autoRevert = true): Promise<number> {
    const at = this.now();
    const id = Number(
      this.db
        .prepare("INSERT INTO net_journal(created_at, kind, iface, change, reason, auto_revert, owner_pid, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)")
        .run(at, change.kind, change.iface, JSON.stringify(change), reason, autoRevert ? 1 : 0, this.pid, at).lastInsertRowid,
    );
    try {
      if (change.kind === 'address') await this.net.addAddress(change.iface, change.cidr);
      else await this.net.pinNeighbour(change.iface, change.ip, change.mac);
    } catch (err) {
      this.setState(id, 'failed', (err as Error).message);
      throw err;
    }
    this.setState(id, 'applied');
    return id;
  }

  /** Undoes one change; something already gone counts as reverted. */
  async revert(id: number): Promise<JournalEntry> {
    const row = this.db.prepare('SELECT * FROM net_journal WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new FieldKitError('not_found', `No journal entry ${id}.`);
    const entry = toEntry(row);
    if (entry.state === 'reverted') return entry;
    try {
      const c = entry.change;
      if (c.kind === 'address') await this.net.removeAddress(c.iface, c.cidr);
      else await this.net.unpinNeighbour(c.iface, c.ip);
    } catch (err) {
      // A pending row may never have been applied; a change removed by hand is gone too.
      if (!(err instanceof FieldKitError && err.code === 'not_found')) {
        this.db.prepare('UPDATE net_journal SET updated_at = ?, error = ? WHERE id = ?').run(this.now(), (err as Error).message, id);
        throw err;
      }
    }
    this.setState(id, 'reverted');
    return { ...entry, state: 'reverted' };
  }

  /** Changes not yet reverted (after a crash these are what the laptop still carries). */
  outstanding(): JournalEntry[] {
    return (this.db.prepare("SELECT * FROM net_journal WHERE state IN ('pending', 'applied') ORDER BY id DESC").all() as Row[]).map(toEntry);
  }

  /** FieldKit's own temporary changes left behind by a FieldKit process that is gone (crashed or killed). */
  orphaned(): JournalEntry[] {
    const rows = this.db.prepare("SELECT * FROM net_journal WHERE state IN ('pending', 'applied') AND auto_revert = 1 ORDER BY id DESC").all() as Row[];
    return rows.filter((r) => r.owner_pid !== this.pid && !this.isAlive(r.owner_pid)).map(toEntry);
  }

  /** This process's temporary changes still in place (an operation cut short by a quit or a signal). */
  ownTemporary(): JournalEntry[] {
    const rows = this.db.prepare("SELECT * FROM net_journal WHERE state IN ('pending', 'applied') AND auto_revert = 1 AND owner_pid = ? ORDER BY id DESC").all(this.pid) as Row[];
    return rows.map(toEntry);
  }

  list(limit = 200): JournalEntry[] {
    return (this.db.prepare('SELECT * FROM net_journal ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toEntry);
  }

  /** Reverts every outstanding change, newest first; keeps going past failures and reports them. */
  async revertOutstanding(which: 'all' | 'orphaned' | 'own-temporary' = 'all'): Promise<{ reverted: JournalEntry[]; failed: { entry: JournalEntry; error: string }[] }> {
    const reverted: JournalEntry[] = [];
    const failed: { entry: JournalEntry; error: string }[] = [];
    const entries = which === 'all' ? this.outstanding() : which === 'orphaned' ? this.orphaned() : this.ownTemporary();
    for (const e of entries) {
      try {
        reverted.push(await this.revert(e.id));
      } catch (err) {
        failed.push({ entry: e, error: (err as Error).message });
      }
    }
    return { reverted, failed };
  }
}

/** A set of changes made for one operation, all undone together (newest first) at the end. */
export class ChangeSet {
  private readonly ids: number[] = [];
  constructor(
    private readonly journal: LaptopJournal,
    private readonly reason: string,
  ) {}

  async apply(change: LaptopChange): Promise<void> {
    this.ids.push(await this.journal.apply(change, this.reason));
  }

  get size(): number {
    return this.ids.length;
  }

  /** Reverts everything this set applied; returns the errors (never throws, so cleanup always runs fully). */
  async revertAll(): Promise<string[]> {
    const errors: string[] = [];
    for (const id of [...this.ids].reverse()) {
      try {
        await this.journal.revert(id);
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
    this.ids.length = 0;
    return errors;
  }
}
