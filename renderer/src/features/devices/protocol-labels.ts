import type { DiscoveryProtocolName } from '../../../../src/contract';

/** Badge text per protocol: the protocols' own names, the same in every language (tooltips translate). */
export const PROTOCOL_LABELS: Record<DiscoveryProtocolName, string> = {
  onvif: 'ONVIF',
  ssdp: 'SSDP',
  sadp: 'SADP',
  dhip: 'DHIP',
};
