// "Changes not accepted": each refused change with the record it concerns, when it was made, why
// the server refused it (translated: a validation key, a sync message key or a rejection code)
// and what it contained, so the user can enter it again. Dismissed one by one, after reading.
import { Fragment, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { dismissRejectedChange, listRejectedChanges, type RejectedChange } from '../../../data/rejected-change-repository';
import { formatDateTime } from '../../../../shared/text/dates';
import { log } from '../../../lib/log';
import { useMemberNames } from '../../../hooks/use-people';

/** Fields the server sets itself: not what the user changed. */
const META = new Set(['communeId', 'createdBy', 'createdAt', 'updatedAt', 'provinceId']);
const SUMMARY_FIELDS = ['name', 'title', 'note', 'itemId', 'serviceId', 'assignee', 'comment'];

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value as text, with every account id it holds (a signer, who recorded a consent) replaced by the person's name. */
function display(value: unknown, names: ReadonlyMap<string, string> | undefined): string {
  let text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  for (const [id, name] of names ?? []) text = text.replaceAll(id, name);
  return shorten(text, 200);
}

export function RejectedChanges(): ReactElement | null {
  const { t } = useTranslation('sync');
  const changes = useLiveQuery(listRejectedChanges, []);
  if (!changes || changes.length === 0) return null;
  return (
    <section aria-labelledby="rejected-title" data-testid="rejected-changes">
      <h3 id="rejected-title">{t('rejected.title')}</h3>
      <p className="hint">{t('rejected.intro')}</p>
      <ul className="rejected-list">
        {changes.map((change) => (
          <RejectedItem key={change.id} change={change} />
        ))}
      </ul>
    </section>
  );
}

function RejectedItem({ change }: { change: RejectedChange }): ReactElement {
  // 'handover' too: a relayed change's refusals are the hand-over's words (reasonText).
  const { t, i18n } = useTranslation(['sync', 'handover']);
  const names = useMemberNames();
  const summaryField = SUMMARY_FIELDS.find((field) => typeof change.fields[field] === 'string' && change.fields[field] !== '');
  const summary = summaryField
    ? shorten(change.fields[summaryField] as string)
    : change.fields.deleted === true
      ? t('rejected.deleted')
      : change.fields.deleted === false && Object.keys(change.fields).length <= 2
        ? t('rejected.restored')
        : t('rejected.noSummary', { id: change.recordId.slice(0, 8) });
  const fields = Object.entries(change.fields).filter(([field]) => !META.has(field));
  return (
    <li className="rejected-item">
      <h4>{t('rejected.record', { table: t(`table.${change.table}`), summary })}</h4>
      <p className="rejected-reason">{t('rejected.reason', { reason: reasonText(change, i18n.exists.bind(i18n), t) })}</p>
      <p className="hint">{t('rejected.madeAt', { when: formatDateTime(change.createdAt) })}</p>
      {fields.length > 0 && (
        <details>
          <summary>{t('rejected.fields')}</summary>
          <dl>
            {fields.map(([field, value]) => (
              <Fragment key={field}>
                <dt>{field}</dt>
                <dd>{display(value, names)}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      )}
      <button
        type="button"
        className="button"
        aria-label={t('rejected.dismissLabel', { summary })}
        onClick={() => void dismissRejectedChange(change.id).catch((error: unknown) => log.error('dismiss failed', error))}
      >
        {t('rejected.dismiss')}
      </button>
    </li>
  );
}

const HAND_OVER_REFUSALS = ['sync.relay', 'sync.followUp'];

type Translate = ReturnType<typeof useTranslation<['sync', 'handover']>>['t'];

/**
 * validation.* keys are in `common`, sync.* server messages in this namespace, else the code. The
 * refusals of a change handed over from a colleague's phone (sync.relay*) or of a follow-up handed
 * to someone who may not take it (sync.followUpNotColleague), docs/field-aids.md §2, are in the
 * hand-over's lazy namespace, so the first screen's `sync` strings do not carry them.
 */
function reasonText(change: RejectedChange, exists: (key: string) => boolean, t: Translate): string {
  const { message, code } = change;
  if (message.startsWith('validation.') && exists(`common:${message}`)) return t(`common:${message}` as never);
  if (HAND_OVER_REFUSALS.some((prefix) => message.startsWith(prefix)) && exists(`handover:refused.${message.slice(5)}`)) return t(`handover:refused.${message.slice(5)}` as never);
  if (message.startsWith('sync.') && exists(`sync:message.${message.slice(5)}`)) return t(`message.${message.slice(5)}` as never);
  return exists(`sync:rejection.${code}`) ? t(`rejection.${code}` as never) : t('rejection.unknown');
}
