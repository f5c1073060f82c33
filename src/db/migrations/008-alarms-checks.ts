/**
 * `alarms` and `alarm_records` with the same CHECK constraints written as OR chains, for import speed.
 *
 * A constant `x IN ('a', 'b', ...)` in a CHECK (or a partial index's WHERE) is evaluated per inserted
 * row through an ephemeral lookup table that SQLite builds for each execution of a one-row INSERT.
 * Measured on 127k instances and 200k records (scripts/bench/alarms.ts): ~1.2 µs per instance and
 * ~1 µs per record, a third of their insert cost. `x = 'a' OR x = 'b'` allows exactly the same values
 * at the cost of a comparison. The partial index on open alarms gets the same treatment; queries with
 * `state = 'active'` (or 'acked') still use it (a term of the WHERE that is a term of the index's OR).
 *
 * alarm_records(alarm_id) is indexed for local records only (origin 1, no op_id). A device record of
 * an instance is its raise or its clear, and a device record's flow position is its op_id, so the
 * instance's ord_raise / ord_clear find it through the unique (device_id, origin, op_id) index that
 * every record needs anyway (AlarmStore.get checks alarm_id on the way). One index write less per
 * imported record.
 *
 * Both tables are rebuilt in place with their ids, so alarm_operations (which references alarms) and
 * the FTS index (keyed by alarms.tkey) stay valid. Foreign keys stay on: the rows are parked in
 * holding tables, and dropping `alarms` while operations point at it is a deferred violation that
 * re-inserting every parent row resolves before the commit (the migration's transaction).
 */
export const sql = `
PRAGMA defer_foreign_keys = ON;

CREATE TABLE alarm_records_008 AS SELECT id, device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, source, fingerprint
  FROM alarm_records;
DROP TABLE alarm_records;
CREATE TABLE alarms_008 AS SELECT id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey,
  raised_at, raised_ms, cleared_at, cleared_ms, acked_at, acked_by, flags, message, source
  FROM alarms;
DROP TABLE alarms;

CREATE TABLE alarms (
  id          INTEGER PRIMARY KEY,
  device_id   INTEGER NOT NULL REFERENCES alarm_devices(id),
  se_id       TEXT,
  kind        TEXT NOT NULL CHECK (kind = 'alarm' OR kind = 'event'),
  type        TEXT NOT NULL,
  severity    INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
  state       TEXT NOT NULL CHECK (state = 'active' OR state = 'acked' OR state = 'cleared' OR state = 'event'),
  ord_first   INTEGER NOT NULL,
  ord_raise   INTEGER,
  ord_clear   INTEGER,
  time_ms     INTEGER NOT NULL,
  tkey        INTEGER NOT NULL,
  raised_at   TEXT,
  raised_ms   INTEGER,
  cleared_at  TEXT,
  cleared_ms  INTEGER,
  acked_at    TEXT,
  acked_by    TEXT,
  flags       INTEGER NOT NULL DEFAULT 0,
  message     TEXT NOT NULL,
  source      TEXT,
  CHECK ((kind = 'event') = (state = 'event'))
) STRICT;
INSERT INTO alarms (id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey,
    raised_at, raised_ms, cleared_at, cleared_ms, acked_at, acked_by, flags, message, source)
  SELECT id, device_id, se_id, kind, type, severity, state, ord_first, ord_raise, ord_clear, time_ms, tkey,
    raised_at, raised_ms, cleared_at, cleared_ms, acked_at, acked_by, flags, message, source
  FROM alarms_008 ORDER BY id;
DROP TABLE alarms_008;
CREATE INDEX alarms_flow ON alarms(device_id, se_id, ord_first) WHERE kind = 'alarm';
CREATE UNIQUE INDEX alarms_time ON alarms(tkey);
CREATE INDEX alarms_device_time ON alarms(device_id, tkey);
CREATE INDEX alarms_open_time ON alarms(state, tkey) WHERE state = 'active' OR state = 'acked';

CREATE TABLE alarm_records (
  id          INTEGER PRIMARY KEY,
  device_id   INTEGER NOT NULL REFERENCES alarm_devices(id),
  origin      INTEGER NOT NULL CHECK (origin = 0 OR origin = 1),
  op_id       INTEGER NOT NULL,
  alarm_id    INTEGER REFERENCES alarms(id),
  action      TEXT NOT NULL CHECK (action = 'raise' OR action = 'clear' OR action = 'event'),
  time        TEXT NOT NULL,
  time_ms     INTEGER NOT NULL,
  flags       INTEGER NOT NULL DEFAULT 0,
  message     TEXT NOT NULL,
  source      TEXT,
  fingerprint TEXT
) STRICT;
INSERT INTO alarm_records (id, device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, source, fingerprint)
  SELECT id, device_id, origin, op_id, alarm_id, action, time, time_ms, flags, message, source, fingerprint
  FROM alarm_records_008 ORDER BY id;
DROP TABLE alarm_records_008;
CREATE UNIQUE INDEX alarm_records_op ON alarm_records(device_id, origin, op_id);
CREATE UNIQUE INDEX alarm_records_fp ON alarm_records(device_id, fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX alarm_records_local ON alarm_records(alarm_id) WHERE origin = 1;
`;
