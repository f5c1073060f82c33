/** Which discovery protocol a packet claimed to speak. */
export type DiscoveryProtocol = 'wsdiscovery' | 'ssdp' | 'upnp' | 'sadp' | 'dhip';

/**
 * A datagram or document that could not be understood. Listeners log it and keep listening:
 * one garbage packet must never stop discovery.
 */
export class DiscoveryParseError extends Error {
  readonly protocol: DiscoveryProtocol;
  constructor(protocol: DiscoveryProtocol, message: string, options?: { cause?: unknown }) {
    super(`${protocol}: ${message}`, options);
    this.name = 'DiscoveryParseError';
    this.protocol = protocol;
  }
}
