import type { RecordNetwork } from '../contract/records';
import type { RecordLabels } from './labels';

/** "198.51.100.21/24, gateway 198.51.100.1" (or DHCP), in the report's language. */
export function describeNetwork(n: RecordNetwork | null, L: RecordLabels): string {
  if (!n || !n.ip) return L.none;
  const addr = `${n.ip}/${n.prefix ?? '?'}${n.dhcp ? ` (${L.dhcp})` : ''}`;
  return n.gateway.length ? `${addr}, ${L.gateway} ${n.gateway.join(', ')}` : addr;
}
