// The live tail after the lazy contract entries: per period only the newest 500 are sent, the rest
// counted as skipped, and what is sent equals what the store reads back. Loopback TCP only.
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { captureOnTempDb, until } from './logs-support';

const N = 1_200;
const text = (i: number) => (i % 100 === 1 ? `eth${i % 3}: Link is Down` : `tail ${i} 视频`);
const line = (i: number) => `<134>1 2026-03-01T10:00:00.${String(i % 1000).padStart(3, '0')}+08:00 cam-${i % 7} app${i % 3} 42 ID${i % 2} [m@1 n="${i}"] ${text(i)}`;

describe('live tail under a burst', () => {
  // A tail period long enough for the whole burst to commit inside it.
  const t = captureOnTempDb({ tailIntervalMs: 1_500 });
  afterAll(() => t.close());

  it('sends the newest 500 of a period as stored, counts the rest, and every rule still sees every entry', async () => {
    const [l] = await t.capture.start({ tcpPort: 0, bind: '127.0.0.1' });
    let data = '';
    for (let i = 0; i < N; i++) {
      const m = Buffer.from(line(i));
      data += `${m.length} ${line(i)}`;
    }
    await new Promise<void>((resolve, reject) => {
      const c = connect(l!.port, '127.0.0.1', () => c.end(data, resolve));
      c.on('error', reject);
    });
    await until(() => t.capture.status().counts.stored === N, `${N} stored`);
    await until(() => t.tails.reduce((a, ev) => a + ev.entries.length + ev.skipped, 0) === N, 'tail events');
    const sent = t.tails.flatMap((ev) => ev.entries);
    expect(t.tails.every((ev) => ev.entries.length <= 500)).toBe(true);
    expect(sent.length).toBeLessThan(N);
    const ids = sent.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // The last one sent is the last one stored, and each equals the stored row read back.
    expect(sent.at(-1)?.message).toBe(`tail ${N - 1} 视频`);
    for (const e of [sent[0]!, sent.at(-1)!]) expect(e).toEqual(t.capture.store.get(e.id));
    // Rules read the queued entries, with the ids they were stored under.
    await until(() => t.records.length === N / 100, 'alarm records');
    for (const r of t.records) {
      const e = t.capture.store.get(r.logEntryId)!;
      expect(r).toMatchObject({ type: 'link-down', action: 'raise', message: e.message, time: e.time, source: `logs:tcp:${e.source}` });
      expect(e.message).toMatch(/^eth\d: Link is Down$/);
    }
  });
});
