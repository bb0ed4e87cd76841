// A search box with one clear button. The browser's own clear cross of <input type="search"> is
// hidden (fields.css): it is 12 px wide, missing on some phones, and beside our button it made
// two ways to do one thing. The input keeps type="search" for the phone's search key and the
// searchbox role; the 48 px clear button (×, named "Xóa tìm kiếm") appears once something is typed and puts focus back.
import { useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import './fields.css';

export interface SearchFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The accessible name; shown above the box unless `hideLabel`. */
  label: string;
  hideLabel?: boolean;
  placeholder?: string;
  describedBy?: string;
  className?: string;
}

export function SearchField({ id, value, onChange, label, hideLabel = false, placeholder, describedBy, className }: SearchFieldProps): ReactElement {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={className ? `search-field ${className}` : 'search-field'}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'search-field-label'}>{label}</label>
      <div className="search-field-row">
        <input
          ref={input}
          id={id}
          type="search"
          className="search-input"
          value={value}
          autoComplete="off"
          enterKeyHint="search"
          placeholder={placeholder}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
        {value !== '' ? (
          <button
            type="button"
            className="button search-clear"
            aria-label={t('search.clear')}
            title={t('search.clear')}
            onClick={() => {
              onChange('');
              input.current?.focus();
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}
