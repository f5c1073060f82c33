/**
 * Alarm flow positions that do not depend on arrival order.
 *
 * A flow (device + se_id) is folded in position order: a raise, the clear that closes it, re-reports
 * in between. A record that arrives late can change how the records after it fold (a late clear makes
 * a raise that looked like a re-report a new alarm), so those records must be found again by position.
 *
 * alarm_positions: one row per flow record that has no op_id (origin 1, kind alarm) and per marker
 * (flags & 8: a re-reported raise, a clear with nothing to close, a skipped soft clear), with its flow
 * and position; `type` and `severity` of a re-reported raise, for when it becomes an alarm of its own.
 * A device record's position is its op_id, so the bulk of an import (device records that are not
 * markers) writes nothing here and alarm_records keeps its shape and indexes.
 *
 * Positions without op_id are `time_ms * 32768 + k`, k = how many records of the flow were already in
 * that millisecond: (time, arrival) compared as a pair, in a 64-bit integer (years 0000-9999 fit, as for
 * alarms.tkey). It replaces `time_ms * 1000 + seq % 1000`, which put a clear before its raise when the
 * device's sequence passed a multiple of 1000 within one millisecond, and left 2^53 after ~2255. It
 * exceeds 2^53: compute it in SQL or as a BigInt, never through a JS number. Local events are in no
 * flow: their ord_first is `time_ms * 32768`.
 *
 * Existing data: local alarm records get their position (rank within the flow's millisecond by op_id,
 * which is arrival order), local instances their ord_* from those positions, device markers a row with
 * their op_id. Old markers have no type or severity; the alarm they re-reported supplies them.
 */
export const sql = `
CREATE TABLE alarm_positions (
  record_id  INTEGER PRIMARY KEY REFERENCES alarm_records(id),
  device_id  INTEGER NOT NULL,
  se_id      TEXT NOT NULL,
  ord        INTEGER NOT NULL,
  type       TEXT,
  severity   INTEGER
) STRICT;

INSERT INTO alarm_positions(record_id, device_id, se_id, ord)
  SELECT r.id, r.device_id, a.se_id,
         r.time_ms * 32768 + row_number() OVER (PARTITION BY r.device_id, a.se_id, r.time_ms ORDER BY r.op_id) - 1
  FROM alarm_records r JOIN alarms a ON a.id = r.alarm_id
  WHERE r.origin = 1 AND a.kind = 'alarm';

INSERT INTO alarm_positions(record_id, device_id, se_id, ord)
  SELECT r.id, r.device_id, a.se_id, r.op_id
  FROM alarm_records r JOIN alarms a ON a.id = r.alarm_id
  WHERE r.origin = 0 AND r.flags & 8 != 0 AND a.kind = 'alarm';

UPDATE alarms SET
    ord_raise = coalesce(r.o_raise, alarms.ord_raise),
    ord_clear = coalesce(r.o_clear, alarms.ord_clear),
    ord_first = coalesce(r.o_raise, alarms.ord_raise, r.o_clear, alarms.ord_clear)
  FROM (SELECT rec.alarm_id, max(CASE WHEN rec.action = 'raise' THEN p.ord END) AS o_raise, max(CASE WHEN rec.action = 'clear' THEN p.ord END) AS o_clear
        FROM alarm_positions p JOIN alarm_records rec ON rec.id = p.record_id
        WHERE rec.origin = 1 AND rec.flags & 8 = 0
        GROUP BY rec.alarm_id) AS r
  WHERE alarms.id = r.alarm_id;

UPDATE alarms SET ord_first = time_ms * 32768, ord_raise = time_ms * 32768
  WHERE kind = 'event' AND id IN (SELECT alarm_id FROM alarm_records WHERE origin = 1 AND alarm_id IS NOT NULL);

CREATE INDEX alarm_positions_flow ON alarm_positions(device_id, se_id, ord);
`;
