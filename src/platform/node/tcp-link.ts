import { connect } from 'node:net';
import { FieldKitError } from '../../contract/errors';
import type { ByteLink } from '../../ptz/link';

/** Connect timeout: a camera on the LAN answers a SYN in milliseconds; seconds means a wrong address. */
const CONNECT_TIMEOUT_MS = 5000;

/** A TCP connection to a camera speaking raw VISCA (PTZOptics 5678). Nagle is off: packets are tiny and latency matters. */
export async function openTcpLink(host: string, port: number): Promise<ByteLink> {
  const socket = connect({ host, port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new FieldKitError('timeout', `no TCP connection to ${host}:${port} within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    socket.once('error', (err) => {
      clearTimeout(timer);
      const code = (err as NodeJS.ErrnoException).code;
      reject(new FieldKitError(code === 'ECONNREFUSED' ? 'unavailable' : 'failed', `cannot connect to ${host}:${port}: ${err.message}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  let lastError: Error | undefined;
  let closing = false;
  socket.on('error', (err) => (lastError = err));
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (socket.destroyed || !socket.writable) return reject(new FieldKitError('unavailable', `TCP connection to ${host}:${port} is closed`));
        socket.write(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    onData(cb) {
      const h = (b: Buffer): void => cb(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      socket.on('data', h);
      return () => void socket.off('data', h);
    },
    onClose(cb) {
      const h = (): void => cb(closing ? undefined : (lastError ?? new Error(`${host}:${port} closed the connection`)));
      socket.on('close', h);
      return () => void socket.off('close', h);
    },
    close: () =>
      new Promise((resolve) => {
        closing = true;
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        // A peer that never finishes the close must not hold the process open.
        setTimeout(() => socket.destroy(), 500).unref();
      }),
  };
}
