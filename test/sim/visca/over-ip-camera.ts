import { createSocket } from 'node:dgram';
import type { RemoteInfo, Socket } from 'node:dgram';
import { SimCamera } from './camera';
import type { SimCameraOptions } from './camera';

/**
 * A Sony-style VISCA-over-IP camera on a UDP socket bound to 127.0.0.1 (never another address).
 * Each datagram carries the 8-byte header; replies echo the sequence number of the message they
 * answer (completions included), RESET sets the counter back, a repeated sequence number earns
 * "abnormal sequence number" (0F 01) and an unknown or broken datagram "abnormal message" (0F 02).
 */
export class SimOverIpCamera {
  readonly camera: SimCamera;
  /** Every datagram received, as hex, for assertions. */
  readonly datagrams: string[] = [];
  /** Ignore this many upcoming datagrams (lost on the way to the camera), then behave again. */
  dropRequests = 0;
  private lastSequence?: number;

  private constructor(
    private readonly socket: Socket,
    opts: SimCameraOptions,
  ) {
    // VISCA over IP locks the camera address to 1.
    this.camera = new SimCamera({ ...opts, address: 1 });
    socket.on('message', (msg, rinfo) => this.onDatagram(new Uint8Array(msg), rinfo));
  }

  /** Binds 127.0.0.1:`port` (0 = any free port). */
  static start(opts: SimCameraOptions & { port?: number } = {}): Promise<SimOverIpCamera> {
    const socket = createSocket('udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port ?? 0, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve(new SimOverIpCamera(socket, opts));
      });
    });
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private onDatagram(d: Uint8Array, to: RemoteInfo): void {
    this.datagrams.push(Buffer.from(d).toString('hex'));
    if (this.dropRequests > 0) {
      this.dropRequests--;
      return;
    }
    if (d.length < 8) return; // too short to even echo a sequence number
    const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
    const type = view.getUint16(0);
    const length = view.getUint16(2);
    const seq = view.getUint32(4);
    const payload = d.subarray(8);
    const send = (t: number, body: Uint8Array): void => {
      const out = Buffer.alloc(8 + body.length);
      out.writeUInt16BE(t, 0);
      out.writeUInt16BE(body.length, 2);
      out.writeUInt32BE(seq, 4);
      out.set(body, 8);
      this.socket.send(out, to.port, to.address);
    };
    const controlReply = (...b: number[]): void => send(0x0201, Uint8Array.from(b));

    if (length !== payload.length || length === 0 || length > 16) return controlReply(0x0f, 0x02);
    if (type === 0x0200) {
      if (length !== 1 || payload[0] !== 0x01) return controlReply(0x0f, 0x02);
      this.lastSequence = undefined;
      return controlReply(0x01);
    }
    if (type !== 0x0100 && type !== 0x0110 && type !== 0x0120) return controlReply(0x0f, 0x02);
    if (seq === this.lastSequence) return controlReply(0x0f, 0x01);
    this.lastSequence = seq;
    if (payload[0] !== 0x81 || payload[payload.length - 1] !== 0xff) return controlReply(0x0f, 0x02);
    this.camera.handle(Uint8Array.from(payload), (bytes) => send(0x0111, bytes));
  }
}
