// One free-text part of the report (the next period's plan, the notes on the figures) with the
// suggestions drawn from the period's data (suggestion-list.tsx; the difficulties and proposals
// are item lists, item-section.tsx). The text is saved on leaving the field, and only when it
// changed, so another leader's edits to other parts of the draft are kept by the merge.
import { useId, useRef, type ReactElement } from 'react';
import type { Suggestion } from '../../../../shared/reports/suggestions';
import { REPORT_TEXT_MAX } from '../../../../shared/schemas/period-report';
import { SuggestionList } from './suggestion-list';

interface Props {
  label: string;
  value: string;
  rows?: number;
  suggestions?: readonly Suggestion[];
  onSave: (text: string) => Promise<void>;
  /** Records a suggestion as handled; `text` is appended when it was accepted. */
  onSuggestion?: (key: string, text: string | null, current: string) => Promise<void>;
  testId: string;
}

export function TextSection({ label, value, rows = 5, suggestions = [], onSave, onSuggestion, testId }: Props): ReactElement {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const current = () => area.current?.value ?? value;
  return (
    <div className="pr-text card" data-testid={testId}>
      <label htmlFor={`${id}-text`} className="pr-label">{label}</label>
      {/* Keyed on the stored value: a change synced from another leader replaces the text shown. */}
      <textarea
        key={value}
        id={`${id}-text`}
        ref={area}
        rows={rows}
        defaultValue={value}
        maxLength={REPORT_TEXT_MAX}
        onBlur={(e) => {
          if (e.target.value !== value) void onSave(e.target.value);
        }}
      />
      {onSuggestion && <SuggestionList suggestions={suggestions} maxLength={REPORT_TEXT_MAX} onHandle={(sg, text) => onSuggestion(sg.key, text, current())} />}
    </div>
  );
}
