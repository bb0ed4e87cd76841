// Translated labels for checklist data: statuses, scopes, categories, template text in the UI
// language, and the reason a repository refused something.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type checklistsVi from '../../../../../locales/vi/checklists.json';
import { NotSignedInError } from '../../../data/session-repository';
import { ChecklistError } from '../../../../shared/checklists/errors';
import { RecordNotFoundError, PermissionError, ValidationError } from '../../../data/errors';
import type { LocalizedText } from '../../../../shared/schemas/common';
import { formatDate, daysBetween, type LocalDate } from '../../../../shared/text/dates';
import { log } from '../../../lib/log';

type CategoryKey = keyof typeof checklistsVi.categories;
const isCategoryKey = (id: string, categories: object): id is CategoryKey => Object.hasOwn(categories, id);

export interface DueText {
  /** "Hạn 21/06/2025" */
  date: string;
  /** "3 ngày quá hạn", "Đến hạn hôm nay", "Còn 2 ngày", or null when not due soon. */
  relative: string | null;
}

/** Template text in the UI language; an empty English text falls back to Vietnamese. */
export function localizedText(text: LocalizedText, language: string): string {
  return language === 'en' && text.en.trim() !== '' ? text.en : text.vi;
}

/** A deadline as shown: the date, and how late or how soon ("3 ngày quá hạn", "Còn 2 ngày"). */
export function dueText(t: TFunction<'checklists'>, dueDate: LocalDate, today: LocalDate, overdue: boolean): DueText {
  const days = daysBetween(today, dueDate);
  const relative = overdue
    ? t(-days === 1 ? 'due.overdueOne' : 'due.overdueMany', { count: -days })
    : days === 0
      ? t('due.today')
      : days > 0 && days <= 7
        ? t(days === 1 ? 'due.soonOne' : 'due.soonMany', { count: days })
        : null;
  return { date: t('due.date', { date: formatDate(dueDate) }), relative };
}

export function useLabels() {
  const { t, i18n } = useTranslation('checklists');
  const { t: tc } = useTranslation();
  const language = i18n.language;
  const categories = t('categories', { returnObjects: true });

  const localized = useCallback((text: LocalizedText) => localizedText(text, language), [language]);

  const category = useCallback(
    (id: string) => (isCategoryKey(id, categories) ? t(`categories.${id}`) : id),
    [categories, t],
  );

  const due = useCallback((dueDate: LocalDate, today: LocalDate, overdue: boolean) => dueText(t, dueDate, today, overdue), [t]);

  const errorMessage = useCallback(
    (error: unknown): string => {
      if (error instanceof ChecklistError) return t(`errors.${error.code}`);
      if (error instanceof PermissionError) return t('errors.forbidden');
      if (error instanceof RecordNotFoundError) return t('errors.notFound');
      if (error instanceof NotSignedInError) return tc('errors.notSignedIn');
      if (error instanceof ValidationError) {
        return error.issues.map((issue) => t('errors.field', { field: issue.path, message: tc(issue.key) })).join(' ');
      }
      log.error('checklist action failed', error);
      return t('errors.unknown');
    },
    [t, tc],
  );

  /** Validation problems by form field ("dueDate"; see fieldErrorsOf), translated, for messages beside each input. */
  const fieldErrors = useCallback(
    (error: unknown): Record<string, string> =>
      error instanceof ValidationError ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, tc(key!)])) : {},
    [tc],
  );

  return useMemo(
    () => ({ t, language, localized, category, due, errorMessage, fieldErrors }),
    [t, language, localized, category, due, errorMessage, fieldErrors],
  );
}
