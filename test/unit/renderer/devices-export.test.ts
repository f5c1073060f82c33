import { describe, expect, it } from 'vitest';
import { csvCell, devicesToCsv, devicesToJson, exportFileName } from '../../../renderer/src/features/devices/export';
import { device, HIK, OFF } from './devices-helpers';

/** A small RFC 4180 reader, to check the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV cells', () => {
  it('defuse every formula starter a spreadsheet would run', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =cmd|" /C calc"!A0']) {
      expect(csvCell(evil).replace(/^"/, '').startsWith("'"), JSON.stringify(evil)).toBe(true);
    }
  });

  it('leave ordinary values alone and quote separators, quotes and line breaks', () => {
    expect(csvCell('DS-2CD2143G0-I')).toBe('DS-2CD2143G0-I');
    expect(csvCell('198.51.100.10')).toBe('198.51.100.10');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('device CSV', () => {
  const hostile = device({
    id: 'mac-020000000009', mac: '02:00:00:00:00:09', ips: ['198.51.100.99'], name: '=cmd|" /C calc"!A0', model: 'Cam, "Pro"\nv2',
    manufacturer: '摄像机厂', protocols: ['onvif', 'ssdp'],
  });
  const csv = devicesToCsv([HIK, OFF, hostile]);
  const rows = parseCsv(csv.slice(1));

  it('starts with a BOM and a header row, ends lines with CRLF', () => {
    expect(csv.startsWith('\ufeffip,other_ips,mac,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
  });

  it('holds every device field, named by the header', () => {
    const [header, hik, off, bad] = rows as [string[], string[], string[], string[]];
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    expect(col(hik, 'ip')).toBe('198.51.100.10');
    expect(col(hik, 'protocols')).toBe('onvif ssdp sadp dhip');
    expect(col(hik, 'xaddrs')).toBe('http://198.51.100.10/onvif/device_service');
    expect(col(off, 'in_subnet')).toBe('false');
    expect(col(off, 'off_subnet_reason')).toBe(OFF.inSubnetReason);
    expect(col(bad, 'name')).toBe('\'=cmd|" /C calc"!A0');
    expect(col(bad, 'model')).toBe('Cam, "Pro"\nv2');
    expect(col(bad, 'manufacturer')).toBe('摄像机厂');
  });
});

describe('device JSON and file names', () => {
  it('JSON keeps every field of every device as sent, with the export time', () => {
    const at = new Date('2024-05-01T10:03:00Z');
    const parsed = JSON.parse(devicesToJson([HIK, OFF], at)) as { exportedAt: string; count: number; devices: unknown[] };
    expect(parsed).toEqual({ exportedAt: '2024-05-01T10:03:00.000Z', count: 2, devices: [HIK, OFF] });
  });

  it('file names carry the local date and time', () => {
    expect(exportFileName('csv', new Date(2024, 4, 1, 9, 7))).toBe('fieldkit-devices-20240501-0907.csv');
    expect(exportFileName('json', new Date(2024, 11, 31, 23, 59))).toBe('fieldkit-devices-20241231-2359.json');
  });
});
