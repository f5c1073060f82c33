/**
 * Offline alarm review. Devices number their records (op_id); FieldKit keeps
 * every flow record once, folds raise/clear pairs that share a se_id into
 * instances with a current state, and logs what operators did.
 *
 * - alarm_devices: sync state per device. first/last/count of the device's own
 *   op_ids give gaps cheaply (last - first + 1 - count missing); local_seq numbers
 *   records that came without an op_id.
 * - alarms: instances. `ord_*` are flow positions (the device's op_id, or the UTC
 *   time for records without one) used to pair raises and clears that arrive out
 *   of order; `time_ms` is the instance's time (raise, orphan clear or event time, UTC) and
 *   `tkey` = time_ms * 32768 + slot its unique sort key (slot: the id's low 15 bits, another free one
 *   on a clash). tkey is also the FTS rowid, so a text search newest-first walks the FTS index in
 *   time order and stops after one page instead of sorting every match. It exceeds 2^53: compute it
 *   in SQL, never read it into a JS number.
 * - alarm_records: flow records. (device, origin, op_id) is unique: a re-report
 *   is counted, not stored (a re-report with a new op_id leaves a marker row,
 *   flags & 8, so the op_id does not show as a gap). Local records are also unique by content fingerprint
 *   so re-importing a file without op_ids is idempotent.
 * - alarm_operations: acknowledgements and notes.
 * - alarms_fts: full-text index over type and message (unicode61 with every CJK
 *   character spaced, as the logs index does, so Chinese matches as a substring and
 *   Latin words as prefixes; trigram was tried and was 3x slower to search at 1M).
 *   Devices are a filter of their own, so their names stay out of it. Its rowid is alarms.tkey.
 *   Contentless (a changed row is removed with the 'delete' command and its old text). Writers insert in ascending rowid order at
 *   the end of a transaction (a rowid lower than the previous one flushes FTS5's pending terms),
 *   and a 16 MB pending-terms hash means fewer, larger segments to merge during big imports.
 */
export const sql = `
CREATE TABLE alarm_devices (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  first_op_id INTEGER,
  last_op_id  INTEGER,
  op_count    INTEGER NOT NULL DEFAULT 0,
  local_seq   INTEGER NOT NULL DEFAULT 0,
  records     INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE alarms (
  id          INTEGER PRIMARY KEY,
  device_id   INTEGER NOT NULL REFERENCES alarm_devices(id),
  se_id       TEXT,
  kind        TEXT NOT NULL CHECK (kind IN ('alarm', 'event')),
  type        TEXT NOT NULL,
  severity    INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
  state       TEXT NOT NULL CHECK (state IN ('active', 'acked', 'cleared', 'event')),
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
CREATE INDEX alarms_flow ON alarms(device_id, se_id, ord_first) WHERE kind = 'alarm';
CREATE UNIQUE INDEX alarms_time ON alarms(tkey);
CREATE INDEX alarms_device_time ON alarms(device_id, tkey);
CREATE INDEX alarms_open_time ON alarms(state, tkey) WHERE state IN ('active', 'acked');

CREATE TABLE alarm_records (
  id          INTEGER PRIMARY KEY,
  device_id   INTEGER NOT NULL REFERENCES alarm_devices(id),
  origin      INTEGER NOT NULL CHECK (origin IN (0, 1)),
  op_id       INTEGER NOT NULL,
  alarm_id    INTEGER REFERENCES alarms(id),
  action      TEXT NOT NULL CHECK (action IN ('raise', 'clear', 'event')),
  time        TEXT NOT NULL,
  time_ms     INTEGER NOT NULL,
  flags       INTEGER NOT NULL DEFAULT 0,
  message     TEXT NOT NULL,
  source      TEXT,
  fingerprint TEXT
) STRICT;
CREATE UNIQUE INDEX alarm_records_op ON alarm_records(device_id, origin, op_id);
CREATE UNIQUE INDEX alarm_records_fp ON alarm_records(device_id, fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX alarm_records_alarm ON alarm_records(alarm_id);

CREATE TABLE alarm_operations (
  id        INTEGER PRIMARY KEY,
  alarm_id  INTEGER NOT NULL REFERENCES alarms(id),
  op        TEXT NOT NULL CHECK (op IN ('ack', 'note')),
  by        TEXT NOT NULL,
  note      TEXT,
  at        TEXT NOT NULL
) STRICT;
CREATE INDEX alarm_operations_alarm ON alarm_operations(alarm_id);

CREATE VIRTUAL TABLE alarms_fts USING fts5(body, content='', tokenize='unicode61');
INSERT INTO alarms_fts(alarms_fts, rank) VALUES ('hashsize', 16777216);
`;
