// The labels every item row shows, translated once per list instead of once per row: 52 rows
// × 6 i18next calls were a visible share of opening a checklist on a slow phone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_ITEM_STATUSES, nextStatusOnTap, type ChecklistItemStatus } from '../../../../shared/checklists/status';

export interface RowLabels {
  language: string;
  status: Record<ChecklistItemStatus, string>;
  /** Accessible name of the status button: current status, what a tap sets, long press. */
  cycle: Record<ChecklistItemStatus, string>;
  lead: { commune: string; province: string };
  details: string;
  /** "Chủ trì: <unit>" without an i18next call per row. */
  leadUnit: (unit: string) => string;
  /** "Mốc trong văn bản: <dd/mm/yyyy>" (a template date that is not this checklist's deadline). */
  reference: (date: string) => string;
  /** "Thời hạn: <note>" */
  dueNote: (note: string) => string;
}

// Splits a translated pattern around a marker, so the value is joined in without re-translating.
const MARKER = '\u0001';
function pattern(text: string): (value: string) => string {
  const [before = '', after = ''] = text.split(MARKER);
  return (value) => `${before}${value}${after}`;
}

export function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation('checklists');
  const language = i18n.language;
  return useMemo(() => {
    const status = Object.fromEntries(CHECKLIST_ITEM_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<ChecklistItemStatus, string>;
    const cycle = Object.fromEntries(
      CHECKLIST_ITEM_STATUSES.map((s) => {
        const next = nextStatusOnTap(s);
        return [s, next === null ? t('item.cycleClosed', { status: status[s] }) : t('item.cycle', { status: status[s], next: status[next] })];
      }),
    ) as Record<ChecklistItemStatus, string>;
    return {
      language,
      status,
      cycle,
      lead: { commune: t('lead.commune'), province: t('lead.province') },
      details: t('item.details'),
      leadUnit: pattern(t('lead.unit', { unit: MARKER })),
      reference: pattern(t('due.reference', { date: MARKER })),
      dueNote: pattern(t('due.note', { note: MARKER })),
    };
    // `language` changes `t`'s output without always changing `t` itself.
  }, [t, language]);
}
