// The province's indicators against a commune's targets (docs/reports.md "Indicators against
// targets"), one row each: the name, the value and the target, and a clear Đạt / Chưa đạt /
// Chưa có số liệu — in words, not by colour alone. Shown by the period report, the dashboard and
// the province's compiled view; where `onEnter` is given, a hand-entered indicator's value can be
// typed in (saved on the phone when the field is left, offline).
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { amountText, targetStatus, type TargetRow } from '../../../shared/reports/targets';
import './target-list.css';

interface Props {
  rows: readonly TargetRow[];
  /** Saves a leader's value of a hand-entered indicator (null: cleared); absent: read-only. */
  onEnter?: (indicatorId: string, value: number | null) => Promise<void>;
}

export function TargetList({ rows, onEnter }: Props): ReactElement {
  const { t } = useTranslation('periodReport');
  if (rows.length === 0) return <p className="hint">{t('targets.none')}</p>;
  return (
    <ul className="target-list" data-testid="target-rows">
      {rows.map((row) => (
        <li key={row.id} data-indicator={row.id}>
          <p className="target-name">{row.name}</p>
          <p>
            {t('targets.value')}: {row.value === null ? '—' : amountText(row.value, row.unit)}
            {row.of !== undefined && row.value !== null ? ` ${t('targets.of', { count: row.of })}` : ''} · {t('targets.target')}: {amountText(row.target, row.unit)}
          </p>
          <p className={`target-status target-${targetStatus(row)}`}>{t(`targets.${targetStatus(row)}`)}</p>
          {onEnter && row.source === 'manual' && <ValueField row={row} onEnter={onEnter} />}
        </li>
      ))}
    </ul>
  );
}

/** "82,5" or "82.5" → 82.5; empty → null (cleared); NaN for anything else (the data layer refuses it). */
const parse = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')));

function ValueField({ row, onEnter }: { row: TargetRow; onEnter: NonNullable<Props['onEnter']> }): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const [invalid, setInvalid] = useState(false);
  const current = row.value === null ? '' : String(row.value).replace('.', ',');
  const save = async (text: string) => {
    const value = parse(text);
    if (value === row.value) return;
    try {
      await onEnter(row.id, value);
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <div className="target-field">
      <label htmlFor={id}>{t('targets.enter', { unit: row.unit })}</label>
      <input
        key={current}
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={current}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onBlur={(e) => void save(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      {invalid && <p id={`${id}-error`} className="field-error">{t('targets.invalid')}</p>}
    </div>
  );
}
