import { describe, expect, it } from 'vitest';
import { parseArpA, parseNetNeighborCsv, parseProcNetArp } from '../../../src/platform/node/neighbour-table';
import { multicastRoutes, parseProcNetRoute, ufwEnabled } from '../../../src/platform/node/net-diagnostics';

describe('neighbour table parsers', () => {
  it('reads Linux /proc/net/arp, skipping incomplete entries', () => {
    const text = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '198.51.100.10    0x1         0x2         44:19:b6:00:00:10     *        br0',
      '198.51.100.12    0x1         0x0         00:00:00:00:00:00     *        br0',
      '203.0.113.20     0x1         0x6         AC:CC:8E:00:00:20     *        br1',
      '',
    ].join('\n');
    expect(parseProcNetArp(text)).toEqual([
      { ip: '198.51.100.10', mac: '44:19:b6:00:00:10', iface: 'br0' },
      { ip: '203.0.113.20', mac: 'ac:cc:8e:00:00:20', iface: 'br1' },
    ]);
  });
  it('reads Windows arp -a (any language) and Get-NetNeighbor CSV', () => {
    const arp = '\r\nInterface: 192.168.1.10 --- 0x5\r\n  Internet Address      Physical Address      Type\r\n  192.168.1.64          44-19-b6-12-34-56     dynamic\r\n  192.168.1.255         ff-ff-ff-ff-ff-ff     static\r\n';
    expect(parseArpA(arp)).toEqual([{ ip: '192.168.1.64', mac: '44:19:b6:12:34:56', iface: null }]);
    const csv = '"IPAddress","LinkLayerAddress","InterfaceAlias","State"\r\n"192.168.1.64","44-19-B6-12-34-56","Ethernet","Reachable"\r\n"192.168.1.65","00-00-00-00-00-00","Ethernet","Unreachable"\r\n"192.168.1.66","3C-EF-8C-00-00-01","Ethernet 2","Stale"\r\n';
    expect(parseNetNeighborCsv(csv)).toEqual([
      { ip: '192.168.1.64', mac: '44:19:b6:12:34:56', iface: 'Ethernet' },
      { ip: '192.168.1.66', mac: '3c:ef:8c:00:00:01', iface: 'Ethernet 2' },
    ]);
    expect(parseNetNeighborCsv('garbage')).toEqual([]);
  });
});

describe('route and firewall readers', () => {
  const route = [
    'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
    'eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0',
    'eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0',
    'br0\t000000E0\t00000000\t0001\t0\t0\t0\t000000F0\t0\t0\t0',
    '',
  ].join('\n');
  it('parses /proc/net/route and finds the interfaces that route 239.255.255.250', () => {
    expect(parseProcNetRoute(route)[1]).toEqual({ iface: 'eth0', destination: 0xc0a80100, mask: 0xffffff00 });
    expect(multicastRoutes(parseProcNetRoute(route))).toEqual({ multicast: ['br0'], defaultRoute: ['eth0'] });
  });
  it('reads ufw.conf', () => {
    expect(ufwEnabled('# comment\nENABLED=yes\nLOGLEVEL=low\n')).toBe(true);
    expect(ufwEnabled('ENABLED=no\n')).toBe(false);
  });
});
