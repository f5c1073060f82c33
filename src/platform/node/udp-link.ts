import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { FieldKitError } from '../../contract/errors';
import type { ByteLink } from '../../ptz/link';

/**
 * A UDP socket connected to one camera: each write is one datagram, each datagram received
 * (only from that host and port) is one chunk. ICMP "port unreachable" errors are not fatal: the
 * protocol's timeout reports the silent camera.
 */
export async function openUdpLink(host: string, port: number): Promise<ByteLink> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  const closers = new Set<(e?: Error) => void>();
  let closed = false;
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    for (const cb of [...closers]) cb();
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      socket.close();
      reject(new FieldKitError('failed', `cannot reach ${host}:${port} over UDP: ${err.message}`));
    };
    socket.once('error', fail);
    socket.connect(port, host, () => {
      socket.off('error', fail);
      resolve();
    });
  });
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new FieldKitError('unavailable', `UDP socket to ${host}:${port} is closed`));
        socket.send(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    onData(cb) {
      const h = (msg: Buffer): void => cb(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
      socket.on('message', h);
      return () => void socket.off('message', h);
    },
    onClose(cb) {
      closers.add(cb);
      return () => void closers.delete(cb);
    },
    close: () =>
      new Promise((resolve) => {
        if (closed) return resolve();
        closed = true;
        socket.close(() => resolve());
      }),
  };
}
