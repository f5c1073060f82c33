import { createSocket, type Socket } from 'node:dgram';
import { kernelUdpDrops } from './udp-drops';

/** What a bound receiver reports. */
export interface BoundAddress {
  address: string;
  port: number;
}

/** Asks the OS for a larger receive buffer so bursts survive a batch write; capped by the OS. */
const RECV_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * A UDP syslog socket. Each datagram is one message (RFC 5426). IPv6 bind addresses get a udp6
 * socket; everything else udp4.
 */
export class UdpReceiver {
  private socket: Socket | null = null;
  private bound: BoundAddress | null = null;

  constructor(private readonly onDatagram: (bytes: Buffer, address: string, port: number) => void) {}

  /** Binds; rejects with the OS error (EADDRINUSE, EACCES for ports < 1024 without privilege). */
  async listen(port: number, address: string): Promise<BoundAddress> {
    const socket = createSocket({ type: address.includes(':') ? 'udp6' : 'udp4' });
    socket.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo.address, rinfo.port));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // After bind, errors (ICMP noise) must not crash the process.
    socket.on('error', () => {});
    try {
      socket.setRecvBufferSize(RECV_BUFFER_BYTES);
    } catch {
      // The OS keeps its own limit; losses beyond it happen in the kernel.
    }
    this.socket = socket;
    const a = socket.address();
    this.bound = { address: a.address, port: a.port };
    return { ...this.bound };
  }

  /** Datagrams the kernel dropped for this socket (receive buffer full); null where the OS does not say. */
  kernelDrops(): number | null {
    return this.bound && this.socket ? kernelUdpDrops(this.bound.address, this.bound.port) : null;
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    this.bound = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}
