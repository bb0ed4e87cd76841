// The suggestions offered under a part of the report, drawn from the period's data (docs/reports.md
// "Period reports"): "Thêm vào" accepts one as worded, "Sửa rồi thêm" lets the leader reword it
// first, "Bỏ qua" drops it. The part decides what accepting does (append to its text, add an
// item); a suggestion handled is then not offered again.
import { useState, type ReactElement } from 'react';
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
  suggestions: readonly Suggestion[];
  /** Records a suggestion as handled: `text` (as worded or reworded) when accepted, null when dropped. */
  onHandle: (s: Suggestion, text: string | null) => Promise<void>;
  /** The longest text the part takes. */
  maxLength: number;
  /** No room for another: accepting and rewording are off, dropping is not. */
  full?: boolean;
}

export function SuggestionList({ suggestions, onHandle, maxLength, full = false }: Props): ReactElement | null {
  const { t } = useTranslation('periodReport');
  const [editing, setEditing] = useState<{ key: string; text: string } | null>(null);
  if (suggestions.length === 0) return null;
  // A refusal is shown by the part (its own error line); the reworded text stays open to retry.
  const handle = (s: Suggestion, text: string | null) => void onHandle(s, text).then(() => setEditing(null), () => undefined);
  return (
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
                    <textarea rows={3} maxLength={maxLength} value={editing.text} onChange={(e) => setEditing({ key: s.key, text: e.target.value })} />
                  </label>
                  <div className="button-row">
                    <button type="button" className="button primary" disabled={editing.text.trim() === ''} onClick={() => handle(s, editing.text.trim())}>{t('editor.addEdited')}</button>
                  </div>
                </>
              ) : (
                <>
                  <p>{text}</p>
                  <div className="button-row">
                    <button type="button" className="button" disabled={full} onClick={() => handle(s, text)}>{t('editor.accept')}</button>
                    <button type="button" className="button" disabled={full} onClick={() => setEditing({ key: s.key, text })}>{t('editor.edit')}</button>
                    <button type="button" className="button" onClick={() => handle(s, null)}>{t('editor.drop')}</button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
