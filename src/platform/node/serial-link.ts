import { FieldKitError } from '../../contract/errors';
import type { ByteLink } from '../../ptz/link';

/** Turns an open error into one line a technician can act on. */
function openError(path: string, baud: number, err: Error): FieldKitError {
  const msg = err.message;
  if (/ENOENT|No such file|cannot find/i.test(msg)) return new FieldKitError('not_found', `serial port ${path} does not exist; check the cable and the port name`);
  if (/EACCES|Permission denied|Access denied/i.test(msg)) {
    return new FieldKitError('permission_denied', `no permission to open ${path}; on Linux add your user to the dialout group`);
  }
  if (/EBUSY|resource busy|locked/i.test(msg)) return new FieldKitError('conflict', `${path} is in use by another program`);
  return new FieldKitError('failed', `cannot open ${path} at ${baud} baud: ${msg}`);
}

/**
 * Opens a serial port 8N1, no flow control, as a ByteLink. serialport is loaded on first use so
 * hosts that never touch serial do not load the native module. An unplugged adapter shows up as
 * the link closing with the OS error.
 */
export async function openSerialLink(path: string, baud: number): Promise<ByteLink> {
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate: baud, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false, xoff: false, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(openError(path, baud, err)) : resolve())));
  let closing = false;
  const closers = new Set<(e?: Error) => void>();
  port.on('close', (err?: Error | null) => {
    for (const cb of [...closers]) cb(err ?? (closing ? undefined : new Error(`${path} closed`)));
  });
  // Errors after open are followed by 'close' when fatal; without a listener they would crash the process.
  port.on('error', () => undefined);
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (!port.isOpen) return reject(new FieldKitError('unavailable', `${path} is closed`));
        port.write(Buffer.from(bytes), (err) => (err ? reject(err) : resolve()));
      }),
    onData(cb) {
      const h = (b: Buffer): void => cb(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      port.on('data', h);
      return () => void port.off('data', h);
    },
    onClose(cb) {
      closers.add(cb);
      return () => void closers.delete(cb);
    },
    close: () =>
      new Promise((resolve) => {
        closing = true;
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
