// The summary's data, live from IndexedDB (recomputed when a log or checklist changes, here or by
// sync), its document in the UI language, and the PNG card drawn from that document.
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { loadSummary, prepareSummary, type SummaryData } from '../../../data/summary-repository';
import { log } from '../../../lib/log';
import { summaryText, type SummaryDoc, type SummaryScope } from '../../../../shared/reports/summary';
import { startOfLocalDate, type LocalDate, type LocalDateRange } from '../../../../shared/text/dates';
import { buildSummaryDoc } from '../utils/summary-doc';
import { drawSummaryCard } from '../utils/summary-card';

export type SummaryState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; doc: SummaryDoc; text: string };

/** `today`: the day the summary is made on (its footer, overdue follow-ups, checklist deadlines). */
export function useSummary(range: LocalDateRange, scope: SummaryScope, today: LocalDate): SummaryState {
  const { t, i18n } = useTranslation(['summary', 'reports']);
  useEffect(() => {
    prepareSummary().catch((error: unknown) => log.warn('summary reference seed failed', error));
  }, []);
  const data = useLiveQuery(
    async (): Promise<SummaryData | 'failed'> => {
      try {
        return await loadSummary(range, scope, startOfLocalDate(today).getTime());
      } catch (error) {
        log.error('summary query failed', error instanceof Error ? error.message : error);
        return 'failed';
      }
    },
    [range.start, range.end, scope, today],
  );
  return useMemo((): SummaryState => {
    if (data === undefined) return { status: 'loading' };
    if (data === 'failed') return { status: 'failed' };
    const doc = buildSummaryDoc(data, t, i18n.language, today);
    return { status: 'ready', doc, text: summaryText(doc) };
  }, [data, t, i18n.language, today]);
}

/** A Blob as a data: URL (the app's CSP allows data: images, not blob: ones). */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('no data URL')));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The card of a document as a PNG file and a data: URL to preview it, redrawn when the document
 * changes; null while drawing.
 */
export function useSummaryCard(doc: SummaryDoc | null, name: string): { file: File; url: string } | null {
  const [card, setCard] = useState<{ doc: SummaryDoc; file: File; url: string } | null>(null);
  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    drawSummaryCard(doc)
      .then(async (blob) => {
        const file = new File([blob], name, { type: 'image/png' });
        const url = await dataUrlOf(file);
        if (!cancelled) setCard({ doc, file, url });
      })
      .catch((error: unknown) => log.error('summary card not drawn', error instanceof Error ? error.message : error));
    return () => {
      cancelled = true;
    };
  }, [doc, name]);
  return card && card.doc === doc ? { file: card.file, url: card.url } : null;
}
