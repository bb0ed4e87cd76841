// Names shown for systems and role slots in the current language. Role slots carry their names in
// both languages (src/shared/seed); their "when to call" hints and the system names are
// translated in this feature's namespace.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_SYSTEMS, LEADERS_GROUP, OTHER_GROUP } from '../../../../shared/contacts/directory';
import type { ContactRole } from '../../../../shared/schemas/contact-role';
import { seedContactRoleById } from '../../../../shared/seed';

export interface ContactLabels {
  language: string;
  systemLabels: Readonly<Record<string, string>>;
  systemLabel: (id: string) => string;
  groupLabel: (key: string) => string;
  roleName: (role: ContactRole) => string;
  roleHint: (role: ContactRole) => string;
  /** The slot's name for a contact's roleId, else its free-text role. */
  contactRole: (contact: { roleId?: string | null | undefined; role?: string | null | undefined }) => string | null;
}

export function useContactLabels(): ContactLabels {
  const { t, i18n } = useTranslation('contacts');
  const language = i18n.language;
  return useMemo(() => {
    const systemNames = t('systems', { returnObjects: true }) as Record<string, string>;
    const hints = t('roleHints', { returnObjects: true }) as Record<string, string>;
    const systemLabels = Object.fromEntries(CONTACT_SYSTEMS.map((id) => [id, systemNames[id] ?? id]));
    const systemLabel = (id: string) => systemNames[id] ?? id;
    const roleName = (role: ContactRole) => (language === 'en' && role.role.en !== '' ? role.role.en : role.role.vi);
    return {
      language,
      systemLabels,
      systemLabel,
      groupLabel: (key: string) => (key === OTHER_GROUP ? t('otherGroup') : key === LEADERS_GROUP ? t('leadersGroup') : systemLabel(key)),
      roleName,
      // A slot added to the seed before its translation still says when to call, in English.
      roleHint: (role: ContactRole) => hints[role.id] ?? role.whenToCall,
      contactRole: (contact: { roleId?: string | null | undefined; role?: string | null | undefined }) => {
        const slot = contact.roleId ? seedContactRoleById(contact.roleId) : undefined;
        return contact.role ?? (slot ? roleName(slot) : null);
      },
    };
  }, [t, language]);
}
