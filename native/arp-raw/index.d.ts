/** One ARP reply: `mac` says it holds `ip`. */
export interface ArpRawReply {
  ip: string;
  mac: string;
}

/** A raw ARP socket bound to one interface. */
export interface ArpRawSocket {
  /** The interface's MAC (the requests' sender hardware address), lower-case. */
  readonly mac: string;
  readonly ifindex: number;
  /**
   * Broadcasts one who-has request for `targetIp` with sender `senderIp` (0 = an RFC 5227 probe).
   * Addresses are host-order integers (a.b.c.d = a·2²⁴ + b·2¹⁶ + c·2⁸ + d). Returns false when the
   * send queue is full (send it again later); throws on other errors.
   */
  send(targetIp: number, senderIp: number): boolean;
  /** Stops reading and closes the socket. Idempotent. */
  close(): void;
}

/** False where raw ARP sockets are not implemented (everything but Linux): `open` then throws ENOTSUP. */
export const supported: boolean;

/**
 * Opens an AF_PACKET socket for ARP on `ifname` (needs CAP_NET_RAW). `onReplies` receives every
 * ARP reply the interface sees, as they arrive; on a socket error, `[]` and a message. Throws an
 * Error whose `code` is the errno name: EPERM/EACCES without the capability, ENODEV for an unknown
 * interface, EINVAL for a non-Ethernet one.
 */
export function open(ifname: string, onReplies: (replies: ArpRawReply[], error?: string) => void): ArpRawSocket;

/** The 28-byte request payload the socket sends (for tests). */
export function encodeRequest(mac: string, senderIp: number, targetIp: number): Buffer;

/** Decodes an ARP payload: the reply's sender, or null for anything but a plausible reply. */
export function decodeReply(bytes: Uint8Array): ArpRawReply | null;
