import type { RecordNetwork } from '../../../../../src/contract';

/** `198.51.100.21/24 gw 198.51.100.1`, `DHCP 198.51.100.21/24`, or null when nothing was read. */
export function describeNetwork(n: RecordNetwork | null): string | null {
  if (!n || !n.ip) return n?.dhcp ? 'DHCP' : null;
  const addr = `${n.ip}${n.prefix !== null ? `/${n.prefix}` : ''}`;
  const gw = n.gateway.length ? ` gw ${n.gateway.join(', ')}` : '';
  return `${n.dhcp ? 'DHCP ' : ''}${addr}${gw}`;
}
