import { describe, expect, it } from 'vitest';
import type { AlarmRecordInput } from '../../../src/alarms/types';
import { makeAlarms, rec } from './harness';

const at = (min: number) => `2024-03-05T10:${String(min).padStart(2, '0')}:00+08:00`;
type Svc = ReturnType<typeof makeAlarms>['svc'];
const states = (svc: Svc) => svc.list(undefined, { sort: 'time', order: 'asc' }).items.map((i) => [i.state, i.raisedAt, i.clearedAt]);

/** Everything a flow decides, by content: instances with their flow records, and sync counts. */
function outcome(svc: Svc) {
  return {
    items: svc.list(undefined, { sort: 'time', order: 'asc', limit: 1000 }).items.map((i) => {
      const d = svc.get(i.id);
      return [i.seId, i.state, i.raisedAt, i.clearedAt, i.flags, i.message, i.severity, d.flow.map((f) => `${f.action} ${f.time} ${f.message}`)];
    }),
    sync: svc.syncStatus().map((s) => [s.device, s.records, s.duplicates, s.gaps]),
  };
}

describe('alarm model: arrival order does not change the outcome', () => {
  it('raise 1, raise 3, clear 2 (the clear arrives last) leaves the raise at 3 active, as in-order delivery does', () => {
    const inOrder = makeAlarms();
    inOrder.svc.ingestLive([
      rec({ opId: 1, seId: 'A', time: at(10) }),
      rec({ opId: 2, seId: 'A', action: 'clear', time: at(20) }),
      rec({ opId: 3, seId: 'A', time: at(30) }),
    ]);
    const expected = [['cleared', at(10), at(20)], ['active', at(30), null]];
    expect(states(inOrder.svc)).toEqual(expected);

    const late = makeAlarms();
    late.svc.ingestLive([rec({ opId: 1, seId: 'A', time: at(10) }), rec({ opId: 3, seId: 'A', time: at(30) })]);
    late.svc.ingestLive([rec({ opId: 2, seId: 'A', action: 'clear', time: at(20) })]);
    expect(states(late.svc)).toEqual(expected);
    expect(late.svc.syncStatus()[0]).toMatchObject({ records: 3, duplicates: 0, gaps: [] });
  });

  it('the same without op_ids (ISAPI/ONVIF files imported in the wrong order): the later raise is kept and becomes the active alarm', () => {
    const { svc } = makeAlarms();
    svc.ingestLive([rec({ seId: 'A', time: at(10) }), rec({ seId: 'A', time: at(30), message: 'again' })]);
    svc.ingestLive([rec({ seId: 'A', action: 'clear', time: at(20) })]);
    expect(states(svc)).toEqual([['cleared', at(10), at(20)], ['active', at(30), null]]);
    expect(svc.list({ state: 'active' }).items[0]!.message).toBe('again');
  });

  it('a late clear that belongs before an already stored one moves the cleared time back', () => {
    const { svc } = makeAlarms();
    svc.ingestLive([rec({ opId: 1, seId: 'A', time: at(10) }), rec({ opId: 3, seId: 'A', action: 'clear', time: at(30) })]);
    svc.ingestLive([rec({ opId: 2, seId: 'A', action: 'clear', time: at(20) })]);
    expect(states(svc)).toEqual([['cleared', at(10), at(20)]]);
    const item = svc.list().items[0]!;
    expect(svc.get(item.id).flow.map((f) => [f.action, f.opId])).toEqual([['raise', 1], ['clear', 2]]);
    expect(svc.syncStatus()[0]).toMatchObject({ records: 3, duplicates: 1, gaps: [] });
  });

  it('records without op_id: a raise and its clear in the same millisecond pair up whatever the local sequence number', () => {
    const { svc } = makeAlarms();
    // 998 events bring cam-1's local sequence to 998; the raise gets 999 and the clear 1000.
    svc.ingestLive(Array.from({ length: 998 }, (_, i) => rec({ kind: 'event', action: 'event', type: 'tick', message: `t${i}`, time: at(1) })));
    const r = svc.ingestLive([
      rec({ type: 'link', time: at(5), message: 'link down' }),
      rec({ type: 'link', action: 'clear', time: at(5), message: 'link up' }),
    ]);
    expect(r.orphanClears).toBe(0);
    expect(svc.list({ kind: 'alarm' }).items.map((i) => i.state)).toEqual(['cleared']);
  });

  it('records without op_id keep exact positions past 2^53 (year 2300 and 9999) and pair in arrival order within a millisecond', () => {
    const { svc, db } = makeAlarms();
    for (const t of ['2300-01-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z']) {
      svc.ingestLive([rec({ type: 'far', time: t, message: `down ${t}` }), rec({ type: 'far', action: 'clear', time: t, message: `up ${t}` })]);
    }
    const rows = db.prepare("SELECT CAST(ord_raise AS TEXT) AS r, CAST(ord_clear AS TEXT) AS c FROM alarms WHERE type = 'far' ORDER BY tkey").all();
    const pos = (iso: string, k: bigint) => String(BigInt(Date.parse(iso)) * 32768n + k);
    expect(rows).toEqual([
      { r: pos('2300-01-01T00:00:00.001Z', 0n), c: pos('2300-01-01T00:00:00.001Z', 1n) },
      { r: pos('9999-12-31T23:59:59.999Z', 0n), c: pos('9999-12-31T23:59:59.999Z', 1n) },
    ]);
    expect(svc.list({ types: ['far'] }).items.map((i) => i.state)).toEqual(['cleared', 'cleared']);
  });

  it('a late raise before an instance takes it over: same id, acknowledgement kept, the later raise is the re-report', () => {
    const { svc } = makeAlarms();
    svc.ingestLive([rec({ opId: 5, seId: 'A', time: at(30), message: 'second report' }), rec({ opId: 6, seId: 'A', action: 'clear', time: at(40) })]);
    const id = svc.list().items[0]!.id;
    svc.ack({ ids: [id], by: 'Li Wei' });
    svc.ingestLive([rec({ opId: 4, seId: 'A', time: at(20), message: 'first report' })]);
    expect(svc.list().items).toHaveLength(1);
    expect(svc.get(id)).toMatchObject({ raisedAt: at(20), clearedAt: at(40), message: 'first report', ackedBy: 'Li Wei' });
    expect(svc.get(id).flow.map((f) => f.opId)).toEqual([4, 6]);
    expect(svc.list({ text: 'first' }).items.map((i) => i.id)).toEqual([id]);
    expect(svc.list({ text: 'second' }).total).toBe(0);
  });

  it('a soft clear that closed nothing when it came closes a raise that arrives later before it', () => {
    const { svc } = makeAlarms();
    expect(svc.ingestLive([rec({ type: 'videoloss', action: 'clear', softClear: true, time: at(20) })])).toMatchObject({ skipped: 1 });
    svc.ingestLive([rec({ type: 'videoloss', time: at(10) })]);
    expect(states(svc)).toEqual([['cleared', at(10), at(20)]]);
  });

  for (const withOpIds of [true, false]) {
    it(`random flows ${withOpIds ? 'with' : 'without'} op_ids: any arrival order and batching gives the store that position order gives`, () => {
      let seed = withOpIds ? 3 : 7;
      const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
      const time = (s: number) => new Date(Date.UTC(2024, 2, 5) + s * 1000).toISOString();
      for (let trial = 0; trial < 40; trial++) {
        const records: AlarmRecordInput[] = Array.from({ length: 2 + rnd(12) }, (_, i) => {
          const action = rnd(2) ? 'raise' : 'clear';
          const r: AlarmRecordInput = { device: 'cam', kind: 'alarm', type: 't', severity: (['critical', 'major', 'minor'] as const)[rnd(3)]!, action, time: time(i * 10), message: `m${i}`, seId: rnd(4) ? 'A' : 'B' };
          if (withOpIds) r.opId = i + 1;
          if (action === 'clear' && rnd(4) === 0) r.softClear = true;
          return r;
        });
        const reference = makeAlarms();
        reference.svc.ingestLive(records);
        const expected = outcome(reference.svc);
        for (let p = 0; p < 3; p++) {
          // Shuffled, or newest first (every record late).
          const arrival = p === 1 ? [...records].reverse() : [...records];
          for (let i = arrival.length - 1; p !== 1 && i > 0; i--) {
            const j = rnd(i + 1);
            [arrival[i], arrival[j]] = [arrival[j]!, arrival[i]!];
          }
          const t = makeAlarms();
          for (let i = 0; i < arrival.length; ) {
            const k = p === 0 ? 1 : 1 + rnd(4);
            t.svc.ingestLive(arrival.slice(i, i + k));
            i += k;
          }
          const label = `trial ${trial}: ${arrival.map((r) => `${r.seId}${r.action[0]}${r.softClear ? 's' : ''}${r.time.slice(14, 16)}`).join(' ')}`;
          expect(outcome(t.svc), label).toEqual(expected);
          expect(t.db.prepare('SELECT (SELECT count(*) FROM alarms) - (SELECT count(*) FROM alarms_fts) AS d').get(), label).toEqual({ d: 0 });
        }
      }
    });
  }
});
