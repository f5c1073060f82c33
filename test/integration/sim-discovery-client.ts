import { createSocket, type Socket } from 'node:dgram';

/** A loopback UDP socket that queues what it receives, for talking to the simulators. */
export interface LoopbackClient {
  port: number;
  send(payload: string | Uint8Array, port: number): Promise<void>;
  /** The next datagram, or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Buffer>;
  /** Every datagram that arrives within `ms` (plus any already queued). */
  collect(ms: number): Promise<Buffer[]>;
  close(): Promise<void>;
}

/** Binds 127.0.0.1 on a free port. Only ever sends to 127.0.0.1. */
export async function loopbackClient(): Promise<LoopbackClient> {
  const socket: Socket = createSocket('udp4');
  const queue: Buffer[] = [];
  let waiter: ((b: Buffer) => void) | undefined;
  socket.on('message', (data) => {
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(data);
    } else queue.push(data);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    send: (payload, port) => new Promise((resolve, reject) => socket.send(payload, port, '127.0.0.1', (e) => (e ? reject(e) : resolve()))),
    next(timeoutMs = 3000) {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          reject(new Error(`no datagram within ${timeoutMs} ms`));
        }, timeoutMs);
        waiter = (b) => {
          clearTimeout(timer);
          resolve(b);
        };
      });
    },
    async collect(ms) {
      await new Promise((r) => setTimeout(r, ms));
      return queue.splice(0);
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
