import { describe, expect, it } from 'vitest';
import { parsePlanCsv } from '../../../src/wizard/plan-csv';

describe('parsePlanCsv', () => {
  it('reads the installer spreadsheet with optional columns, MACs in any spelling', () => {
    const { rows, errors } = parsePlanCsv(
      '\uFEFFMAC,IP (CIDR),Gateway,Hostname,New_Password,NTP\r\n' +
        '44-19-B6-12-34-56,198.51.100.21/24,198.51.100.1,cam-21,Kx7-tower-North!,\r\n' +
        '4419b6123457,198.51.100.22/24,,cam-22,,pool.ntp.example\r\n' +
        '44:19:b6:12:34:58,dhcp,,,,\r\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, mac: '44:19:b6:12:34:56', network: { mode: 'static', cidr: '198.51.100.21/24', gateway: '198.51.100.1' }, hostname: 'cam-21', newPassword: 'Kx7-tower-North!', time: { mode: 'laptop', timezone: null }, currentIp: null, name: null, location: null, ptz: 'auto' },
      { line: 3, mac: '44:19:b6:12:34:57', network: { mode: 'static', cidr: '198.51.100.22/24', gateway: null }, hostname: 'cam-22', newPassword: null, time: { mode: 'ntp', server: 'pool.ntp.example', timezone: null }, currentIp: null, name: null, location: null, ptz: 'auto' },
      { line: 4, mac: '44:19:b6:12:34:58', network: { mode: 'dhcp' }, hostname: null, newPassword: null, time: { mode: 'laptop', timezone: null }, currentIp: null, name: null, location: null, ptz: 'auto' },
    ]);
  });

  it('reports every bad line with its number and keeps the good ones', () => {
    const { rows, errors } = parsePlanCsv(
      [
        'mac,ip,gateway,hostname,ntp,current_ip,ptz',
        'not-a-mac,198.51.100.21/24,,,,,',
        '02:00:00:00:00:01,198.51.100.21,,,,,',
        '02:00:00:00:00:02,198.51.100.22/24,10.0.0.1;reboot,,,,',
        '02:00:00:00:00:03,198.51.100.23/24,,$(reboot),,,',
        '02:00:00:00:00:04,198.51.100.24/24,,,ntp server,,',
        '02:00:00:00:00:05,198.51.100.25/24,,,,999.1.1.1,',
        '02:00:00:00:00:06,198.51.100.26/24,,,,,maybe',
        '02:00:00:00:00:07,198.51.100.27/24,,ok-7,,,',
        '02:00:00:00:00:07,198.51.100.28/24,,,,,',
        '02:00:00:00:00:08,"unclosed',
      ].join('\n'),
    );
    expect(rows.map((r) => r.mac)).toEqual(['02:00:00:00:00:07']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 10, 11]);
    expect(errors[1]!.message).toMatch(/with its prefix/);
    expect(errors[7]!.message).toMatch(/already on line 9/);
  });

  it('refuses an unknown or missing header instead of guessing', () => {
    expect(parsePlanCsv('mac,ipaddr\n02:00:00:00:00:01,1.2.3.4/24\n').errors[0]!.message).toMatch(/unknown column.*"ipaddr"/);
    expect(parsePlanCsv('ip,hostname\n1.2.3.4/24,x\n').errors[0]!.message).toMatch(/no "mac" column/);
    expect(parsePlanCsv('').errors[0]!.message).toMatch(/empty/);
  });
});
