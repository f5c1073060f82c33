import type { Socket } from 'node:dgram';
import type { SerialPort } from 'serialport';
import type { ByteLink } from '../../../src/ptz/link';

/**
 * Minimal ByteLink adapters for tests (the product's adapters live in src/platform). Kept here so
 * the simulator and integration tests can sit on a real pty or UDP socket today.
 */

/** A ByteLink over an open serialport SerialPort. */
export function serialLink(port: SerialPort): ByteLink {
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
      }),
    onData(cb) {
      const h = (b: Buffer): void => cb(new Uint8Array(b));
      port.on('data', h);
      return () => void port.off('data', h);
    },
    onClose(cb) {
      const h = (err?: Error | null): void => cb(err ?? undefined);
      port.on('close', h);
      return () => void port.off('close', h);
    },
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

/** A datagram ByteLink: each write is one datagram to 127.0.0.1:`port`; each datagram received is one chunk. */
export function udpLink(socket: Socket, port: number): ByteLink {
  let closed = false;
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => socket.send(bytes, port, '127.0.0.1', (err) => (err ? reject(err) : resolve()))),
    onData(cb) {
      const h = (msg: Buffer): void => cb(new Uint8Array(msg));
      socket.on('message', h);
      return () => void socket.off('message', h);
    },
    onClose(cb) {
      const h = (): void => cb();
      socket.on('close', h);
      return () => void socket.off('close', h);
    },
    close: () =>
      new Promise((resolve) => {
        if (closed) return resolve();
        closed = true;
        socket.close(() => resolve());
      }),
  };
}
