import type Database from 'better-sqlite3';
import type { DeviceRecord } from './record';

const MAX_RECORDS = 20_000;

function isRecord(v: unknown): v is DeviceRecord {
  const r = v as DeviceRecord;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.firstSeen === 'number' &&
    typeof r.lastSeen === 'number' && Array.isArray(r.protocols) && Array.isArray(r.interfaces) &&
    typeof r.sources === 'object' && typeof r.ipBySource === 'object';
}

/** Discovered devices in SQLite (migration 002). Writes are batched into one transaction. */
export class DiscoveryStore {
  private readonly upsert: Database.Statement;
  private readonly del: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO discovery_devices (id, mac, endpoint, udn, serial, first_seen, last_seen, record)
       VALUES (@id, @mac, @endpoint, @udn, @serial, @first_seen, @last_seen, @record)
       ON CONFLICT(id) DO UPDATE SET mac = excluded.mac, endpoint = excluded.endpoint, udn = excluded.udn,
         serial = excluded.serial, first_seen = excluded.first_seen, last_seen = excluded.last_seen, record = excluded.record`,
    );
    this.del = db.prepare('DELETE FROM discovery_devices WHERE id = ?');
  }

  /** Every stored record; rows that do not parse are skipped (and logged by the caller via the count). */
  load(): { records: DeviceRecord[]; skipped: number } {
    const rows = this.db.prepare('SELECT record FROM discovery_devices ORDER BY last_seen DESC LIMIT ?').all(MAX_RECORDS) as Array<{ record: string }>;
    const records: DeviceRecord[] = [];
    let skipped = 0;
    for (const row of rows) {
      try {
        const r = JSON.parse(row.record) as unknown;
        if (isRecord(r)) records.push(r);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    return { records, skipped };
  }

  /** Saves changed records and deletes removed ids, atomically. */
  save(changed: DeviceRecord[], removed: string[]): void {
    if (changed.length === 0 && removed.length === 0) return;
    this.db.transaction(() => {
      for (const id of removed) this.del.run(id);
      for (const r of changed) {
        this.upsert.run({
          id: r.id, mac: r.mac, endpoint: r.endpoint, udn: r.udn, serial: r.serial,
          first_seen: new Date(r.firstSeen).toISOString(), last_seen: new Date(r.lastSeen).toISOString(),
          record: JSON.stringify({ ...r, online: false }),
        });
      }
    }).immediate(); // IMMEDIATE: see AlarmIngest.apply (the log writer thread shares the file)
  }

  clear(): void {
    this.db.prepare('DELETE FROM discovery_devices').run();
  }
}
