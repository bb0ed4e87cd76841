// A code or an identifier typed by hand, with the hint that says what it is (the hand-over code, a
// commune's permanent id): not words, so no autocomplete, capitals or spell check unless asked,
// and the hint is read with the field (aria-describedby).
import type { ReactElement } from 'react';

export interface CodeFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  /** "characters" for a code printed in capitals; an id is lower case. */
  autoCapitalize?: 'none' | 'characters';
  className?: string;
}

export function CodeField({ id, label, hint, value, onChange, autoCapitalize = 'none', className }: CodeFieldProps): ReactElement {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={className}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        autoCapitalize={autoCapitalize}
        spellCheck={false}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">{hint}</p>
    </div>
  );
}
