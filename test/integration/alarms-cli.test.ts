import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir('fk-alarms-cli-');
afterAll(() => tmp.remove());
const FIX = new URL('../fixtures/alarms/', import.meta.url).pathname;
const cli = (...args: string[]) => runCli(['--data-dir', tmp.dir, ...args]);
const json = async (...args: string[]) => {
  const r = await cli('--json', ...args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
};

describe('fieldkit alarms', () => {
  it('import prints the report shape, progress on stderr, and re-import imports nothing', async () => {
    const r = await cli('--json', 'alarms', 'import', `${FIX}site-a.jsonl`);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ read: 8, imported: 7, duplicates: 1, rejected: [], gaps: [{ device: 'NVR-01', from: 1005, to: 1006 }] });
    expect(r.stderr).toMatch(/site-a\.jsonl: parsing[\s\S]*site-a\.jsonl: done/);
    expect(await json('alarms', 'import', `${FIX}site-a.jsonl`)).toMatchObject({ read: 8, imported: 0, duplicates: 8 });
    for (const f of ['site-b.csv', 'onvif-notify.xml', 'isapi-alertstream.bin']) expect((await json('alarms', 'import', FIX + f)).imported).toBeGreaterThan(0);
    expect(await json('alarms', 'import', '--format', 'onvif-xml', '--device', 'axis-q1615', `${FIX}onvif-pull.xml`)).toMatchObject({ imported: 2, rejected: [{ line: 15 }] });
  });

  it('import --strict refuses a file with bad lines (exit 1, nothing imported, lines listed)', async () => {
    const r = await cli('--json', 'alarms', 'import', '--strict', `${FIX}malformed.csv`);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 0, refused: true, rejected: [{ line: 3 }, { line: 4 }, { line: 5 }, { line: 6 }] });
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^fieldkit: .*malformed\.csv: 4 record\(s\) rejected; nothing imported/);
    expect((await json('alarms', 'list', '--device', 'cam-9')).total).toBe(0);
  });

  it('list filters and prints exactly the documented item fields', async () => {
    const active = await json('alarms', 'list', '--state', 'active', '--kind', 'alarm', '--limit', '50');
    // 6 from the FieldKit, ONVIF and ISAPI samples + 2 from the ONVIF pull sample.
    expect(active.total).toBe(8);
    expect(Object.keys(active.items[0]).sort()).toEqual(['ackedAt', 'clearedAt', 'device', 'id', 'kind', 'message', 'raisedAt', 'seId', 'severity', 'state', 'type'].sort());
    const zh = await json('alarms', 'list', '--text', '开锁失败');
    expect(zh.items.map((i: { type: string }) => i.type)).toEqual(['door-lock-failed']);
    const ranged = await json('alarms', 'list', '--device', 'NVR-01', '--since', '2024-03-05T07:00:00Z', '--until', '2024-03-05', '--type', 'device-offline');
    expect(ranged.total).toBe(0);
    const nvr = await json('alarms', 'list', '--device', 'NVR-01', '--type', 'device-offline');
    expect(nvr.items.map((i: { raisedAt: string | null }) => i.raisedAt)).toEqual([null, '2024-03-05T14:22:11+08:00']);
    const human = await cli('alarms', 'list', '--limit', '2');
    expect(human.stdout).toMatch(/^ID\s+DEVICE\s+KIND/);
    expect(human.stdout).toMatch(/2 of \d+/);
  });

  it('show, ack with a name and a note (also of a cleared alarm), then show again', async () => {
    const [cleared] = (await json('alarms', 'list', '--state', 'cleared', '--device', 'NVR-01', '--type', 'device-offline', '--text', '168.1.66')).items;
    const [active] = (await json('alarms', 'list', '--state', 'active', '--device', 'NVR-01')).items;
    const before = await json('alarms', 'show', String(cleared.id));
    expect(before).toMatchObject({ state: 'cleared', durationMs: 2731000, flow: [{ action: 'raise', opId: 1001 }, { action: 'clear', opId: 1003 }], operations: [] });
    const ack = await json('alarms', 'ack', String(cleared.id), String(active.id), '--by', 'Li Wei', '--note', '线缆已检查 cable reseated');
    expect(ack).toEqual({ acked: [cleared.id, active.id], alreadyAcked: [], notFound: [] });
    const after = await json('alarms', 'show', String(cleared.id));
    expect(after).toMatchObject({ state: 'cleared', ackedBy: 'Li Wei', operations: [{ op: 'ack', by: 'Li Wei', note: '线缆已检查 cable reseated' }] });
    expect(after.timeline.map((s: { step: string }) => s.step)).toEqual(['raised', 'cleared', 'acknowledged']);
    expect((await json('alarms', 'show', String(active.id))).state).toBe('acked');
    const text = await cli('alarms', 'show', String(active.id));
    expect(text.stdout).toMatch(/acknowledged by Li Wei/);
    const missing = await cli('alarms', 'ack', '99999', '--by', 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fieldkit: no alarm with id 99999/);
  });

  it('sync-status prints devices with last op_id and gaps', async () => {
    const s = await json('alarms', 'sync-status');
    expect(s.find((d: { device: string }) => d.device === 'NVR-01')).toEqual({ device: 'NVR-01', lastOpId: 1007, gaps: [[1005, 1006]] });
    expect(s.find((d: { device: string }) => d.device === '192.168.1.64')).toEqual({ device: '192.168.1.64', lastOpId: null, gaps: [] });
  });

  it('export writes formula-safe CSV to a file and a printable HTML report to stdout', async () => {
    const out = join(tmp.dir, 'dvr.csv');
    expect(await json('alarms', 'export', '--format', 'csv', '--device', 'DVR-Warehouse', '--out', out)).toEqual({ format: 'csv', rows: 4, path: out });
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFid,device,kind,type,severity,state,raised_at')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain('"Rebooted after\r\npower loss"');
    const html = await cli('alarms', 'export', '--format', 'html', '--state', 'active');
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('Total: 7');
  });

  it('usage mistakes exit 2 with one line; a missing file exits 1', async () => {
    for (const args of [
      ['alarms', 'list', '--state', 'open'],
      ['alarms', 'list', '--limit', '0'],
      ['alarms', 'list', '--since', 'yesterday'],
      ['alarms', 'ack', '1'],
      ['alarms', 'import', '--format', 'xml', `${FIX}site-a.jsonl`],
      ['alarms', 'export', '--format', 'pdf'],
      ['alarms', 'show', 'abc'],
    ]) {
      const r = await cli(...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^fieldkit: /);
    }
    const r = await cli('alarms', 'import', join(tmp.dir, 'nope.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fieldkit: Cannot read .*nope\.jsonl/);
    const help = await cli('alarms', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/import[\s\S]*list[\s\S]*show[\s\S]*ack[\s\S]*sync-status[\s\S]*export/);
  });
});
