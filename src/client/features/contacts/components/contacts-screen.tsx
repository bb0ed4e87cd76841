// The support-contact directory (PRODUCT.md job 4), at /contacts/*. Everything here reads and
// writes IndexedDB only, so it works offline; it needs a signed-in user for the commune and the
// author of each change.
import type { ReactElement } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../../components/ui/screen';
import { useSession } from '../../../lib/use-session';
import { ContactDetailScreen } from './contact-detail-screen';
import { ContactFormScreen } from './contact-form-screen';
import { DirectoryScreen } from './directory-screen';
import './contacts.css';

export function ContactsScreen(): ReactElement {
  const { t } = useTranslation('contacts');
  const session = useSession();
  if (session === undefined) {
    return (
      <Screen title={t('title')}>
        <p role="status">{t('loading')}</p>
      </Screen>
    );
  }
  if (session === null) {
    return (
      <div className="contacts-feature">
        <Screen title={t('title')}>
          <div className="notice sign-in-notice">
            <p>{t('signIn.required')}</p>
            <Link className="button primary" to="/sign-in">{t('signIn.link')}</Link>
          </div>
        </Screen>
      </div>
    );
  }
  const user = session.user;
  return (
    <div className="contacts-feature">
      <Routes>
        <Route index element={<DirectoryScreen user={user} />} />
        <Route path="new" element={<ContactFormScreen user={user} />} />
        <Route path=":contactId" element={<ContactDetailScreen user={user} />} />
        <Route path=":contactId/edit" element={<ContactFormScreen user={user} />} />
        <Route path="*" element={<DirectoryScreen user={user} />} />
      </Routes>
    </div>
  );
}
