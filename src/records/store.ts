import type Database from 'better-sqlite3';
import type { CommissioningRecord, RecordCheck, RecordNetwork } from '../contract/records';

/** A record as written (id and time are the store's). */
export type NewRecord = Omit<CommissioningRecord, 'id' | 'createdAt'>;

interface Row {
  id: number;
  run_id: number | null;
  site: string;
  technician: string;
  mac: string;
  serial: string;
  model: string;
  manufacturer: string;
  firmware: string;
  network_before: string | null;
  network_after: string | null;
  time_setting: string;
  hostname: string | null;
  name: string | null;
  location: string | null;
  ok: number;
  created_at: string;
}

const net = (s: string | null) => (s === null ? null : (JSON.parse(s) as RecordNetwork));

/**
 * Commissioning records: one per camera per run (a resumed run rewrites its
 * camera's record with every check so far, it never adds a second one).
 */
export class RecordsStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  /** Writes (or, for the same run and camera, replaces) a record with its checks, atomically. */
  put(r: NewRecord): CommissioningRecord {
    const at = new Date(this.now()).toISOString();
    const id = this.db.transaction(() => {
      if (r.runId !== null) this.db.prepare('DELETE FROM commission_record WHERE run_id = ? AND mac = ?').run(r.runId, r.mac);
      const rid = Number(
        this.db
          .prepare(
            `INSERT INTO commission_record(run_id, site, technician, mac, serial, model, manufacturer, firmware, network_before, network_after,
               time_setting, hostname, name, location, ok, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            r.runId, r.site, r.technician, r.mac, r.serial, r.model, r.manufacturer, r.firmware,
            r.networkBefore ? JSON.stringify(r.networkBefore) : null, r.networkAfter ? JSON.stringify(r.networkAfter) : null,
            r.timeSetting, r.hostname, r.name, r.location, r.ok ? 1 : 0, at,
          ).lastInsertRowid,
      );
      const put = this.db.prepare('INSERT INTO commission_check(record_id, seq, name, ok, detail, at) VALUES (?, ?, ?, ?, ?, ?)');
      r.checks.forEach((c, i) => put.run(rid, i, c.name, c.ok ? 1 : 0, c.detail, c.at));
      return rid;
    }).immediate(); // IMMEDIATE: see AlarmIngest.apply (the log writer thread shares the file)
    return this.get(id)!;
  }

  get(id: number): CommissioningRecord | null {
    const r = this.db.prepare('SELECT * FROM commission_record WHERE id = ?').get(id) as Row | undefined;
    return r ? this.toRecord(r) : null;
  }

  list(opts: { site?: string | undefined; limit?: number } = {}): CommissioningRecord[] {
    const limit = opts.limit ?? 1000;
    const rows = (opts.site
      ? this.db.prepare('SELECT * FROM commission_record WHERE site = ? ORDER BY id DESC LIMIT ?').all(opts.site, limit)
      : this.db.prepare('SELECT * FROM commission_record ORDER BY id DESC LIMIT ?').all(limit)) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  sites(): { site: string; records: number }[] {
    return this.db.prepare('SELECT site, COUNT(*) AS records FROM commission_record GROUP BY site ORDER BY site').all() as { site: string; records: number }[];
  }

  private toRecord(r: Row): CommissioningRecord {
    const checks = (this.db.prepare('SELECT name, ok, detail, at FROM commission_check WHERE record_id = ? ORDER BY seq').all(r.id) as (Omit<RecordCheck, 'ok'> & { ok: number })[]).map(
      (c) => ({ ...c, ok: c.ok === 1 }),
    );
    return {
      id: r.id,
      runId: r.run_id,
      site: r.site,
      technician: r.technician,
      mac: r.mac,
      serial: r.serial,
      model: r.model,
      manufacturer: r.manufacturer,
      firmware: r.firmware,
      networkBefore: net(r.network_before),
      networkAfter: net(r.network_after),
      timeSetting: r.time_setting,
      hostname: r.hostname,
      name: r.name,
      location: r.location,
      ok: r.ok === 1,
      checks,
      createdAt: r.created_at,
    };
  }
}
