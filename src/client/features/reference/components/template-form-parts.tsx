// The parts the new-template screen and the template editor share (docs/reference-data.md
// "Checklist templates"): the template's name in both languages, the task list with its add, move
// and remove buttons, and the check every task must pass before anything is sent. What differs
// (the scope and id of a new template, the version a new one is based on) stays in each screen.
import type { TFunction } from 'i18next';
import type { Dispatch, ReactElement, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../shared/schemas/common';
import { draftOf, newItemId, TemplateItemEditor, type ItemDraft } from './template-item-editor';

/** A task with nothing filled in yet, in the given group. */
export const emptyTask = (category: string): ItemDraft => draftOf({ id: newItemId(), title: { vi: '', en: '' }, category, leadUnit: '' });

/** Why the tasks cannot be published yet (translated), or null when each has its text and leading unit. */
export function taskProblem(items: readonly ItemDraft[], t: TFunction<'reference'>): string | null {
  if (items.length === 0) return t('templates.itemRequired');
  const bad = items.findIndex((draft) => draft.vi.trim() === '' || draft.leadUnit.trim() === '');
  return bad >= 0 ? t('templates.itemError', { number: bad + 1 }) : null;
}

/** The template's name, Vietnamese and English; `idPrefix` keeps each screen's field ids. */
export function TemplateTitleFields({ idPrefix, title, onChange }: { idPrefix: string; title: LocalizedText; onChange: (title: LocalizedText) => void }): ReactElement {
  const { t } = useTranslation('reference');
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-vi`}>{t('templates.titleVi')}</label>
        <textarea id={`${idPrefix}-vi`} rows={2} value={title.vi} onChange={(e) => onChange({ ...title, vi: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-en`}>{t('templates.titleEn')}</label>
        <textarea id={`${idPrefix}-en`} rows={2} value={title.en} onChange={(e) => onChange({ ...title, en: e.target.value })} />
      </div>
    </>
  );
}

/** The tasks in their order, each editable, and the button that adds one in the first group. */
export function TemplateTaskList({ items, setItems, categories }: { items: readonly ItemDraft[]; setItems: Dispatch<SetStateAction<ItemDraft[]>>; categories: readonly string[] }): ReactElement {
  const { t } = useTranslation('reference');
  const { t: tc } = useTranslation('checklists');
  const categoryLabel = (id: string) => tc(`categories.${id}` as 'categories.other', { defaultValue: id });
  const move = (index: number, by: -1 | 1) =>
    setItems((all) => {
      const moved = [...all];
      const [item] = moved.splice(index, 1);
      moved.splice(index + by, 0, item!);
      return moved;
    });
  return (
    <>
      <ol className="ref-list ref-items" aria-label={t('templates.itemsLabel')}>
        {items.map((draft, index) => (
          <li key={draft.item.id}>
            <TemplateItemEditor
              number={index + 1}
              count={items.length}
              draft={draft}
              categories={categories}
              categoryLabel={categoryLabel}
              onChange={(changed) => setItems((all) => all.map((one, i) => (i === index ? changed : one)))}
              onMove={(by) => move(index, by)}
              onRemove={() => setItems((all) => all.filter((_, i) => i !== index))}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={() => setItems((all) => [...all, emptyTask(categories[0]!)])}>{t('templates.addItem')}</button>
    </>
  );
}
