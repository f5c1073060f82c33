import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

/**
 * A button that acts while held: pointer down (mouse, pen, touch) or Space/Enter down starts,
 * and release, pointer cancel, lost capture, or focus leaving ends. Key repeat is ignored.
 */
export function HoldButton({
  onStart,
  onEnd,
  active,
  disabled,
  label,
  children,
  testId,
}: {
  onStart(): void;
  onEnd(): void;
  active: boolean;
  disabled?: boolean;
  label: string;
  children: ReactNode;
  testId: string;
}) {
  const holding = useRef(false);
  const start = () => {
    if (holding.current || disabled) return;
    holding.current = true;
    onStart();
  };
  const end = () => {
    if (!holding.current) return;
    holding.current = false;
    onEnd();
  };
  const isHoldKey = (e: KeyboardEvent) => e.key === ' ' || e.key === 'Enter';
  return (
    <button
      type="button"
      className={`btn ptz-hold${active ? ' is-active' : ''}`}
      aria-pressed={active}
      aria-label={label}
      aria-disabled={disabled}
      data-testid={testId}
      onPointerDown={(e: PointerEvent<HTMLButtonElement>) => {
        if (e.pointerType === 'mouse' && e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        start();
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onKeyDown={(e) => {
        if (!isHoldKey(e)) return;
        e.preventDefault();
        if (!e.repeat) start();
      }}
      onKeyUp={(e) => {
        if (isHoldKey(e)) end();
      }}
      onBlur={end}
      // A long press on touch screens would open the context menu and cancel the hold.
      onContextMenu={(e) => e.preventDefault()}
    >
      {children}
    </button>
  );
}
