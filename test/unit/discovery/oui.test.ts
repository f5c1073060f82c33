import { describe, expect, it } from 'vitest';
import { buildTable, readArpScan, readIeeeCsv, shortenVendor } from '../../../scripts/generate-oui-table';
import { macVendor } from '../../../src/discovery/oui/lookup';

describe('offline OUI table', () => {
  it('names the vendors of camera MACs from the shipped table', () => {
    expect(macVendor('44:19:b6:12:34:56')).toMatch(/Hikvision/);
    expect(macVendor('3c:ef:8c:00:00:01')).toMatch(/Dahua/);
    expect(macVendor('ac:cc:8e:00:00:01')).toMatch(/Axis/i);
    expect(macVendor('02:00:00:00:00:01')).toBeNull(); // locally administered
    expect(macVendor(null)).toBeNull();
    expect(macVendor('not a mac')).toBeNull();
  });
  it('prefers the longest assignment (MA-S over MA-M over MA-L)', () => {
    const table = buildTable([['70b3d5', 'IEEE Registration Authority'], ['70b3d5987', 'AXIS'], ['70b3d59', 'Middle Ltd']]);
    expect(macVendor('70:b3:d5:98:70:01', table)).toBe('AXIS');
    expect(macVendor('70:b3:d5:91:00:01', table)).toBe('Middle');
    expect(macVendor('70:b3:d5:00:00:01', table)).toBe('IEEE Registration Authority');
  });
  it('generator reads both Debian sources and shortens names', () => {
    expect(readArpScan('# c\n4447CC\tHangzhou Hikvision Digital Technology Co.,Ltd.\n70B3D5987\tAXIS\nbad line\n')).toEqual([
      ['4447cc', 'Hangzhou Hikvision Digital Technology Co.,Ltd.'], ['70b3d5987', 'AXIS'],
    ]);
    expect(readIeeeCsv('Registry,Assignment,Organization Name,Organization Address\nMA-L,B8A44F,Axis Communications AB,Lund SE\nMA-L,08EDED,"Zhejiang Dahua Technology Co., Ltd.","Hangzhou, CN"\n')).toEqual([
      ['b8a44f', 'Axis Communications AB'], ['08eded', 'Zhejiang Dahua Technology Co., Ltd.'],
    ]);
    expect(shortenVendor('Hangzhou Hikvision Digital Technology Co.,Ltd.')).toBe('Hangzhou Hikvision Digital Technology');
    expect(shortenVendor('Axis Communications AB')).toBe('Axis Communications');
    expect(shortenVendor('Sony Corporation')).toBe('Sony');
    expect(buildTable([['000001', 'Private'], ['000002', 'Acme Inc.'], ['000003', 'Acme, Inc']])).toBe('Acme\t000002 000003');
  });
});
