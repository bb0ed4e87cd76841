// A contact as plain text that pastes well into a Zalo chat: one fact per line, the name first,
// numbers as digits (Zalo and the dialler turn them into links), the zalo.me link in full.
import type { Contact } from '../../../../shared/contacts/directory';
import { formatDate } from '../../../../shared/text/dates';
import { zaloLink } from './phone';

export interface ShareLabels {
  role: string | null;
  systems: string[];
  phone: string;
  zalo: string;
  email: string;
  area: string;
  systemsLabel: string;
  verified: (date: string) => string;
}

export function contactShareText(contact: Contact, labels: ShareLabels): string {
  const zalo = zaloLink(contact);
  const lines = [
    contact.name,
    labels.role,
    contact.organization,
    labels.systems.length > 0 ? `${labels.systemsLabel}: ${labels.systems.join(', ')}` : null,
    ...(contact.phones ?? []).map((phone) => `${labels.phone}: ${phone}`),
    zalo && contact.zalo ? `${labels.zalo}: ${zalo.href}` : null,
    contact.email ? `${labels.email}: ${contact.email}` : null,
    contact.area ? `${labels.area}: ${contact.area}` : null,
    contact.lastVerifiedAt ? labels.verified(formatDate(contact.lastVerifiedAt)) : null,
  ];
  return lines.filter((line): line is string => line != null && line !== '').join('\n');
}
