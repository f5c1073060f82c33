/**
 * What log capture needs from the machine: UDP and TCP listeners for syslog and serial consoles.
 * The capture keeps the protocol (RFC 6587 deframing, back-pressure, line splitting); the node
 * adapters (platform/node/log-*.ts, serial-console.ts) own the sockets and ports.
 */

/** The local address a listener got (port 0 asks for any free one). */
export interface BoundAddress {
  address: string;
  port: number;
}

/** A bound UDP socket delivering one syslog message per datagram (RFC 5426). */
export interface DatagramListener {
  readonly bound: BoundAddress;
  /** Datagrams the kernel dropped for this socket (receive buffer full); null where the OS does not say. */
  kernelDrops(): number | null;
  close(): Promise<void>;
}

/** One accepted TCP connection, as a byte stream with flow control. */
export interface StreamConnection {
  readonly remoteAddress: string;
  readonly remotePort: number;
  onData(cb: (chunk: Uint8Array) => void): void;
  /** Called once when the connection is over: the peer ended it, reset it, or {@link destroy}. */
  onClose(cb: () => void): void;
  /** Stop reading: the kernel then closes the TCP window and the sender slows down. */
  pause(): void;
  resume(): void;
  destroy(): void;
}

/** A listening TCP server. */
export interface StreamListener {
  readonly bound: BoundAddress;
  /** Stops accepting; open connections are the caller's to destroy. */
  close(): Promise<void>;
}

/** An open serial console. */
export interface ConsoleLink {
  onData(cb: (bytes: Uint8Array) => void): void;
  /** Called once when the port closes (unplugged adapter, or {@link close}). */
  onClose(cb: (err?: Error) => void): void;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface LogPorts {
  /** Binds UDP; rejects with the OS error (EADDRINUSE, EACCES for ports < 1024 without privilege). */
  listenUdp(port: number, address: string, onDatagram: (bytes: Uint8Array, address: string, port: number) => void): Promise<DatagramListener>;
  /** Listens on TCP; connections idle for `idleMs` are destroyed; beyond `maxConnections` they are refused. */
  listenTcp(port: number, address: string, onConnection: (c: StreamConnection) => void, opts: { maxConnections: number; idleMs: number }): Promise<StreamListener>;
  /** Opens a serial port (or pty) at `baudRate` 8N1, no flow control. */
  openConsole(path: string, baudRate: number): Promise<ConsoleLink>;
}
