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

  /** FieldKit's temporary rows for one laptop address in one of `states`, other than `id`. */
  private temporaryRows(iface: string, cidr: string, states: readonly JournalState[], id = 0): Row[] {
    return this.db
      .prepare(
        `SELECT * FROM net_journal WHERE kind = 'address' AND iface = ? AND json_extract(change, '$.cidr') = ? AND auto_revert = 1 AND id != ? AND state IN (${states.map(() => '?').join(', ')}) ORDER BY id`,
      )
      .all(iface, cidr, id, ...states) as Row[];
  }

  /**
   * For an operation that finds the laptop already holding one of `cidrs` on `iface`: 'permanent' when
   * one is not a temporary alias (the laptop's own address, a technician's alias) or is one of `mine`
   * (the operation's own rows); otherwise journals a reference to another operation's temporary alias
   * ('shared', with the new row's id), so that operation's revert leaves the address in place while
   * this one still needs it. Null when every one is being removed. One transaction, so a concurrent
   * revert either sees the reference or has already claimed the address for removal.
   */
  reference(iface: string, cidrs: readonly string[], mine: readonly number[], reason: string): { use: 'permanent'; cidr: string } | { use: 'shared'; cidr: string; id: number } | null {
    return this.db
      .transaction(() => {
        const held = cidrs.map((cidr) => ({ cidr, rows: this.temporaryRows(iface, cidr, ['pending', 'applied']) }));
        const permanent = held.find((h) => h.rows.length === 0 || h.rows.some((r) => mine.includes(r.id)));
        if (permanent) return { use: 'permanent' as const, cidr: permanent.cidr };
        const shared = held.find((h) => h.rows.some((r) => r.state === 'applied'));
        if (!shared) return null;
        const owner = shared.rows.find((r) => r.state === 'applied')!;
        const at = this.now();
        const change: LaptopChange = { kind: 'address', iface, cidr: shared.cidr };
        const id = Number(
          this.db
            .prepare("INSERT INTO net_journal(created_at, kind, iface, change, reason, auto_revert, owner_pid, state, updated_at) VALUES (?, 'address', ?, ?, ?, 1, ?, 'applied', ?)")
            .run(at, iface, JSON.stringify(change), `${reason} (shares the temporary ${shared.cidr} of entry ${owner.id})`, this.pid, at).lastInsertRowid,
        );
        return { use: 'shared' as const, cidr: shared.cidr, id };
      })
      .immediate();
  }

  /**
   * Whether reverting `entry` must leave its address in place because another live operation's
   * temporary row still holds it (the last holder removes it; a dead owner's row holds nothing, so
   * crash recovery still cleans up). Otherwise the row goes back to pending, so no new reference is
   * taken on an address about to be removed.
   */
  private keepShared(entry: JournalEntry): boolean {
    const c = entry.change;
    if (c.kind !== 'address') return false;
    return this.db
      .transaction(() => {
        const others = this.temporaryRows(c.iface, c.cidr, ['applied'], entry.id);
        if (others.some((r) => r.owner_pid === this.pid || this.isAlive(r.owner_pid))) {
          this.setState(entry.id, 'reverted');
          return true;
        }
        if (entry.state === 'applied') this.setState(entry.id, 'pending');
        return false;
      })
      .immediate();
  }

  /** Undoes one change; something already gone counts as reverted. */
  async revert(id: number): Promise<JournalEntry> {
    const row = this.db.prepare('SELECT * FROM net_journal WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new FieldKitError('not_found', `No journal entry ${id}.`);
    const entry = toEntry(row);
    if (entry.state === 'reverted') return entry;
    if (this.keepShared(entry)) return { ...entry, state: 'reverted' };
    try {
      const c = entry.change;
      if (c.kind === 'address') await this.net.removeAddress(c.iface, c.cidr);
      else await this.net.unpinNeighbour(c.iface, c.ip);
    } catch (err) {
      // A pending row may never have been applied; a change removed by hand is gone too.
      if (!(err instanceof FieldKitError && err.code === 'not_found')) {
        this.db.prepare('UPDATE net_journal SET state = ?, updated_at = ?, error = ? WHERE id = ?').run(entry.state, this.now(), (err as Error).message, id);
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

  /**
   * Takes this operation's reference on an address the laptop already has (see {@link LaptopJournal.reference});
   * a shared alias is released with the rest of the set.
   */
  reference(iface: string, cidrs: readonly string[]): { use: 'permanent' | 'shared'; cidr: string } | null {
    const r = this.journal.reference(iface, cidrs, this.ids, this.reason);
    if (r?.use === 'shared') this.ids.push(r.id);
    return r && { use: r.use, cidr: r.cidr };
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
