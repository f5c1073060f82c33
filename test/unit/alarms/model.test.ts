import { describe, expect, it } from 'vitest';
import { makeAlarms, rec } from './harness';

const at = (min: number, offset = '+08:00') => `2024-03-05T10:${String(min).padStart(2, '0')}:00${offset}`;

describe('alarm model: AlarmIngest.apply', () => {
  it('pairs raise and clear of one se_id into one cleared instance with a duration', () => {
    const { svc } = makeAlarms();
    const r = svc.ingestLive([
      rec({ opId: 1, seId: 'A', action: 'raise', time: at(0), message: 'camera offline' }),
      rec({ opId: 2, seId: 'A', action: 'clear', time: at(5), message: 'camera online' }),
    ]);
    expect(r).toMatchObject({ imported: 2, duplicates: 0, orphanClears: 0 });
    const page = svc.list();
    expect(page.total).toBe(1);
    const d = svc.get(page.items[0]!.id);
    expect(d).toMatchObject({ state: 'cleared', raisedAt: at(0), clearedAt: at(5), durationMs: 300_000, message: 'camera offline' });
    expect(d.flow.map((f) => [f.action, f.opId, f.origin])).toEqual([['raise', 1, 'device'], ['clear', 2, 'device']]);
    expect(d.timeline.map((s) => [s.step, s.sincePreviousMs])).toEqual([['raised', null], ['cleared', 300_000]]);
  });

  it('counts the same (device, op_id) twice as a duplicate and stores it once', () => {
    const { svc, db } = makeAlarms();
    const a = rec({ opId: 7, seId: 'A' });
    expect(svc.ingestLive([a, a])).toMatchObject({ imported: 1, duplicates: 1 });
    expect(svc.ingestLive([a])).toMatchObject({ imported: 0, duplicates: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM alarm_records').get()).toEqual({ n: 1 });
    expect(svc.syncStatus()).toEqual([{ device: 'cam-1', lastOpId: 7, gaps: [], records: 1, duplicates: 2 }]);
  });

  it('counts a raise for an already-active se_id as a duplicate, without a false gap for its op_id', () => {
    const { svc } = makeAlarms();
    const r = svc.ingestLive([
      rec({ opId: 1, seId: 'A', time: at(0) }),
      rec({ opId: 2, seId: 'A', time: at(1), message: 're-sent' }),
      rec({ opId: 3, seId: 'A', action: 'clear', time: at(2) }),
    ]);
    expect(r).toMatchObject({ imported: 2, duplicates: 1 });
    expect(svc.list().items).toHaveLength(1);
    expect(svc.syncStatus()[0]).toMatchObject({ lastOpId: 3, gaps: [] });
    // After the clear, the same se_id can be raised again: a new instance.
    svc.ingestLive([rec({ opId: 4, seId: 'A', time: at(3) })]);
    expect(svc.list({ state: 'active' }).total).toBe(1);
    expect(svc.list().total).toBe(2);
  });

  it('detects gaps in op_id numbering per device', () => {
    const { svc } = makeAlarms();
    svc.ingestLive([1, 2, 5, 6, 9].map((op) => rec({ opId: op, kind: 'event', action: 'event', type: 'io', time: at(op) })));
    svc.ingestLive([rec({ device: 'cam-2', opId: 40, kind: 'event', action: 'event' })]);
    expect(svc.syncStatus().map((s) => [s.device, s.lastOpId, s.gaps])).toEqual([
      ['cam-1', 9, [[3, 4], [7, 8]]],
      ['cam-2', 40, []],
    ]);
    // The missing records arrive later: the gaps close.
    svc.ingestLive([3, 4, 7, 8].map((op) => rec({ opId: op, kind: 'event', action: 'event', type: 'io', time: at(op) })));
    expect(svc.syncStatus({ device: 'cam-1' })[0]!.gaps).toEqual([]);
  });

  it('keeps a clear without its raise as a flagged orphan, and completes it when the raise arrives later', () => {
    const { svc } = makeAlarms();
    expect(svc.ingestLive([rec({ opId: 11, seId: 'B', action: 'clear', time: at(30), message: 'back online' })])).toMatchObject({ imported: 1, orphanClears: 1 });
    let item = svc.list().items[0]!;
    expect(item).toMatchObject({ state: 'cleared', raisedAt: null, clearedAt: at(30), flags: ['orphan-clear'] });
    expect(svc.list({ flagged: true }).total).toBe(1);
    // A re-sent clear is a duplicate, not a second orphan.
    expect(svc.ingestLive([rec({ opId: 12, seId: 'B', action: 'clear', time: at(31) })])).toMatchObject({ imported: 0, duplicates: 1 });
    // The raise (earlier op_id) turns up in a later import.
    expect(svc.ingestLive([rec({ opId: 10, seId: 'B', action: 'raise', time: at(20), message: 'offline' })])).toMatchObject({ imported: 1 });
    item = svc.list().items[0]!;
    expect(svc.list().total).toBe(1);
    expect(item).toMatchObject({ state: 'cleared', raisedAt: at(20), clearedAt: at(30), flags: [], message: 'offline' });
    expect(svc.get(item.id).durationMs).toBe(600_000);
  });

  it('handles out-of-order arrival: a later flow first, then the earlier raise/clear', () => {
    const { svc } = makeAlarms();
    // op order: raise 1, clear 2, raise 3 — delivered 3, 1, 2.
    svc.ingestLive([rec({ opId: 3, seId: 'C', time: at(30) })]);
    svc.ingestLive([rec({ opId: 1, seId: 'C', time: at(10) })]);
    svc.ingestLive([rec({ opId: 2, seId: 'C', action: 'clear', time: at(20) })]);
    const items = svc.list(undefined, { sort: 'time', order: 'asc' }).items;
    expect(items.map((i) => [i.state, i.raisedAt, i.clearedAt])).toEqual([
      ['cleared', at(10), at(20)],
      ['active', at(30), null],
    ]);
    // A clear for the newest raise still finds it.
    svc.ingestLive([rec({ opId: 4, seId: 'C', action: 'clear', time: at(40) })]);
    expect(svc.list({ state: 'active' }).total).toBe(0);
  });

  it('an event is one-shot: never active, never paired, and an event "raise" is rejected', () => {
    const { svc } = makeAlarms();
    const r = svc.ingestLive([
      rec({ opId: 1, kind: 'event', action: 'event', type: 'door-lock-failed', seId: 'D' }),
      rec({ opId: 2, kind: 'event', action: 'event', type: 'door-lock-failed', seId: 'D', time: at(1) }),
      rec({ opId: 3, kind: 'event', action: 'raise', type: 'door-lock-failed' }),
      rec({ opId: 4, kind: 'alarm', action: 'event' }),
    ]);
    expect(r.imported).toBe(2);
    expect(r.rejected.map((x) => x.index)).toEqual([2, 3]);
    expect(svc.list({ state: 'active' }).total).toBe(0);
    expect(svc.list({ kind: 'event' }).items.map((i) => i.state)).toEqual(['event', 'event']);
  });

  it('allows acknowledging a cleared alarm and records who did it, when, and the note', () => {
    const { svc, changed } = makeAlarms();
    svc.ingestLive([rec({ opId: 1, seId: 'A', time: at(0) }), rec({ opId: 2, seId: 'A', action: 'clear', time: at(5) })]);
    svc.ingestLive([rec({ opId: 3, seId: 'E', time: at(6) })]);
    const [active, cleared] = [svc.list({ state: 'active' }).items[0]!, svc.list({ state: 'cleared' }).items[0]!];
    const res = svc.ack({ ids: [cleared.id, active.id, 999], by: 'Li Wei', note: '已检查 checked cabling' });
    expect(res).toEqual({ acked: [cleared.id, active.id], alreadyAcked: [], notFound: [999] });
    const c = svc.get(cleared.id);
    expect(c).toMatchObject({ state: 'cleared', ackedAt: '2024-07-01T00:00:00.000Z', ackedBy: 'Li Wei' });
    expect(c.operations).toEqual([{ id: expect.any(Number), op: 'ack', by: 'Li Wei', note: '已检查 checked cabling', at: '2024-07-01T00:00:00.000Z' }]);
    expect(svc.get(active.id).state).toBe('acked');
    expect(svc.list({ state: 'acked' }).total).toBe(1);
    // A second ack is reported, and its note kept.
    expect(svc.ack({ ids: [active.id], by: 'Sam', note: 'again' })).toEqual({ acked: [], alreadyAcked: [active.id], notFound: [] });
    expect(svc.get(active.id).operations.map((o) => o.op)).toEqual(['ack', 'note']);
    // An acked alarm that clears becomes cleared, keeping its ack.
    svc.ingestLive([rec({ opId: 4, seId: 'E', action: 'clear', time: at(9) })]);
    expect(svc.get(active.id)).toMatchObject({ state: 'cleared', ackedBy: 'Li Wei' });
    expect(svc.get(active.id).timeline.map((s) => s.step)).toEqual(['raised', 'cleared', 'acknowledged', 'note']);
    expect(changed.filter((c) => c.reason === 'ack')).toHaveLength(2);
  });

  it('keeps the original time zone and sorts by UTC', () => {
    const { svc } = makeAlarms();
    svc.ingestLive([
      rec({ opId: 1, seId: 'x', type: 'a', time: '2024-03-05T10:00:00+08:00' }), // 02:00Z
      rec({ opId: 2, seId: 'y', type: 'b', time: '2024-03-05T01:30:00-05:00' }), // 06:30Z
      rec({ opId: 3, seId: 'z', type: 'c', time: '2024-03-05T03:00:00Z' }),
    ]);
    expect(svc.list(undefined, { order: 'asc' }).items.map((i) => i.raisedAt)).toEqual([
      '2024-03-05T10:00:00+08:00',
      '2024-03-05T03:00:00Z',
      '2024-03-05T01:30:00-05:00',
    ]);
    expect(svc.list({ since: '2024-03-05T04:00:00+01:00' }).items.map((i) => i.type)).toEqual(['b', 'c']);
  });

  it('flags times in the future or before 2000, and still imports them', () => {
    const { svc } = makeAlarms();
    const r = svc.ingestLive([
      rec({ opId: 1, kind: 'event', action: 'event', time: '1970-01-01T00:00:05Z', message: 'clock never set' }),
      rec({ opId: 2, kind: 'event', action: 'event', time: '2031-01-01T00:00:00+08:00', message: 'clock ahead' }),
      rec({ opId: 3, kind: 'event', action: 'event', time: '2024-07-01T00:05:00Z', message: 'small skew is fine' }),
    ]);
    expect(r).toMatchObject({ imported: 3, timeFlagged: 2 });
    const byMsg = Object.fromEntries(svc.list().items.map((i) => [i.message, i.flags]));
    expect(byMsg).toEqual({ 'clock never set': ['before-2000'], 'clock ahead': ['future-time'], 'small skew is fine': [] });
  });

  it('numbers records without op_id locally, derives the flow from the type, and re-ingesting them is idempotent', () => {
    const { svc } = makeAlarms();
    // What discovery's watch emits: device offline/online, no op_id, no se_id.
    const offline = rec({ device: '192.168.1.64', type: 'device-offline', severity: 'critical', time: at(0), message: 'no reply to probes' });
    const online = rec({ device: '192.168.1.64', type: 'device-offline', severity: 'critical', action: 'clear', time: at(7), message: 'answers again' });
    expect(svc.ingestLive([offline, online])).toMatchObject({ imported: 2 });
    expect(svc.ingestLive([offline, online])).toMatchObject({ imported: 0, duplicates: 2 });
    const [item] = svc.list().items;
    expect(item).toMatchObject({ seId: 'device-offline', state: 'cleared', raisedAt: at(0), clearedAt: at(7) });
    expect(svc.get(item!.id).flow.map((f) => [f.opId, f.origin])).toEqual([[1, 'local'], [2, 'local']]);
    // Local numbering never shows as gaps.
    expect(svc.syncStatus()[0]).toMatchObject({ lastOpId: null, gaps: [] });
    // Without op_ids, flow order is time: a clear delivered before its (earlier) raise still pairs.
    svc.ingestLive([rec({ device: 'x', type: 'offline', action: 'clear', time: at(20) })]);
    svc.ingestLive([rec({ device: 'x', type: 'offline', action: 'raise', time: at(10) })]);
    expect(svc.list({ devices: ['x'] }).items.map((i) => [i.state, i.flags])).toEqual([['cleared', []]]);
  });

  it('skips a soft clear (a state report) when nothing is active instead of keeping an orphan', () => {
    const { svc } = makeAlarms();
    expect(svc.ingestLive([rec({ action: 'clear', softClear: true })])).toMatchObject({ imported: 0, skipped: 1, orphanClears: 0 });
    svc.ingestLive([rec({ time: at(1) }), rec({ action: 'clear', softClear: true, time: at(2) })]);
    expect(svc.list().items.map((i) => i.state)).toEqual(['cleared']);
  });

  it('rejects invalid live records by index and stores the rest', () => {
    const { svc } = makeAlarms();
    const r = svc.ingestLive([rec({ time: 'yesterday' }), rec({ severity: 'huge' as never }), rec({ opId: 1 })]);
    expect(r.rejected).toEqual([
      { index: 0, reason: 'time "yesterday" is not ISO 8601' },
      { index: 1, reason: 'severity "huge" is not one of critical, major, minor, warning, info' },
    ]);
    expect(r.imported).toBe(1);
  });
});
