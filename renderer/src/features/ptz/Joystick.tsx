import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PtzDirection } from '../../../../src/contract';
import { Field } from '../../components/Field';
import { useApp } from '../../stores/context';
import { directionAt, directionFromKeys, isArrowKey, PAD_CELLS, speedFor, type ArrowKey } from './directions';

const ROTATION: Record<PtzDirection, number> = {
  up: 0,
  'up-right': 45,
  right: 90,
  'down-right': 135,
  down: 180,
  'down-left': 225,
  left: 270,
  'up-left': 315,
};

/** An arrow pointing up, rotated to each direction. */
function Arrow({ direction }: { direction: PtzDirection }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false" style={{ transform: `rotate(${ROTATION[direction]}deg)` }}>
      <path d="M12 4l7 9h-4.5v7h-5v-7H5z" fill="currentColor" />
    </svg>
  );
}

/**
 * The pan-tilt pad: hold a cell (mouse, pen or finger; dragging moves between cells) or hold the
 * arrow keys while it has focus. Everything it does goes through the slice's jog, which stops on
 * release and keeps the core's deadman fed while held.
 */
export function Joystick({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const press = useApp((s) => s.ptzJogPress);
  const release = useApp((s) => s.ptzJogRelease);
  const direction = useApp((s) => s.ptz.jog);
  const pad = useRef<HTMLDivElement>(null);
  const pointer = useRef<number | null>(null);
  const keys = useRef(new Set<ArrowKey>());

  const at = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return directionAt(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
  };
  const endPointer = (e: PointerEvent<HTMLDivElement>) => {
    if (pointer.current !== e.pointerId) return;
    pointer.current = null;
    release('pointer');
  };
  const syncKeys = () => {
    if (keys.current.size === 0) release('keys');
    else press('keys', directionFromKeys(keys.current));
  };

  return (
    <div className="ptz-pad-wrap">
      <div
        ref={pad}
        className={`ptz-pad${disabled ? ' is-disabled' : ''}`}
        role="group"
        tabIndex={disabled ? -1 : 0}
        aria-label={t('ptz.pad.label')}
        aria-describedby="ptz-pad-hint"
        aria-disabled={disabled}
        data-testid="ptz-pad"
        data-direction={direction ?? ''}
        onPointerDown={(e) => {
          if (disabled || pointer.current !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
          // The command leaves first (latency); then capture, so a drag off the pad still ends here,
          // and focus, so the arrow keys work next.
          pointer.current = e.pointerId;
          press('pointer', at(e));
          e.currentTarget.setPointerCapture(e.pointerId);
          pad.current?.focus({ preventScroll: true });
        }}
        onPointerMove={(e) => {
          if (pointer.current === e.pointerId) press('pointer', at(e));
        }}
        onPointerUp={endPointer}
        onPointerCancel={endPointer}
        onLostPointerCapture={endPointer}
        onContextMenu={(e) => e.preventDefault()}
        onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
          if (disabled || !isArrowKey(e.key)) return;
          e.preventDefault();
          // Held keys repeat; the jog is already running.
          if (e.repeat || keys.current.has(e.key)) return;
          keys.current.add(e.key);
          syncKeys();
        }}
        onKeyUp={(e) => {
          if (!isArrowKey(e.key) || !keys.current.delete(e.key)) return;
          syncKeys();
        }}
        onBlur={() => {
          if (keys.current.size === 0) return;
          keys.current.clear();
          release('keys');
        }}
      >
        {PAD_CELLS.map((d, i) =>
          d ? (
            <div key={d} className={`ptz-cell${direction === d ? ' is-active' : ''}`} data-cell={d} aria-hidden="true">
              <Arrow direction={d} />
            </div>
          ) : (
            <div key={`stop-${i}`} className="ptz-cell ptz-cell-stop" aria-hidden="true">
              <span className="ptz-stop-dot" />
            </div>
          ),
        )}
      </div>
      <p id="ptz-pad-hint" className="muted small ptz-pad-hint">
        {t('ptz.pad.hint')}
      </p>
      <p className="ptz-pad-status" role="status" aria-live="polite" data-testid="ptz-jog-status">
        {direction ? t('ptz.pad.driving', { direction: t(`ptz.pad.directions.${direction}`) }) : t('ptz.pad.stopped')}
      </p>
    </div>
  );
}

/** The pan-tilt speed slider, with the protocol's own speed numbers beside it. */
export function SpeedControl({ protocol }: { protocol: 'visca' | 'pelco' }) {
  const { t } = useTranslation();
  const speed = useApp((s) => s.ptz.speed);
  const setSpeed = useApp((s) => s.ptzSetSpeed);
  const native = speedFor(protocol, speed);
  return (
    <Field label={t('ptz.pad.speed')} className="ptz-speed">
      <input
        type="range"
        min={5}
        max={100}
        step={5}
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value))}
        data-testid="ptz-speed"
        aria-valuetext={t('ptz.pad.speedValue', { percent: speed, pan: native.panSpeed, tilt: native.tiltSpeed })}
      />
      <span className="muted small mono">{t('ptz.pad.speedValue', { percent: speed, pan: native.panSpeed, tilt: native.tiltSpeed })}</span>
    </Field>
  );
}
