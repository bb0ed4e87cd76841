// Date and time inputs that always read dd/mm/yyyy and 24-hour time, whatever language the phone's
// browser is set to (native pickers show mm/dd/yyyy and AM/PM on many phones: docs/vietnamese.md).
// They are text inputs with a numeric keyboard. The form's value stays in the stored form
// ("yyyy-mm-dd", "HH:mm"); text that is not a real date yet is passed on as typed, so the shared
// schema says "not a valid date" instead of the input silently dropping it.
import { useState, type InputHTMLAttributes, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, isLocalDate } from '../../../shared/text/dates';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

const pad2 = (n: string): string => n.padStart(2, '0');

/** "1/5/2025", "01.05.2025", "01-05-2025" or "01052025" → "2025-05-01"; null when not a real day. */
export function parseDayMonthYear(text: string): string | null {
  const trimmed = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!m) return null;
  const iso = `${m[3]}-${pad2(m[2] ?? '')}-${pad2(m[1] ?? '')}`;
  return isLocalDate(iso) ? iso : null;
}

/** "2025-05-01" → "01/05/2025"; anything else is returned as it is. */
export function toDayMonthYear(value: string): string {
  return isLocalDate(value) ? formatDate(value) : value;
}

/** "8:05", "08:05", "0805", "8h05", "8h" → "08:05"; null when not a time of day. */
export function parseTime24(text: string): string | null {
  const m = /^(\d{1,2})(?:[:h.]?(\d{2}))?h?$/i.exec(text.trim().replace(/\s+/g, ''));
  if (!m) return null;
  const [hours, minutes] = [Number(m[1]), Number(m[2] ?? '0')];
  if (hours > 23 || minutes > 59) return null;
  return `${pad2(String(hours))}:${pad2(String(minutes))}`;
}

// The text shown follows the value when the value changes from outside (a draft restored, a
// "today" button), and keeps what the person is typing otherwise.
function useShownText(value: string, toText: (value: string) => string, parse: (text: string) => string | null): [string, (text: string) => string] {
  const [text, setText] = useState(() => toText(value));
  // Adjusted while rendering (React's pattern for state derived from a changed prop), not in an effect.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if ((parse(text) ?? text.trim()) !== value) setText(toText(value));
  }
  const type = (next: string): string => {
    setText(next);
    return next.trim() === '' ? '' : (parse(next) ?? next.trim());
  };
  return [text, type];
}

/** The text input both share; `kind` picks how its value is read, shown and tidied. */
function ShownTextInput({ kind, value, onChange, className, onBlur, ...rest }: InputProps & { kind: 'date' | 'time'; value: string; onChange: (value: string) => void }): ReactElement {
  const { t } = useTranslation();
  const [toText, parse] = kind === 'date' ? [toDayMonthYear, parseDayMonthYear] : [identity, parseTime24];
  const [text, type] = useShownText(value, toText, parse);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={kind === 'date' ? t('dateInput.datePlaceholder') : t('dateInput.timePlaceholder')}
      className={[`${kind}-input`, className].filter(Boolean).join(' ')}
      value={text}
      onChange={(event) => onChange(type(event.target.value))}
      onBlur={(event) => {
        // Tidy "1/5/2025" to "01/05/2025" (or "8h" to "08:00") once the person moves on.
        if (parse(toText(value)) === value) type(toText(value));
        onBlur?.(event);
      }}
    />
  );
}

export interface DateInputProps extends InputProps {
  /** "yyyy-mm-dd", '' when empty, or text that is not a date yet. */
  value: string;
  onChange: (value: string) => void;
}

/** A day as dd/mm/yyyy. */
export function DateInput(props: DateInputProps): ReactElement {
  return <ShownTextInput kind="date" {...props} />;
}

export interface TimeInputProps extends InputProps {
  /** "HH:mm" (24-hour), '' when empty, or text that is not a time yet. */
  value: string;
  onChange: (value: string) => void;
}

/** A time of day on the 24-hour clock. */
export function TimeInput(props: TimeInputProps): ReactElement {
  return <ShownTextInput kind="time" {...props} />;
}

const identity = (value: string): string => value;
