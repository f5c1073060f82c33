import type { PtzDirection, PtzPosition, PtzVersion } from '../../contract/ptz';

/** Zoom drive actions. */
export type ZoomDrive = 'tele' | 'wide' | 'stop';
/** Focus mode or drive actions. */
export type FocusAction = 'auto' | 'manual' | 'far' | 'near' | 'stop' | 'one-push';

/**
 * One camera as the service drives it, whatever the protocol. Methods resolve when the camera
 * reports completion (VISCA) or the bytes are on the wire (Pelco); they reject with the camera's
 * error, a timeout, or `unavailable` for what the protocol cannot do.
 */
export interface PtzDriver {
  readonly protocol: 'visca' | 'pelco';
  drive(direction: PtzDirection, panSpeed?: number, tiltSpeed?: number): Promise<void>;
  stop(): Promise<void>;
  home(): Promise<void>;
  reset(): Promise<void>;
  goto(t: { pan: number; tilt: number; panSpeed?: number; tiltSpeed?: number }): Promise<void>;
  zoom(action: ZoomDrive, speed?: number): Promise<void>;
  zoomTo(position: number): Promise<void>;
  focus(action: FocusAction, speed?: number): Promise<void>;
  focusTo(position: number): Promise<void>;
  preset(action: 'set' | 'recall' | 'clear', n: number): Promise<void>;
  position(): Promise<PtzPosition>;
  power(on: boolean): Promise<void>;
  powerStatus(): Promise<'on' | 'off' | 'error'>;
  version(): Promise<PtzVersion>;
  /** AddressSet broadcast on the line; resolves with the number of cameras. */
  addressSet(): Promise<number>;
  ifClear(broadcast: boolean): Promise<void>;
}
