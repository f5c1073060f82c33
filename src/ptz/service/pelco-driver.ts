import { FieldKitError } from '../../contract/errors';
import type { PtzDirection, PtzPosition, PtzVersion } from '../../contract/ptz';
import { DEFAULT_SPEED } from '../pelco/types';
import type { PelcoCommand } from '../pelco/types';
import type { PelcoSession } from '../pelco/session';
import type { FocusAction, PtzDriver, ZoomDrive } from './driver';

const PAN: Partial<Record<string, 'left' | 'right'>> = { left: 'left', right: 'right' };
const TILT: Partial<Record<string, 'up' | 'down'>> = { up: 'up', down: 'down' };

/** Splits `up-left` into the Pelco pan and tilt bits. */
function axes(direction: PtzDirection): Pick<Extract<PelcoCommand, { type: 'move' }>, 'pan' | 'tilt'> {
  const out: Pick<Extract<PelcoCommand, { type: 'move' }>, 'pan' | 'tilt'> = {};
  for (const part of direction.split('-')) {
    const p = PAN[part];
    const t = TILT[part];
    if (p) out.pan = p;
    if (t) out.tilt = t;
  }
  return out;
}

/** A Pelco-D/P camera: send-only, so inquiries and absolute moves are unavailable. */
export class PelcoDriver implements PtzDriver {
  readonly protocol = 'pelco' as const;

  constructor(
    private readonly session: () => PelcoSession,
    private readonly address: number,
  ) {}

  private send(cmd: PelcoCommand): Promise<void> {
    return this.session().send(this.address, cmd);
  }

  private unsupported(what: string): Promise<never> {
    const name = this.session().protocol === 'pelco-d' ? 'Pelco-D' : 'Pelco-P';
    return Promise.reject(new FieldKitError('unavailable', `${name} cannot ${what}; use a VISCA connection for it`));
  }

  drive(direction: PtzDirection, panSpeed?: number, tiltSpeed?: number): Promise<void> {
    const move: Extract<PelcoCommand, { type: 'move' }> = { type: 'move', ...axes(direction) };
    if (move.pan) move.panSpeed = panSpeed ?? DEFAULT_SPEED;
    if (move.tilt) move.tiltSpeed = tiltSpeed ?? DEFAULT_SPEED;
    return this.send(move);
  }

  stop(): Promise<void> {
    return this.send({ type: 'stop' });
  }

  zoom(action: ZoomDrive): Promise<void> {
    return this.send(action === 'stop' ? { type: 'stop' } : { type: 'move', zoom: action });
  }

  focus(action: FocusAction): Promise<void> {
    if (action === 'far' || action === 'near') return this.send({ type: 'move', focus: action });
    if (action === 'stop') return this.send({ type: 'stop' });
    return this.unsupported(`switch focus to ${action}`);
  }

  preset(action: 'set' | 'recall' | 'clear', n: number): Promise<void> {
    if (n < 1) return Promise.reject(new FieldKitError('invalid_input', 'Pelco presets are numbered from 1'));
    return this.send({ type: 'preset', action: action === 'recall' ? 'go' : action, preset: n });
  }

  home(): Promise<void> {
    return this.unsupported('go home (recall a preset instead)');
  }
  reset(): Promise<void> {
    return this.unsupported('reset the pan-tilt mechanism');
  }
  goto(): Promise<void> {
    return this.unsupported('move to an absolute position');
  }
  zoomTo(): Promise<void> {
    return this.unsupported('zoom to a position');
  }
  focusTo(): Promise<void> {
    return this.unsupported('focus to a position');
  }
  position(): Promise<PtzPosition> {
    return this.unsupported('report its position');
  }
  power(): Promise<void> {
    return this.unsupported('switch power');
  }
  powerStatus(): Promise<'on' | 'off' | 'error'> {
    return this.unsupported('report power');
  }
  version(): Promise<PtzVersion> {
    return this.unsupported('report its version');
  }
  addressSet(): Promise<number> {
    return this.unsupported('assign addresses (set them with the camera DIP switches)');
  }
  ifClear(): Promise<void> {
    return this.unsupported('clear its buffers');
  }
}
