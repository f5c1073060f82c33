import type { ByteLink } from '../link';

/**
 * What the PTZ service needs from the machine: byte links to cameras. The Node adapter lives in
 * platform/node/ptz-link-opener; tests pass in-memory links wired to simulators.
 */
export interface PtzLinkOpener {
  /** Opens a serial port 8N1 without flow control. Rejects with a clear error if it cannot. */
  serial(path: string, baud: number): Promise<ByteLink>;
  /** A UDP socket sending each write as one datagram to host:port and delivering each reply datagram whole. */
  udp(host: string, port: number): Promise<ByteLink>;
  /** A TCP connection to host:port (a byte stream: chunks may split packets). */
  tcp(host: string, port: number): Promise<ByteLink>;
}
