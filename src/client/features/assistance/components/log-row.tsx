// One row of the log list, as tall as what it shows (the list is windowed, so each height is
// computed here from the log, never measured): the link shows the kind of help, then when, the
// outcome and the village; a third line names the citizen, beside their phone (masked until
// tapped, a 48 px button) when there is one. A log without a citizen is two lines — no space kept
// for details it does not have. Rows enter and leave the DOM on every scroll step, so a row is as
// cheap as it can be made: no box of its own (the list's row holds the link and the phone line),
// plain blocks (no flex but the rare phone line), its words handed in by
// the list (no translation hook per row), its date and time one text (React then sets the
// element's text, with no node of its own for each part), and its link a plain anchor that the list opens in the
// app (log-list-screen.tsx), not a router Link and its hooks per row (docs/performance.md
// "Scrolling the log list").
import type { ReactElement } from 'react';
import type { LogListItem } from '../../../data/assistance-list';
import { formatDate, formatTime } from '../../../../shared/text/dates';
import { MaskedPhone } from './masked-phone';

/** Heights in px, matching assistance.css (.log-row-*): title and meta lines with their padding, and the row's 1 px rule. */
const LINK_PX = 9 + 22 + 20 + 9 + 1;
/** The citizen's name inside the link. */
const NAME_PX = 20;
/** The line holding the citizen's name and the phone button (a 48 px touch target). */
const PHONE_LINE_PX = 48;

/** The row's height from its content; stable, so the list computes offsets once per page. */
export function logRowHeight(log: LogListItem): number {
  if (log.citizen?.phone) return LINK_PX + PHONE_LINE_PX;
  return log.citizen?.name ? LINK_PX + NAME_PX : LINK_PX;
}

/** `service`, `outcome` and `village`: the log's kind of help, outcome and village in words. */
export function LogRow({ log, service, outcome, village }: { log: LogListItem; service: string; outcome: string; village: string | null }): ReactElement {
  const name = log.citizen?.name;
  const phone = log.citizen?.phone;
  return (
    <>
      <a href={`/assistance/logs/${log.id}`} className="log-row-link">
        <span className="log-row-title">{service}</span>
        <span className="log-row-meta">
          <time dateTime={log.occurredAt}>{`${formatDate(log.occurredAt)} ${formatTime(log.occurredAt)}`}</time>
          {' · '}
          <span className={`outcome-tag outcome-${log.outcome}`}>{outcome}</span>
          {village && ` · ${village}`}
        </span>
        {!phone && name && <span className="log-row-citizen">{name}</span>}
      </a>
      {phone && (
        <div className="log-row-foot">
          <span className="log-row-citizen">{name}</span>
          <MaskedPhone phone={phone} />
        </div>
      )}
    </>
  );
}
