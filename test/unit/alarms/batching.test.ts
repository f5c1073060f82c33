import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AlarmRecordInput } from '../../../src/alarms/types';
import { makeAlarms } from './harness';

/**
 * A messy stream: three devices, flows raised and cleared, clears before raises, re-sent records,
 * events, records without op_id (local numbering, flow by time), all shuffled a little so op_ids
 * arrive out of order. Deterministic.
 */
function stream(): AlarmRecordInput[] {
  let seed = 11;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const at = (s: number) => new Date(Date.UTC(2024, 2, 5) + s * 1000).toISOString();
  const out: AlarmRecordInput[] = [];
  const ops = [0, 0, 0];
  for (let i = 0; i < 400; i++) {
    const d = rnd(3);
    const device = `cam-${d}`;
    const flow = `se-${rnd(6)}`;
    const r = rnd(10);
    if (r < 1) {
      out.push({ device, kind: 'event', type: 'reboot', severity: 'info', action: 'event', time: at(i), message: `reboot ${i} 重启`, opId: ++ops[d]! });
    } else if (r < 2) {
      // A local record (log rule / discovery watch): no op_id, flow = type, sometimes re-sent.
      const rec: AlarmRecordInput = { device, kind: 'alarm', type: 'device-offline', severity: 'critical', action: rnd(2) ? 'raise' : 'clear', time: at(i - rnd(30)), message: 'offline 离线' };
      out.push(rec);
      if (rnd(3) === 0) out.push({ ...rec });
    } else {
      out.push({ device, kind: 'alarm', type: 'motion', severity: 'warning', action: rnd(2) ? 'raise' : 'clear', time: at(i), message: `motion ${flow}`, seId: flow, opId: ++ops[d]! });
      if (rnd(8) === 0) out.push({ ...out[out.length - 1]! });
    }
  }
  // Local shuffle: swap neighbours now and then (out-of-order delivery).
  for (let i = 1; i < out.length; i++) if (rnd(5) === 0) [out[i - 1], out[i]] = [out[i]!, out[i - 1]!];
  return out;
}

/** The whole store by content (ids aside): instances, records, sync state, text index size. */
function snapshot(db: Database.Database) {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    instances: q(`SELECT d.name, a.se_id, a.kind, a.type, a.state, a.ord_first, a.ord_raise, a.ord_clear, a.raised_at, a.cleared_at, a.flags, a.message
                  FROM alarms a JOIN alarm_devices d ON d.id = a.device_id ORDER BY d.name, a.tkey, a.ord_first`),
    records: q(`SELECT d.name, r.origin, r.op_id, r.action, r.time, r.flags, a.ord_first AS instance
                FROM alarm_records r JOIN alarm_devices d ON d.id = r.device_id LEFT JOIN alarms a ON a.id = r.alarm_id ORDER BY d.name, r.origin, r.op_id`),
    devices: q('SELECT name, first_op_id, last_op_id, op_count, local_seq, records, duplicates FROM alarm_devices ORDER BY name'),
    fts: q("SELECT count(*) AS n, (SELECT count(*) FROM alarms_fts WHERE alarms_fts MATCH 'motion') AS motion FROM alarms_fts"),
  };
}

describe('alarm ingest: batching does not change the outcome', () => {
  it('gives the same store for one apply, one record per apply, and uneven chunks', () => {
    const records = stream();
    const whole = makeAlarms();
    const total = whole.svc.ingestLive(records);
    expect(total.imported).toBeGreaterThan(50);
    expect(total.duplicates).toBeGreaterThan(10);
    expect(total.orphanClears).toBeGreaterThan(0);
    const expected = snapshot(whole.db);
    expect(expected.fts[0]).toMatchObject({ n: expected.instances.length });

    const single = makeAlarms();
    for (const r of records) single.svc.ingestLive([r]);
    expect(snapshot(single.db)).toEqual(expected);

    const chunks = makeAlarms();
    const sizes = [1, 7, 50, 3, 120];
    for (let i = 0, k = 0; i < records.length; i += sizes[k++ % sizes.length]!) chunks.svc.ingestLive(records.slice(i, i + sizes[k % sizes.length]!));
    expect(snapshot(chunks.db)).toEqual(expected);
  });
});
