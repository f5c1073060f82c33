import { describe, expect, it } from 'vitest';
import type { NewLogEntry } from '../../../src/logs/entry';
import {
  FLAG_MALFORMED, FLAG_TRUNCATED, ROW_COLUMNS, STRINGS_PER_ROW, WIRE_NULL, WIRE_SAME_AS_ABOVE, WIRE_SAME_AS_LEFT, entrySize, readWire, toWire,
} from '../../../src/logs/store/rows';
import { LogStore } from '../../../src/logs/store/store';
import { entry, memoryDb } from './helpers';

const col = (name: (typeof ROW_COLUMNS)[number]) => ROW_COLUMNS.indexOf(name);

const batch: NewLogEntry[] = [
  entry({ message: 'eth0: Link is Down', msgid: 'LINK', procid: '12' }),
  // Same sender: transport, source, format and device repeat from the row above.
  entry({ message: '视频丢失 通道 1', host: 'cam-大门', time: '2026-03-01T18:00:01+08:00', timeRaw: '2026-03-01T18:00:01+08:00', structured: [{ id: 'ev@1', params: { ch: '1', tags: ['a', 'b'] } }] }),
  entry({ message: '', host: null, app: null, time: null, timeRaw: null, facility: null, severity: null, malformed: true, truncated: true,
    problems: ['no PRI'], raw: 'garbage \u0000\u001f', rawHex: '00ff', transport: 'tcp', source: '[::1]:4000', sourceAddress: '::1', sourcePort: 4000 }),
  entry({ transport: 'serial', source: 'ttyUSB0', sourceAddress: null, sourcePort: null, format: 'console', device: { id: 'cam-7', name: 'Gate' },
    message: 'U-Boot 2016', host: null, facility: null, severity: null, time: null, timeRaw: null }),
];

describe('the writer wire format', () => {
  it('round-trips every column and index text, nulls and repeats included', () => {
    const w = toWire(batch);
    expect(w.count).toBe(4);
    expect(w.lens).toHaveLength(4 * STRINGS_PER_ROW);
    const rows = readWire(w);
    const e0 = batch[0]!;
    expect(rows[0]!.values).toEqual([
      e0.receivedAt, e0.time, e0.timeRaw, 'udp', e0.source, e0.sourceAddress, 514, null, null, e0.host, 'kernel', '12', 'LINK', 0, 6, null,
      'eth0: Link is Down', 'rfc5424', 0, null, null, null, entrySize(e0, null),
    ]);
    expect(rows[0]!.index).toEqual(['eth0: Link is Down kernel LINK', 'cam-lobby', '192.168.1.64']);
    // CJK is spaced for the index (host too), the stored values are not.
    expect(rows[1]!.values[col('message')]).toBe('视频丢失 通道 1');
    expect(rows[1]!.values[col('structured')]).toBe(JSON.stringify(batch[1]!.structured));
    expect(rows[1]!.index).toEqual([' 视  频  丢  失   通  道  1 kernel 1 a b', 'cam- 大  门 ', '192.168.1.64']);
    const r2 = rows[2]!.values;
    expect([r2[col('time')], r2[col('host')], r2[col('facility')], r2[col('severity')], r2[col('message')]]).toEqual([null, null, null, null, '']);
    expect(r2[col('flags')]).toBe(FLAG_MALFORMED | FLAG_TRUNCATED);
    expect([r2[col('problems')], r2[col('raw')], r2[col('raw_hex')], r2[col('source')]]).toEqual(['["no PRI"]', 'garbage \u0000\u001f', '00ff', '[::1]:4000']);
    expect(rows[2]!.index).toEqual(['', '', '::1']);
    expect(rows[3]!.values[col('device_id')]).toBe('cam-7');
    expect(rows[3]!.values[col('device_name')]).toBe('Gate');
    expect(rows[3]!.index).toEqual(['U-Boot 2016 kernel', '', 'ttyUSB0']);
  });

  it('sends a repeated string once: same as the row above, or as the slot before', () => {
    const w = toWire(batch.slice(0, 2));
    const codes = Array.from(w.lens.subarray(STRINGS_PER_ROW));
    // Row 2: time_raw equals time (left), transport, source, address and format repeat (above).
    expect(codes[1]).toBe(WIRE_SAME_AS_LEFT);
    expect([codes[2], codes[3], codes[4], codes[13]]).toEqual([WIRE_SAME_AS_ABOVE, WIRE_SAME_AS_ABOVE, WIRE_SAME_AS_ABOVE, WIRE_SAME_AS_ABOVE]);
    expect(codes[5]).toBe(WIRE_NULL);
    expect(w.text.split('udp')).toHaveLength(2);
    expect(w.text.split('192.168.1.64:514')).toHaveLength(2);
  });

  it('stores only values the table accepted before migration 007 dropped its CHECKs', () => {
    const db = memoryDb();
    const store = new LogStore(db);
    // Through the writer's own decoder (write-side.ts): what is read back is what was queued.
    const stored = store.insert(batch);
    for (const e of stored) expect(store.get(e.id)).toEqual(e);
    const find = (f: Parameters<LogStore['search']>[0]) => store.search(f, { limit: 10, offset: 0, order: 'oldest' }).entries.map((e) => e.id);
    expect(find({ text: '丢失' })).toEqual([stored[1]!.id]);
    expect(find({ host: 'cam-大门' })).toEqual([stored[1]!.id]);
    expect(find({ source: 'ttyUSB0' })).toEqual([stored[3]!.id]);
    expect(find({ text: 'LINK' })).toEqual([stored[0]!.id]);
    const bad = db.prepare(`SELECT count(*) AS n FROM log_entries WHERE transport NOT IN ('udp', 'tcp', 'serial')
      OR format NOT IN ('rfc5424', 'rfc3164', 'unknown', 'console') OR facility NOT BETWEEN 0 AND 23 OR severity NOT BETWEEN 0 AND 7
      OR (structured IS NOT NULL AND NOT json_valid(structured)) OR (problems IS NOT NULL AND NOT json_valid(problems))`).get() as { n: number };
    expect(bad.n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n).toBe(4);
  });
});
