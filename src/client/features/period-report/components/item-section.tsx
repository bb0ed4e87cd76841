// The difficulties or the proposals of a report as a list of short items, each with the barrier it
// is about or none ("Khác"), so the province can group them by barrier (docs/reports.md
// "Difficulties and proposals by barrier"). "Thêm vào" on a suggestion adds an item tagged with its
// barrier, "Sửa rồi thêm" lets the leader reword it first, "Bỏ qua" drops it; "Thêm ý" adds a free
// item. The list is saved whole (one field) on leaving a text, choosing a barrier or removing an
// item, and only when it changed; an empty new item is not saved until it has words.
import { useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { BARRIERS, type Barrier } from '../../../../shared/schemas/assistance-log';
import { REPORT_ITEM_TEXT_MAX, REPORT_ITEMS_MAX, type ReportItem } from '../../../../shared/schemas/period-report';
import type { Suggestion } from '../../../../shared/reports/suggestions';
import { barrierGroupLabel } from '../utils/compiled-document';
import { SuggestionList } from './suggestion-list';

interface Props {
  label: string;
  /** The items as stored (shared/reports/report-items.ts `itemsOf`). */
  items: readonly ReportItem[];
  suggestions: readonly Suggestion[];
  onSave: (items: ReportItem[]) => Promise<void>;
  /** Records a suggestion as handled; `item` is added to `current` when it was accepted. */
  onSuggestion: (key: string, item: ReportItem | null, current: ReportItem[]) => Promise<void>;
  testId: string;
}

const filled = (rows: readonly ReportItem[]): ReportItem[] => rows.filter((row) => row.text.trim() !== '').map((row) => ({ text: row.text.trim(), barrier: row.barrier }));
const same = (a: readonly ReportItem[], b: readonly ReportItem[]): boolean => JSON.stringify(a) === JSON.stringify(b);
/** The barrier an accepted suggestion is about; a blocked checklist item's is none. */
const barrierOf = (s: Suggestion): Barrier | null => ('barrier' in s ? s.barrier : null);

export function ItemSection(props: Props): ReactElement {
  // Keyed on the stored list: a change synced from another leader replaces the items shown.
  return <ItemList key={JSON.stringify(props.items)} {...props} />;
}

function ItemList({ label, items, suggestions, onSave, onSuggestion, testId }: Props): ReactElement {
  const { t } = useTranslation('periodReport');
  const id = useId();
  const [rows, setRows] = useState<ReportItem[]>(() => [...items]);
  const [failed, setFailed] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const save = (next: ReportItem[]) => {
    setRows(next);
    const clean = filled(next);
    if (same(clean, items)) return;
    onSave(clean).then(() => setFailed(false), () => setFailed(true));
  };
  const suggest = (s: Suggestion, text: string | null): Promise<void> =>
    onSuggestion(s.key, text === null ? null : { text, barrier: barrierOf(s) }, filled(rows)).then(
      () => setFailed(false),
      (error: unknown) => {
        setFailed(true);
        throw error;
      },
    );
  const add = () => {
    setRows([...rows, { text: '', barrier: null }]);
    // Focus the new item's text once it is drawn.
    requestAnimationFrame(() => list.current?.querySelector<HTMLTextAreaElement>('li:last-child textarea')?.focus());
  };
  const full = rows.length >= REPORT_ITEMS_MAX;
  return (
    <section className="pr-text card" data-testid={testId} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="pr-label">{label}</h2>
      {rows.length === 0 && <p className="hint">{t('editor.itemsEmpty')}</p>}
      <ol className="pr-items" ref={list}>
        {rows.map((row, i) => (
          <li key={i} data-item={i}>
            <label htmlFor={`${id}-text-${i}`} className="pr-label">{t('editor.item', { n: i + 1 })}</label>
            <textarea
              id={`${id}-text-${i}`}
              rows={2}
              maxLength={REPORT_ITEM_TEXT_MAX}
              value={row.text}
              onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, text: e.target.value } : r)))}
              onBlur={() => save(rows)}
            />
            <label htmlFor={`${id}-barrier-${i}`} className="pr-label">{t('editor.itemBarrier', { n: i + 1 })}</label>
            <select id={`${id}-barrier-${i}`} className="pr-select" value={row.barrier ?? ''} onChange={(e) => save(rows.map((r, j) => (j === i ? { ...r, barrier: (e.target.value || null) as Barrier | null } : r)))}>
              <BarrierOptions t={t} />
            </select>
            <button type="button" className="button" onClick={() => save(rows.filter((_, j) => j !== i))}>{t('editor.removeItem', { n: i + 1 })}</button>
          </li>
        ))}
      </ol>
      {failed && <p role="alert" className="field-error">{t('editor.itemsError')}</p>}
      {full ? <p className="hint">{t('editor.itemsFull', { max: REPORT_ITEMS_MAX })}</p> : <button type="button" className="button" onClick={add}>{t('editor.addItem')}</button>}
      <SuggestionList suggestions={suggestions} maxLength={REPORT_ITEM_TEXT_MAX} full={full} onHandle={suggest} />
    </section>
  );
}

function BarrierOptions({ t }: { t: TFunction<'periodReport'> }): ReactElement {
  return (
    <>
      <option value="">{t('editor.itemNoBarrier')}</option>
      {BARRIERS.map((barrier) => <option key={barrier} value={barrier}>{barrierGroupLabel(barrier, t)}</option>)}
    </>
  );
}
