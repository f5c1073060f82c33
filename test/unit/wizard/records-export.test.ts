import { describe, expect, it } from 'vitest';
import type { CommissioningRecord } from '../../../src/contract/records';
import { csvField, recordsCsv } from '../../../src/records/csv';
import { recordsHtml } from '../../../src/records/html';

const rec = (over: Partial<CommissioningRecord> = {}): CommissioningRecord => ({
  id: 1,
  runId: 1,
  site: 'Harbour',
  technician: 'Li Wei',
  mac: '02:00:00:00:00:01',
  serial: 'SN1',
  model: 'DS-2CD2143G0-I',
  manufacturer: 'HIKVISION',
  firmware: 'V5.5',
  networkBefore: { ip: '192.168.1.64', prefix: 24, dhcp: false, gateway: ['192.168.1.1'] },
  networkAfter: { ip: '198.51.100.21', prefix: 24, dhcp: false, gateway: ['198.51.100.1'] },
  timeSetting: 'laptop clock (offset 0 s)',
  hostname: 'cam-21',
  name: 'Gate',
  location: 'Lobby',
  ok: true,
  checks: [{ name: 'network', ok: true, detail: '192.168.1.64/24 → 198.51.100.21/24', at: '2025-01-02T00:00:00.000Z' }],
  createdAt: '2025-01-02T00:00:00.000Z',
  ...over,
});

describe('records export', () => {
  it('HTML escapes every value from cameras and technicians, and has no script', () => {
    const hostile = rec({ name: '<script>alert(1)</script>', model: '"><img src=x onerror=alert(1)>', technician: "O'Brien & Sons", checks: [{ name: '<b>', ok: false, detail: '</table>', at: 'now' }], ok: false });
    const html = recordsHtml([hostile], { lang: 'en', site: '<Site>', generatedAt: '2025-01-02T00:00:00.000Z' });
    expect(html).not.toMatch(/<script|<img|<b>|<\/table><\/td>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('O&#39;Brien &amp; Sons');
    expect(html).toContain('&lt;Site&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('0 of 1 cameras passed');
  });

  it('HTML speaks English and Chinese', () => {
    const en = recordsHtml([rec()], { lang: 'en', site: 'Harbour', generatedAt: 't' });
    const zh = recordsHtml([rec()], { lang: 'zh-CN', site: 'Harbour', generatedAt: 't' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Camera commissioning report');
    expect(en).toContain('198.51.100.21/24, gateway 198.51.100.1');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('摄像机调试报告');
    expect(zh).toContain('198.51.100.21/24, 网关 198.51.100.1');
    expect(zh).toContain('1 台摄像机中 1 台通过');
  });

  it('CSV neutralises formulas and quotes what needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('plain')).toBe('plain');
    const csv = recordsCsv([rec({ name: '=cmd|calc' })], 'zh-CN');
    expect(csv.startsWith('\uFEFF站点,技术员,MAC 地址')).toBe(true);
    expect(csv).toContain(",'=cmd|calc,");
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
  });
});
