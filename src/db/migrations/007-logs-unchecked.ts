/**
 * `log_entries` without its CHECK constraints, for ingest speed.
 *
 * The log writer inserts several hundred thousand rows a second at peak; the CHECKs of migration 003
 * (value lists, ranges, json_valid) cost ~0.8 µs of ~3.4 µs per table row, even with multi-row
 * INSERTs. Every row comes from one encoder (src/logs/store/rows.ts `toWire`), whose values are
 * checked by test/unit/logs/store.test.ts, so the table keeps only its types (STRICT) and NOT NULLs.
 *
 * The table is rebuilt in place: ids are copied, so the contentless FTS index (keyed by rowid) stays
 * valid and is not touched; the two indexes are recreated.
 */
export const sql = `
CREATE TABLE log_entries_007 (
  id             INTEGER PRIMARY KEY,
  received_at    INTEGER NOT NULL,
  time           TEXT,
  time_raw       TEXT,
  transport      TEXT NOT NULL,
  source         TEXT NOT NULL,
  source_address TEXT,
  source_port    INTEGER,
  device_id      TEXT,
  device_name    TEXT,
  host           TEXT,
  app            TEXT,
  procid         TEXT,
  msgid          TEXT,
  facility       INTEGER,
  severity       INTEGER,
  structured     TEXT,
  message        TEXT NOT NULL,
  format         TEXT NOT NULL,
  flags          INTEGER NOT NULL DEFAULT 0,
  problems       TEXT,
  raw            TEXT,
  raw_hex        TEXT,
  size           INTEGER NOT NULL
) STRICT;
INSERT INTO log_entries_007 SELECT id, received_at, time, time_raw, transport, source, source_address, source_port, device_id,
  device_name, host, app, procid, msgid, facility, severity, structured, message, format, flags, problems, raw, raw_hex, size
  FROM log_entries ORDER BY id;
DROP TABLE log_entries;
ALTER TABLE log_entries_007 RENAME TO log_entries;
CREATE INDEX log_entries_received ON log_entries (received_at);
CREATE INDEX log_entries_device ON log_entries (device_id) WHERE device_id IS NOT NULL;
`;
