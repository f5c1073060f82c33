import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { counts, makeAlarms } from './harness';

const FIX = new URL('../../fixtures/alarms/', import.meta.url).pathname;

describe('alarm file import', () => {
  it('imports each sample in one call and is idempotent on re-import', async () => {
    const { svc, db } = makeAlarms();
    const files = ['site-a.jsonl', 'site-b.csv', 'onvif-notify.xml', 'isapi-single.xml', 'isapi-alertstream.bin'];
    const first = [];
    for (const f of files) first.push(await svc.importFile(FIX + f));
    expect(first.map((r) => [r.file, r.format, r.read, r.imported, r.duplicates, r.skipped, r.rejected.length])).toEqual([
      ['site-a.jsonl', 'jsonl', 8, 7, 1, 0, 0],
      ['site-b.csv', 'csv', 5, 5, 0, 0, 0],
      ['onvif-notify.xml', 'onvif-xml', 7, 6, 0, 1, 0],
      ['isapi-single.xml', 'isapi-xml', 1, 1, 0, 0, 0],
      // 10 parts: JPEG and two videoloss heartbeats skipped, VMD re-sent twice while active.
      ['isapi-alertstream.bin', 'isapi-xml', 10, 5, 2, 3, 0],
    ]);
    expect(first[0]).toMatchObject({ orphanClears: 1, gaps: [{ device: 'NVR-01', from: 1005, to: 1006 }] });
    const before = counts(db);
    for (const f of files) {
      const again = await svc.importFile(FIX + f);
      expect(again.imported, f).toBe(0);
    }
    expect(counts(db)).toEqual(before);
  });

  it('imports good lines and reports the rejected ones; --strict refuses the whole file', async () => {
    const { svc, db } = makeAlarms();
    const strict = await svc.importFile(`${FIX}malformed.jsonl`, { strict: true });
    expect(strict).toMatchObject({ refused: true, imported: 0, read: 9 });
    expect(strict.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(counts(db).records).toBe(0);
    const loose = await svc.importFile(`${FIX}malformed.jsonl`);
    expect(loose).toMatchObject({ refused: false, imported: 2, gaps: [{ device: 'cam-7', from: 2, to: 7 }] });
  });

  it('a file that fails midway (database error at record 500 of 1000) changes nothing', async () => {
    const { svc, db } = makeAlarms();
    await svc.importFile(`${FIX}site-a.jsonl`);
    const before = counts(db);
    const sync = svc.syncStatus();
    // A realistic mid-file failure: the database refuses one insert (disk full, constraint...).
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON alarm_records WHEN NEW.op_id = 500 BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END");
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({ device: 'big-nvr', op_id: i + 1, se_id: `s${Math.floor(i / 2)}`, kind: 'alarm', type: 'motion', severity: 'warning', action: i % 2 ? 'clear' : 'raise', time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(), message: `m${i}` }),
    );
    await expect(svc.importText('big.jsonl', lines.join('\n'))).rejects.toThrow(/import failed and changed nothing: simulated disk failure/);
    expect(counts(db)).toEqual(before);
    expect(svc.syncStatus()).toEqual(sync);
    db.exec('DROP TRIGGER boom');
    expect(await svc.importText('big.jsonl', lines.join('\n'))).toMatchObject({ imported: 1000 });
  });

  it('emits progress and one alarms.changed per file; nothing when nothing changed', async () => {
    const { svc, progress, changed } = makeAlarms();
    await svc.importFile(`${FIX}site-b.csv`, { importId: 'ui-1' });
    expect(progress.map((p) => p.phase)).toEqual(['parsing', 'applying', 'applying', 'done']);
    expect(progress.every((p) => p.importId === 'ui-1' && p.file === 'site-b.csv')).toBe(true);
    expect(changed).toEqual([{ reason: 'import', ids: [1, 2, 3, 4], count: 5 }]);
    await svc.importFile(`${FIX}site-b.csv`);
    expect(changed).toHaveLength(1);
  });

  it('cancels before writing', async () => {
    const { svc, db } = makeAlarms();
    const p = svc.importText('a.jsonl', readFileSync(`${FIX}site-a.jsonl`, 'utf8'), { importId: 'c1' });
    expect(svc.cancelImport('c1')).toBe(true);
    expect(await p).toMatchObject({ refused: true, imported: 0 });
    expect(counts(db).records).toBe(0);
    expect(svc.cancelImport('c1')).toBe(false);
  });

  it('fails clearly for a missing file, an unknown format, or an ONVIF file without a device', async () => {
    const { svc } = makeAlarms();
    await expect(svc.importFile('/nonexistent/x.jsonl')).rejects.toMatchObject({ code: 'not_found' });
    await expect(svc.importText('x.txt', 'hello world')).rejects.toThrow(/cannot tell the format: unrecognised content/);
    const r = await svc.importFile(`${FIX}onvif-pull.xml`);
    expect(r.imported).toBe(0);
    expect(r.rejected).toHaveLength(3);
    expect((await svc.importFile(`${FIX}onvif-pull.xml`, { device: 'axis-q1615' })).imported).toBe(2);
  });
});
