// Apart from the schemas so code that must load fast (the CLI's early probe) can use it without zod.

/** The discovery protocols FieldKit speaks; also the badges a device row shows. */
export const DISCOVERY_PROTOCOLS = ['onvif', 'ssdp', 'sadp', 'dhip'] as const;

/** One discovery protocol: onvif = WS-Discovery, ssdp = SSDP/UPnP, sadp = Hikvision, dhip = Dahua. */
export type DiscoveryProtocolName = (typeof DISCOVERY_PROTOCOLS)[number];
