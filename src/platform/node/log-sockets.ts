import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { DatagramListener, LogPorts, StreamConnection, StreamListener } from '../log-ports';
import { openSerialConsole } from './serial-console';
import { kernelUdpDrops } from './udp-drops';

/** Asks the OS for a larger receive buffer so bursts survive a batch write; capped by the OS. */
const RECV_BUFFER_BYTES = 8 * 1024 * 1024;

/** UDP syslog: IPv6 bind addresses get a udp6 socket, everything else udp4. */
async function listenUdp(port: number, address: string, onDatagram: (bytes: Uint8Array, address: string, port: number) => void): Promise<DatagramListener> {
  const socket = createSocket({ type: address.includes(':') ? 'udp6' : 'udp4' });
  socket.on('message', (msg, rinfo) => onDatagram(msg, rinfo.address, rinfo.port));
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
  const a = socket.address();
  const bound = { address: a.address, port: a.port };
  let open = true;
  return {
    bound,
    kernelDrops: () => (open ? kernelUdpDrops(bound.address, bound.port) : null),
    close: () => {
      if (!open) return Promise.resolve();
      open = false;
      return new Promise<void>((r) => socket.close(() => r()));
    },
  };
}

function connection(s: Socket, idleMs: number): StreamConnection {
  s.setTimeout(idleMs, () => s.destroy());
  s.on('error', () => {}); // a reset peer: 'close' follows
  // A half-close from the peer ends our side too; the capture keeps nothing to say to it.
  s.on('end', () => s.end());
  return {
    remoteAddress: s.remoteAddress ?? '?',
    remotePort: s.remotePort ?? 0,
    onData: (cb) => s.on('data', cb),
    onClose: (cb) => {
      let done = false;
      const once = (): void => {
        if (done) return;
        done = true;
        cb();
      };
      s.on('end', once);
      s.on('close', once);
    },
    pause: () => s.pause(),
    resume: () => s.resume(),
    destroy: () => s.destroy(),
  };
}

async function listenTcp(port: number, address: string, onConnection: (c: StreamConnection) => void, opts: { maxConnections: number; idleMs: number }): Promise<StreamListener> {
  const server = createServer((s) => onConnection(connection(s, opts.idleMs)));
  server.maxConnections = opts.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  const a = server.address() as AddressInfo;
  return { bound: { address: a.address, port: a.port }, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Sockets and serial ports for log capture, from node:dgram, node:net and serialport. */
export function nodeLogPorts(): LogPorts {
  return { listenUdp, listenTcp, openConsole: openSerialConsole };
}
