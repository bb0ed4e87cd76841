// The sync headline in words ("Đã đồng bộ lúc 08:30", "3 thay đổi chờ gửi", …).
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime, localDateOf } from '../../../../shared/text/dates';
import type { SyncHeadline } from '../status';

export function useHeadlineLabel(headline: SyncHeadline, now: number): string {
  const { t } = useTranslation('sync');
  switch (headline.kind) {
    case 'signIn':
      // The visitor's badge says it in the first screen's strings (sync-badge-link.tsx): one wording.
      return t('syncBadge.signIn', { ns: 'common' });
    case 'syncing': {
      const progress = headline.progress;
      if (progress?.stage === 'push') return t('status.pushing', { done: progress.done, total: progress.total });
      if (progress?.stage === 'pull') return t('status.pulling', { count: progress.received });
      return t('status.syncing');
    }
    case 'error':
      return t(`status.${headline.reason}`);
    case 'pending':
      return t('status.pending', { count: headline.count });
    case 'rejected':
      return t('status.rejected', { count: headline.count });
    case 'upToDate':
      return localDateOf(headline.at) === localDateOf(now)
        ? t('status.upToDate', { time: formatTime(headline.at) })
        : t('status.upToDateDay', { time: formatTime(headline.at), date: formatDate(headline.at) });
    case 'never':
      return t('status.never');
  }
}
