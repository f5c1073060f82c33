import type { ReactNode } from 'react';

/**
 * A caption above one control (and whatever follows it: a datalist, a hint, an error), all inside one
 * <label>, so a click on the caption focuses the control and the caption is its accessible name.
 */
export function Field({ label, className, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <label className={className ? `field ${className}` : 'field'}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}
