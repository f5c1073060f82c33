import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import type { ByteLink } from '../../../src/ptz/link';
import type { SimCameraOptions } from './camera';
import { SimCameraChain } from './chain';

/** A ByteLink over an accepted TCP socket (the camera's side). */
function tcpServerLink(socket: Socket): ByteLink {
  return {
    write: (bytes) => new Promise((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve()))),
    onData(cb) {
      const h = (b: Buffer): void => cb(new Uint8Array(b));
      socket.on('data', h);
      return () => void socket.off('data', h);
    },
    onClose(cb) {
      const h = (): void => cb();
      socket.on('close', h);
      return () => void socket.off('close', h);
    },
    close: () => new Promise((resolve) => (socket.destroyed ? resolve() : (socket.once('close', () => resolve()), socket.destroy()))),
  };
}

/**
 * A raw-VISCA camera (or daisy chain) listening on TCP 127.0.0.1 like a PTZOptics on 5678. The
 * chain outlives connections: each new client takes over the line, as with a real camera.
 */
export class SimTcpCamera {
  /** Connections accepted so far. */
  connections = 0;
  private current?: Socket;
  private constructor(
    private readonly server: Server,
    readonly chain: SimCameraChain,
  ) {}

  static async start(cameras: SimCameraOptions[] = [{}]): Promise<SimTcpCamera> {
    const idle: ByteLink = { write: async () => undefined, onData: () => () => undefined, onClose: () => () => undefined, close: async () => undefined };
    const chain = new SimCameraChain(idle, cameras);
    const server = createServer();
    const sim = new SimTcpCamera(server, chain);
    server.on('connection', (s) => {
      s.setNoDelay(true);
      sim.connections++;
      sim.current?.destroy();
      sim.current = s;
      chain.relink(tcpServerLink(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sim;
  }

  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  /** Drops the current client connection (a cable pulled, a camera rebooting). */
  dropClient(): void {
    this.current?.destroy();
    this.current = undefined;
  }

  async close(): Promise<void> {
    this.dropClient();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A raw-VISCA camera on UDP 127.0.0.1 (the port-1259 variant: no header). Replies go to whoever
 * sent the last datagram, so each CLI run reaches the same camera state.
 */
export class SimRawUdpCamera {
  private constructor(
    private readonly socket: UdpSocket,
    readonly chain: SimCameraChain,
  ) {}

  static async start(cameras: SimCameraOptions[] = [{}]): Promise<SimRawUdpCamera> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const listeners = new Set<(b: Uint8Array) => void>();
    let peer: { port: number; address: string } | undefined;
    socket.on('message', (msg, rinfo) => {
      peer = { port: rinfo.port, address: rinfo.address };
      for (const cb of [...listeners]) cb(new Uint8Array(msg));
    });
    const link: ByteLink = {
      write: (bytes) =>
        new Promise((resolve, reject) => {
          if (!peer) return resolve();
          socket.send(bytes, peer.port, peer.address, (e) => (e ? reject(e) : resolve()));
        }),
      onData(cb) {
        listeners.add(cb);
        return () => void listeners.delete(cb);
      },
      onClose: () => () => undefined,
      close: async () => undefined,
    };
    return new SimRawUdpCamera(socket, new SimCameraChain(link, cameras));
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
