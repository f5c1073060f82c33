import type { ReactNode } from 'react';

/** One <option> per value for a <select>, worded by `label` (the value itself without one). */
export function Options<T extends string | number>({ values, label }: { values: readonly T[]; label?: (value: T) => ReactNode }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label ? label(v) : v}
        </option>
      ))}
    </>
  );
}
