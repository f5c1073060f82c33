import type { ByteLink } from '../../../src/ptz/link';
import { isAnyHeader, ViscaFrameSplitter } from '../../../src/ptz/visca/splitter';
import { SimCamera } from './camera';
import type { SimCameraOptions } from './camera';

/**
 * A daisy chain of simulated cameras on one byte stream, wired as a VISCA ring: the controller
 * feeds camera 1, each camera passes on what is not for it, and the last one talks back to the
 * controller. AddressSet travels along the ring with n+1 at each camera.
 */
export class SimCameraChain {
  readonly cameras: SimCamera[];
  private readonly splitters: ViscaFrameSplitter[];
  private unsubscribe: () => void;

  /** `cameras`: one options object per camera; addresses default to 1..N. */
  constructor(
    private link: ByteLink,
    cameras: SimCameraOptions[] = [{}],
  ) {
    this.cameras = cameras.map((o, i) => new SimCamera({ address: i + 1, ...o }));
    this.splitters = this.cameras.map(() => new ViscaFrameSplitter({ isHeader: isAnyHeader }));
    this.unsubscribe = link.onData((bytes) => this.input(0, bytes));
  }

  /** The first camera (the only one in a single-camera setup). */
  get camera(): SimCamera {
    return this.cameras[0] as SimCamera;
  }

  /** Stops listening; does not close the link. */
  detach(): void {
    this.unsubscribe();
  }

  /**
   * Moves the chain to another link (a new TCP connection, a reopened port) keeping every
   * camera's state, the way a real camera outlives the controller's connection.
   */
  relink(link: ByteLink): void {
    this.unsubscribe();
    this.splitters.forEach((_, i) => (this.splitters[i] = new ViscaFrameSplitter({ isHeader: isAnyHeader })));
    this.link = link;
    this.unsubscribe = link.onData((bytes) => this.input(0, bytes));
  }

  private input(i: number, bytes: Uint8Array): void {
    const cam = this.cameras[i] as SimCamera;
    const { frames, discarded } = (this.splitters[i] as ViscaFrameSplitter).push(bytes);
    for (const d of discarded) {
      // An over-long packet for this camera earns "message length error", like the real thing.
      if (d.reason === 'too-long' && cam.address !== null && d.bytes[0] === (0x80 | cam.address)) {
        this.output(i, Uint8Array.of(0x80 | ((cam.address + 8) << 4), 0x60, 0x01, 0xff));
      }
    }
    for (const frame of frames) this.route(i, cam, frame);
  }

  private route(i: number, cam: SimCamera, frame: Uint8Array): void {
    const h = frame[0] as number;
    if (h === 0x88 && frame.length === 4 && frame[1] === 0x30) {
      const n = frame[2] as number;
      cam.address = n;
      return this.output(i, Uint8Array.of(0x88, 0x30, n + 1, 0xff));
    }
    if (h === 0x88 && frame.length === 5 && frame[1] === 0x01 && frame[2] === 0x00 && frame[3] === 0x01) {
      cam.clearAll();
      return this.output(i, frame);
    }
    if (h >= 0x81 && h <= 0x87 && cam.address === (h & 0x07)) {
      return cam.handle(frame, (bytes) => this.output(i, bytes));
    }
    this.output(i, frame);
  }

  private output(i: number, bytes: Uint8Array): void {
    if (i === this.cameras.length - 1) {
      this.link.write(bytes).catch(() => undefined);
      return;
    }
    queueMicrotask(() => this.input(i + 1, bytes));
  }
}
