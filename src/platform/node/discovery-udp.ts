import { createSocket, type Socket } from 'node:dgram';
import type { UdpBindOptions, UdpSocketFactory, UdpSocketHandle } from '../discovery-ports';

function wrap(socket: Socket): UdpSocketHandle {
  let closed = false;
  return {
    port: socket.address().port,
    send(payload, port, address) {
      return new Promise((resolve, reject) => {
        if (closed) {
          reject(new Error('socket closed'));
          return;
        }
        socket.send(payload, port, address, (err) => (err ? reject(err) : resolve()));
      });
    },
    onMessage(cb) {
      socket.on('message', (data, rinfo) => cb(data, { address: rinfo.address, port: rinfo.port }));
    },
    onError(cb) {
      socket.on('error', cb);
    },
    addMembership(group, interfaceAddress) {
      socket.addMembership(group, interfaceAddress);
    },
    setMulticastInterface(interfaceAddress) {
      socket.setMulticastInterface(interfaceAddress);
      // Discovery never crosses a router: replies from other subnets come back unicast.
      socket.setMulticastTTL(1);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}

const RECV_BUFFER = 4 * 1024 * 1024;

/** UDP sockets from node:dgram (IPv4). */
export function nodeUdpSocketFactory(): UdpSocketFactory {
  return {
    bind(options: UdpBindOptions) {
      const socket = createSocket({ type: 'udp4', reuseAddr: options.reuseAddr ?? false });
      return new Promise((resolve, reject) => {
        const fail = (err: Error): void => {
          socket.close();
          reject(err);
        };
        socket.once('error', fail);
        socket.bind(options.port, options.address, () => {
          socket.off('error', fail);
          try {
            // A scan makes hundreds of devices answer within half a second: a default-sized buffer
            // overflows while the event loop is busy, and lost replies are lost devices.
            socket.setRecvBufferSize(RECV_BUFFER);
          } catch {
            // Capped by the OS (net.core.rmem_max): keep whatever it gave.
          }
          // An unhandled 'error' event would crash the process; handlers added via onError report it.
          socket.on('error', () => undefined);
          resolve(wrap(socket));
        });
      });
    },
  };
}
