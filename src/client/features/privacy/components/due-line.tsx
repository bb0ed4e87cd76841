// A request's next deadline in words (docs/privacy.md "Requests register"), shared by the register's
// list and a request's page.
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Urgency } from '../../../../shared/privacy/rights-deadlines';
import { formatDate } from '../../../../shared/text/dates';

/** The next deadline in words, and how far it is: overdue and due soon stand out in colour and in words. */
export function DueLine({ urgency }: { urgency: Urgency }): ReactElement | null {
  const { t } = useTranslation('privacy');
  if (urgency.state === 'closed') return null;
  const when = urgency.daysLeft < 0 ? t('requests.due.overdue', { count: -urgency.daysLeft }) : urgency.daysLeft === 0 ? t('requests.due.today') : t('requests.due.left', { count: urgency.daysLeft });
  return <p className={`request-due due-${urgency.state}`}>{`${t(`requests.due.${urgency.step}`, { date: formatDate(urgency.dueOn) })} · ${when}`}</p>;
}
