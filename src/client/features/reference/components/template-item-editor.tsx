// One task of a template being edited: its Vietnamese and English text, its group, the leading unit
// and the due date, and buttons to move it up or down or remove it. Other fields of the task (the
// kind of due date, the phase, the target, the sources) are kept as they were.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../components/ui/date-input';
import type { TemplateItem } from '../../../../shared/schemas/checklist-template';
import { uuidv7 } from '../../../../shared/sync/ids';

export interface ItemDraft {
  /** The task as the base version had it (or a new one's first values). */
  item: TemplateItem;
  vi: string;
  en: string;
  category: string;
  leadUnit: string;
  /** yyyy-mm-dd, or '' for no date. */
  due: string;
}

/** A task id no version ever had: reports compare tasks across versions by id. */
export const newItemId = (): string => `task-${uuidv7().replaceAll('-', '').slice(-16)}`;

export function draftOf(item: TemplateItem): ItemDraft {
  return { item, vi: item.title.vi, en: item.title.en, category: item.category, leadUnit: item.leadUnit, due: item.due ?? '' };
}

/** The task as the new version holds it; an empty date stays absent when the base had none. */
export function itemOf(draft: ItemDraft): TemplateItem {
  const { due: _due, ...rest } = draft.item;
  const due = draft.due !== '' ? draft.due : draft.item.due === undefined ? undefined : null;
  return { ...rest, title: { vi: draft.vi, en: draft.en }, category: draft.category, leadUnit: draft.leadUnit, ...(due === undefined ? {} : { due }) };
}

interface Props {
  number: number;
  count: number;
  draft: ItemDraft;
  categories: readonly string[];
  categoryLabel: (id: string) => string;
  onChange: (draft: ItemDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function TemplateItemEditor({ number, count, draft, categories, categoryLabel, onChange, onMove, onRemove }: Props): ReactElement {
  const { t } = useTranslation('reference');
  const id = `item-${draft.item.id}`;
  return (
    <fieldset className="card ref-item">
      <legend>{t('templates.itemLegend', { number })}</legend>
      <div className="field ref-wide">
        <label htmlFor={`${id}-vi`}>{t('templates.itemVi')}</label>
        <textarea id={`${id}-vi`} rows={3} value={draft.vi} onChange={(e) => onChange({ ...draft, vi: e.target.value })} />
      </div>
      <div className="field ref-wide">
        <label htmlFor={`${id}-en`}>{t('templates.itemEn')}</label>
        <textarea id={`${id}-en`} rows={2} value={draft.en} onChange={(e) => onChange({ ...draft, en: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t('templates.category')}</label>
        <select id={`${id}-category`} value={draft.category} onChange={(e) => onChange({ ...draft, category: e.target.value })}>
          {categories.map((category) => (
            <option key={category} value={category}>{categoryLabel(category)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-lead`}>{t('templates.leadUnit')}</label>
        <input id={`${id}-lead`} value={draft.leadUnit} onChange={(e) => onChange({ ...draft, leadUnit: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('templates.due')}</label>
        <DateInput id={`${id}-due`} value={draft.due} onChange={(due) => onChange({ ...draft, due })} />
      </div>
      <div className="ref-item-moves ref-wide">
        <button type="button" className="button" disabled={number === 1} onClick={() => onMove(-1)} aria-label={t('templates.moveUp', { number })}>{'↑'}</button>
        <button type="button" className="button" disabled={number === count} onClick={() => onMove(1)} aria-label={t('templates.moveDown', { number })}>{'↓'}</button>
        <button type="button" className="button" onClick={onRemove}>{t('templates.remove', { number })}</button>
      </div>
    </fieldset>
  );
}
