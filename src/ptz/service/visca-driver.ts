import type { PtzDirection, PtzPosition, PtzVersion } from '../../contract/ptz';
import { assignAddresses, clearAll } from '../visca/chain';
import * as v from '../visca/codec';
import type { ViscaLine } from '../visca/line';
import type { ViscaSession } from '../visca/session';
import type { FocusAction, PtzDriver, ZoomDrive } from './driver';

/** Speeds used when the caller gives none: a middle pace a technician can aim with. */
export const VISCA_DEFAULT_SPEED = { pan: 0x0c, tilt: 0x0a } as const;

/** Where the driver finds the camera's session; the wire replaces the line when a port is reopened. */
export interface ViscaAccess {
  line(): ViscaLine;
  session(): ViscaSession;
  readonly address: number;
  readonly maxPreset: number;
}

/** A VISCA camera (serial, over IP, raw TCP/UDP) behind the common driver interface. */
export class ViscaDriver implements PtzDriver {
  readonly protocol = 'visca' as const;

  constructor(private readonly at: ViscaAccess) {}

  private get a(): number {
    return this.at.address;
  }

  private async run(cmd: v.ViscaCommand, stop = false): Promise<void> {
    await this.at.session().command(cmd, { stop });
  }

  drive(direction: PtzDirection, panSpeed?: number, tiltSpeed?: number): Promise<void> {
    return this.run(v.panTiltDrive(this.a, direction, panSpeed ?? VISCA_DEFAULT_SPEED.pan, tiltSpeed ?? VISCA_DEFAULT_SPEED.tilt));
  }

  stop(): Promise<void> {
    return this.run(v.panTiltDrive(this.a, 'stop', VISCA_DEFAULT_SPEED.pan, VISCA_DEFAULT_SPEED.tilt), true);
  }

  home(): Promise<void> {
    return this.run(v.panTiltHome(this.a));
  }

  reset(): Promise<void> {
    return this.run(v.panTiltReset(this.a));
  }

  goto(t: { pan: number; tilt: number; panSpeed?: number; tiltSpeed?: number }): Promise<void> {
    return this.run(
      v.panTiltAbsolute(this.a, { pan: t.pan, tilt: t.tilt, panSpeed: t.panSpeed ?? v.DEFAULT_VISCA_LIMITS.maxPanSpeed, tiltSpeed: t.tiltSpeed ?? v.DEFAULT_VISCA_LIMITS.maxTiltSpeed }),
    );
  }

  zoom(action: ZoomDrive, speed?: number): Promise<void> {
    return this.run(v.zoom(this.a, action, speed), action === 'stop');
  }

  zoomTo(position: number): Promise<void> {
    return this.run(v.zoomDirect(this.a, position));
  }

  focus(action: FocusAction, speed?: number): Promise<void> {
    if (action === 'auto' || action === 'manual') return this.run(v.focusMode(this.a, action));
    if (action === 'one-push') return this.run(v.focusOnePush(this.a));
    return this.run(v.focus(this.a, action, speed), action === 'stop');
  }

  focusTo(position: number): Promise<void> {
    return this.run(v.focusDirect(this.a, position));
  }

  preset(action: 'set' | 'recall' | 'clear', n: number): Promise<void> {
    return this.run(v.preset(this.a, action === 'clear' ? 'reset' : action, n, this.at.maxPreset));
  }

  async position(): Promise<PtzPosition> {
    const s = this.at.session();
    // Inquiries take no socket: asking all four in a row is safe even while a move runs.
    const [pt, zoom, focus, focusMode] = await Promise.all([
      s.inquire(v.panTiltPositionInquiry(this.a)),
      s.inquire(v.zoomPositionInquiry(this.a)),
      s.inquire(v.focusPositionInquiry(this.a)),
      s.inquire(v.focusModeInquiry(this.a)),
    ]);
    return { pan: pt.pan, tilt: pt.tilt, zoom, focus, focusMode };
  }

  power(on: boolean): Promise<void> {
    return this.run(v.power(this.a, on));
  }

  powerStatus(): Promise<'on' | 'off' | 'error'> {
    return this.at.session().inquire(v.powerInquiry(this.a));
  }

  version(): Promise<PtzVersion> {
    return this.at.session().inquire(v.versionInquiry(this.a));
  }

  addressSet(): Promise<number> {
    return assignAddresses(this.at.line());
  }

  ifClear(broadcast: boolean): Promise<void> {
    return broadcast ? clearAll(this.at.line()) : this.at.session().resync();
  }
}
