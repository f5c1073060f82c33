import { useEffect, useState } from 'react';

/**
 * A table-cell text field that sends its value when the technician leaves it
 * or presses Enter (every draft change is one call to the core).
 */
export function CellInput({ value, label, onCommit, disabled, testId, placeholder }: {
  value: string;
  label: string;
  onCommit: (v: string) => void;
  disabled?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return (
    <input
      className="input su-cell"
      aria-label={label}
      data-testid={testId}
      value={text}
      disabled={disabled}
      placeholder={placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(value);
      }}
    />
  );
}
