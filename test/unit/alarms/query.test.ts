import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/alarms/csv';
import { makeAlarms } from './harness';

const FIX = new URL('../../fixtures/alarms/', import.meta.url).pathname;

describe('alarm queries and exports', () => {
  const h = makeAlarms();
  const { svc } = h;
  beforeAll(async () => {
    for (const f of ['site-a.jsonl', 'site-b.csv', 'onvif-notify.xml', 'isapi-alertstream.bin']) await svc.importFile(FIX + f);
  });

  it('filters by state, kind, device, type, severity, time range and text', () => {
    expect(svc.list({ state: 'active' }).items.map((i) => `${i.device}/${i.type}`).sort()).toEqual([
      '192.168.1.108/digital-input',
      '192.168.1.108/tamper',
      '192.168.1.64/tamper',
      'ACS-Lobby/tamper',
      'DVR-Warehouse/digital-input',
      'NVR-01/disk-error',
    ]);
    expect(svc.list({ kind: 'event' }).total).toBe(4);
    expect(svc.list({ devices: ['NVR-01', 'ACS-Lobby'] }).total).toBe(6);
    expect(svc.list({ devices: ['nobody'] })).toEqual({ total: 0, items: [] });
    expect(svc.list({ types: ['tamper'], severities: ['major'] }).total).toBe(3);
    expect(svc.list({ since: '2024-06-01T00:00:00Z' }).items.every((i) => i.device === 'DVR-Warehouse')).toBe(true);
    expect(svc.list({ until: '2024-03-05T06:30:00Z' }).total).toBe(6);
  });

  it('searches text with FTS (English and Chinese, substrings) and treats quotes as text', () => {
    expect(svc.list({ text: '168.1.66' }).items.map((i) => i.message)).toEqual(['Camera 3 (192.168.1.66) offline']);
    // Device and type are indexed too: the orphan clear of camera 5 is a device-offline alarm.
    expect(svc.list({ text: 'offline' }).total).toBe(2);
    expect(svc.list({ text: '开锁失败' }).items.map((i) => i.type)).toEqual(['door-lock-failed']);
    expect(svc.list({ text: '门' }).total).toBe(1);
    expect(svc.list({ text: 'video channel' }).items.map((i) => i.message)).toEqual(['Video loss, channel 1']);
    expect(svc.list({ text: '"back door" OR *' }).total).toBe(0);
    expect(svc.list({ text: '"back' }).total).toBe(1);
  });

  it('sorts, pages and can skip the count', () => {
    const sev = svc.list(undefined, { sort: 'severity', limit: 3 }).items.map((i) => i.severity);
    expect(sev).toEqual(['critical', 'critical', 'critical']);
    // State in lifecycle order (not by the codes' spelling, where "acked" < "active").
    const disk = svc.list({ devices: ['NVR-01'], state: 'active' }).items[0]!;
    expect(svc.ack({ ids: [disk.id], by: 'Sam' }).acked).toEqual([disk.id]);
    const rank = { active: 0, acked: 1, cleared: 2, event: 3 } as const;
    const states = svc.list(undefined, { sort: 'state', order: 'asc', limit: 1000 }).items.map((i) => i.state);
    expect(states).toEqual([...states].sort((a, b) => rank[a] - rank[b]));
    expect(new Set(states)).toEqual(new Set(['active', 'acked', 'cleared', 'event']));
    expect(svc.list(undefined, { sort: 'state', order: 'desc', limit: 1 }).items[0]!.state).toBe('event');
    const all = svc.list(undefined, { limit: 1000 }).items.map((i) => i.id);
    const pages = [0, 5, 10, 15, 20].flatMap((offset) => svc.list(undefined, { limit: 5, offset, countTotal: false }).items.map((i) => i.id));
    expect(pages).toEqual(all);
    expect(svc.list(undefined, { countTotal: false }).total).toBe(-1);
  });

  it('groups by device and counts per hour', () => {
    const byDevice = svc.countByDevice();
    expect(byDevice[0]).toEqual({ device: '192.168.1.108', total: 4, active: 2, acked: 0, cleared: 2, events: 0 });
    expect(byDevice.reduce((n, d) => n + d.total, 0)).toBe(svc.list().total);
    const hours = svc.histogram({ devices: ['192.168.1.64'] });
    expect(hours).toEqual([{ hour: '2024-03-05T07:00:00.000Z', count: 3 }]);
  });

  it('exports CSV with formula injection neutralised and a printable HTML report with everything escaped', () => {
    svc.ingestLive([
      { device: '<script>alert(1)</script>', kind: 'event', type: 'x', severity: 'info', action: 'event', time: '2024-03-06T00:00:00Z', message: '@SUM(1+1) & <b>bold</b> "q"', opId: 1 },
    ]);
    const csv = svc.export({ format: 'csv' });
    const rows = parseCsv(csv.content!.replace(/^\uFEFF/, ''));
    expect(csv.rows).toBe(rows.length - 1);
    const header = (rows[0] as { fields: string[] }).fields;
    const msg = header.indexOf('message');
    const messages = rows.slice(1).map((r) => (r as { fields: string[] }).fields[msg]);
    expect(messages).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(messages).toContain(`'@SUM(1+1) & <b>bold</b> "q"`);
    expect(messages.every((m) => !/^[=+\-@]/.test(m!))).toBe(true);

    const html = svc.export({ format: 'html', filter: { since: '2024-03-06T00:00:00Z', until: '2024-03-06T00:00:00Z' } });
    expect(html.rows).toBe(1);
    expect(html.content).not.toMatch(/<script>|<b>bold/);
    expect(html.content).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html.content).toContain('@SUM(1+1) &#38; &#60;b&#62;bold&#60;/b&#62; &#34;q&#34;');
    expect(html.content).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });
});
