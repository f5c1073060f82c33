import { describe, expect, it } from 'vitest';
import { TKEY_SLOTS } from '../../../src/alarms/ingest';
import { makeAlarms, rec } from './harness';

const at = (min: number) => new Date(Date.parse('2024-03-05T00:00:00Z') + min * 60_000).toISOString().replace('Z', '+00:00');

describe('time key (tkey) and the time-ordered text index', () => {
  it('pages text matches newest first with other filters applied, and counts them', () => {
    const { svc } = makeAlarms();
    // Out of time order on purpose: ids do not follow time.
    const mins = [5, 1, 9, 3, 7, 2, 8, 4, 6, 0];
    svc.ingestLive(
      mins.map((m, i) => rec({ kind: 'event', action: 'event', type: 'reboot', severity: 'info', opId: i + 1, time: at(m), device: m % 2 ? 'cam-odd' : 'cam-even', message: `Device rebooted ${m}` })),
    );
    const page = svc.list({ text: 'rebooted' }, { limit: 4 });
    expect(page.total).toBe(10);
    expect(page.items.map((i) => i.message)).toEqual(['Device rebooted 9', 'Device rebooted 8', 'Device rebooted 7', 'Device rebooted 6']);
    expect(svc.list({ text: 'rebooted' }, { limit: 3, offset: 4 }).items.map((i) => i.message)).toEqual(['Device rebooted 5', 'Device rebooted 4', 'Device rebooted 3']);
    expect(svc.list({ text: 'rebooted' }, { order: 'asc', limit: 2 }).items.map((i) => i.message)).toEqual(['Device rebooted 0', 'Device rebooted 1']);
    const odd = svc.list({ text: 'rebooted', devices: ['cam-odd'], until: at(7) }, { limit: 10 });
    expect(odd.total).toBe(4);
    expect(odd.items.map((i) => i.message)).toEqual(['Device rebooted 7', 'Device rebooted 5', 'Device rebooted 3', 'Device rebooted 1']);
    // The plain list uses the same key: newest first.
    expect(svc.list(undefined, { limit: 2 }).items.map((i) => i.message)).toEqual(['Device rebooted 9', 'Device rebooted 8']);
    expect(svc.list({ since: at(8) }).total).toBe(2);
  });

  it('re-indexes an orphan clear when its raise arrives later (old text gone, new text found, new time)', () => {
    const { svc } = makeAlarms();
    svc.ingestLive([rec({ action: 'clear', type: 'tamper', seId: 's1', opId: 2, time: at(10), message: 'tamper gone' })]);
    expect(svc.list({ text: 'gone' }).total).toBe(1);
    // Another instance between the two times, so the moved row's order is visible.
    svc.ingestLive([rec({ kind: 'event', action: 'event', type: 'reboot', opId: 3, time: at(5), message: 'rebooted' })]);
    svc.ingestLive([rec({ action: 'raise', type: 'tamper', seId: 's1', opId: 1, time: at(1), message: 'lens covered' })]);
    expect(svc.list({ text: 'gone' }).total).toBe(0);
    const covered = svc.list({ text: 'covered' });
    expect(covered.total).toBe(1);
    expect(covered.items[0]).toMatchObject({ state: 'cleared', raisedAt: at(1), clearedAt: at(10), flags: [] });
    expect(svc.list(undefined).items.map((i) => i.type)).toEqual(['reboot', 'tamper']);
  });

  it('moves to another slot when two instances of the same millisecond share one', () => {
    const { db, svc } = makeAlarms();
    const ms = Date.parse(at(0));
    // A row holding the slot that the next id (101) would take in that millisecond.
    db.prepare("INSERT INTO alarm_devices(id, name) VALUES (1, 'cam-1')").run();
    db.prepare(
      `INSERT INTO alarms(id, device_id, kind, type, severity, state, ord_first, time_ms, tkey, raised_at, raised_ms, message)
       VALUES (100, 1, 'event', 'reboot', 4, 'event', 1, ?, CAST(? AS INTEGER) * ${TKEY_SLOTS} + 101, ?, ?, 'first')`,
    ).run(ms, ms, at(0), ms);
    db.prepare(`INSERT INTO alarms_fts(rowid, body) VALUES (CAST(? AS INTEGER) * ${TKEY_SLOTS} + 101, 'reboot first')`).run(ms);
    const res = svc.ingestLive([rec({ kind: 'event', action: 'event', type: 'reboot', severity: 'info', opId: 7, time: at(0), message: 'second' })]);
    expect(res.imported).toBe(1);
    const slots = db.prepare(`SELECT id, tkey - time_ms * ${TKEY_SLOTS} AS slot FROM alarms ORDER BY id`).all();
    expect(slots).toEqual([
      { id: 100, slot: 101 },
      { id: 101, slot: 102 },
    ]);
    expect(svc.list({ text: 'reboot' }).items.map((i) => i.message)).toEqual(['second', 'first']);
  });
});
