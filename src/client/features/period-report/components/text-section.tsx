// One free-text part of the report (next period's plan, notes, recipients) with the suggestions
// drawn from the period's data (the difficulties and proposals are item lists, item-section.tsx): "Thêm vào" appends the suggestion, "Sửa rồi thêm" lets
// the leader reword it first, "Bỏ qua" drops it; each is then not offered again. The text is
// saved on leaving the field, and only when it changed, so another leader's edits to other parts
// of the draft are kept by the merge.
import { useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Suggestion } from '../../../../shared/reports/suggestions';

export function suggestionText(s: Suggestion, t: TFunction<'periodReport'>): string {
  switch (s.kind) {
    case 'barrier':
      return t('suggest.barrier', { count: s.count, barrier: t(`barrier.${s.barrier}`) });
    case 'barrierProposal':
      return t(`suggest.barrierProposal.${s.barrier}`);
    case 'blocked':
      return s.reason ? t('suggest.blockedReason', { item: s.item, reason: s.reason }) : t('suggest.blocked', { item: s.item });
    case 'unblock':
      return t('suggest.unblock', { item: s.item });
    case 'followUps':
    case 'overdue':
      return t(`suggest.${s.kind}`, { count: s.count });
  }
}

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
  const { t } = useTranslation('periodReport');
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [editing, setEditing] = useState<{ key: string; text: string } | null>(null);
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
        maxLength={8000}
        onBlur={(e) => {
          if (e.target.value !== value) void onSave(e.target.value);
        }}
      />
      {onSuggestion && suggestions.length > 0 && (
        <div className="pr-suggestions">
          <p className="pr-label">{t('editor.suggestions')}</p>
          <ul>
            {suggestions.map((s) => {
              const text = suggestionText(s, t);
              return (
                <li key={s.key} data-suggestion={s.key}>
                  {editing?.key === s.key ? (
                    <>
                      <label className="pr-field">
                        {t('editor.editSuggestion')}
                        <textarea rows={3} value={editing.text} onChange={(e) => setEditing({ key: s.key, text: e.target.value })} />
                      </label>
                      <div className="button-row">
                        <button type="button" className="button primary" onClick={() => void onSuggestion(s.key, editing.text, current()).then(() => setEditing(null))}>{t('editor.addEdited')}</button>
                      </div>
                    </>
                  ) : (
                    <>
                      <p>{text}</p>
                      <div className="button-row">
                        <button type="button" className="button" onClick={() => void onSuggestion(s.key, text, current())}>{t('editor.accept')}</button>
                        <button type="button" className="button" onClick={() => setEditing({ key: s.key, text })}>{t('editor.edit')}</button>
                        <button type="button" className="button" onClick={() => void onSuggestion(s.key, null, current())}>{t('editor.drop')}</button>
                      </div>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
