// The difficulties and proposals of a report as items (docs/reports.md "Difficulties and proposals
// by barrier"). A draft or submission written before the items holds only the free text; one
// written since holds both, the text being the items' lines, so every reader of the text keeps
// working. Reading: the items count while the text is still exactly their lines; otherwise the
// text was written after them (by an app from before the items) and is the newer word, shown as
// one untagged item, as is a text without items.
import { ITEMS_FIELD, reportItemSchema, type ItemSection, type PeriodReportPatch, type ReportItem } from '../schemas/period-report';

/** The text written beside the items: one line per item. */
export const textOfItems = (items: readonly ReportItem[]): string => items.map((item) => item.text).join('\n');

/** A section's items from a record's text and items fields (items unchecked: stored JSON). */
export function sectionItems(text: unknown, items: unknown): ReportItem[] {
  const stored = typeof text === 'string' ? text.trim() : '';
  if (Array.isArray(items)) {
    const checked = items.map((item) => reportItemSchema.safeParse(item));
    if (checked.every((c) => c.success)) {
      const list = checked.map((c) => c.data);
      if (textOfItems(list) === stored) return list;
    }
  }
  return stored === '' ? [] : [{ text: stored, barrier: null }];
}

/** A record's items of one section. */
export function itemsOf(record: Readonly<Record<string, unknown>>, section: ItemSection): ReportItem[] {
  return sectionItems(record[section], record[ITEMS_FIELD[section]]);
}

/** The patch that saves a section's items: the list and its text together, so both stay in step. */
export function itemsPatch(section: ItemSection, items: readonly ReportItem[]): Pick<PeriodReportPatch, ItemSection | (typeof ITEMS_FIELD)[ItemSection]> {
  return { [ITEMS_FIELD[section]]: [...items], [section]: textOfItems(items) };
}
