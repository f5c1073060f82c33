import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list of values as removable chips plus a text box with suggestions: Enter
 * or the Add button adds what was typed; Backspace in an empty box removes the
 * last chip.
 */
export function ChipInput(props: {
  label: string;
  placeholder: string;
  values: string[];
  suggestions: string[];
  onChange(values: string[]): void;
  testId: string;
  max: number;
  /** The box got focus (load suggestions lazily). */
  onFocus?: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const id = useId();
  const add = () => {
    const v = draft.trim();
    if (v && !props.values.includes(v) && props.values.length < props.max) props.onChange([...props.values, v]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && props.values.length) {
      props.onChange(props.values.slice(0, -1));
    }
  };
  return (
    <div className="field" data-testid={props.testId}>
      <label className="field-label" htmlFor={`${id}-input`}>
        {props.label}
      </label>
      <div className="chip-input">
        {props.values.map((v) => (
          <span className="chip" key={v} data-value={v}>
            <span>{v}</span>
            <button type="button" onClick={() => props.onChange(props.values.filter((x) => x !== v))} aria-label={t('alarms.filters.remove', { value: v })}>
              ×
            </button>
          </span>
        ))}
        <input
          id={`${id}-input`}
          className="input"
          type="text"
          list={`${id}-list`}
          value={draft}
          placeholder={props.placeholder}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKey}
          onBlur={() => draft.trim() && add()}
          onFocus={props.onFocus}
          maxLength={200}
        />
        <datalist id={`${id}-list`}>
          {props.suggestions.slice(0, 500).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
    </div>
  );
}
