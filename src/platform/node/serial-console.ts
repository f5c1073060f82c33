import type { ConsoleLink } from '../log-ports';

/** Opens a real serial port (or pty) at `baudRate` 8N1, no flow control. */
export async function openSerialConsole(path: string, baudRate: number): Promise<ConsoleLink> {
  // Loaded on first use: serialport's native binding costs every CLI command start-up time otherwise.
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  let closed = false;
  const closeCbs: ((err?: Error) => void)[] = [];
  port.on('close', (err?: Error) => {
    closed = true;
    for (const cb of closeCbs) cb(err ?? undefined);
  });
  port.on('error', () => {}); // followed by 'close' when fatal
  return {
    onData: (cb) => port.on('data', (b: Buffer) => cb(b)),
    onClose: (cb) => closeCbs.push(cb),
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
      }),
    close: () =>
      closed ? Promise.resolve() : new Promise<void>((resolve) => port.close(() => resolve())),
  };
}
