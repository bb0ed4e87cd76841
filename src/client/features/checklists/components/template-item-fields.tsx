// One item of a template being published: Vietnamese and English title, due date.
import { useId, type ReactElement } from 'react';
import { useLabels } from '../hooks/use-labels';
import { DateInput } from '../../../components/ui/date-input';

export interface ItemDraft {
  vi: string;
  en: string;
  /** yyyy-mm-dd, or '' for no date. */
  due: string;
}

export function TemplateItemFields({ number, itemId, draft, onChange }: { number: number; itemId: string; draft: ItemDraft; onChange: (draft: ItemDraft) => void }): ReactElement {
  const { t } = useLabels();
  const id = useId();
  return (
    <fieldset className="card template-item">
      <legend>{t('templates.itemLegend', { number, id: itemId })}</legend>
      <div className="field">
        <label htmlFor={`${id}-vi`}>{t('templates.itemVi')}</label>
        <textarea id={`${id}-vi`} rows={3} value={draft.vi} onChange={(e) => onChange({ ...draft, vi: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-en`}>{t('templates.itemEn')}</label>
        <textarea id={`${id}-en`} rows={2} value={draft.en} onChange={(e) => onChange({ ...draft, en: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('templates.itemDue')}</label>
        <DateInput id={`${id}-due`} value={draft.due} onChange={(due) => onChange({ ...draft, due })} />
      </div>
    </fieldset>
  );
}
