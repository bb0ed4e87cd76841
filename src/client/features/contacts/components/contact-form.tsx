// The add / edit form. Validation is the shared schema's (src/shared/schemas/contact.ts); messages
// are translated from its keys. Nothing is written until the whole form is valid.
import { useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { typedNumbers } from '../../../../shared/contacts/duplicates';
import type { SessionUser } from '../../../data/session-repository';
import { seedContactRoleById, seedContactRolesFor } from '../../../../shared/seed';
import { todayLocal } from '../../../../shared/text/dates';
import { findSensitiveText } from '../../../../shared/text/privacy-guard';
import { useContactForm } from '../hooks/use-contact-form';
import { useContactLabels } from '../hooks/use-contact-labels';
import { useDuplicatePhones } from '../hooks/use-contacts';
import type { ContactFormValues } from '../utils/form-values';
import { PhoneFields } from './phone-fields';
import { SystemsFieldset } from './systems-fieldset';
import { TextField } from './text-field';

export interface ContactFormProps {
  user: SessionUser;
  contactId: string | undefined;
  base: ContactFormValues;
}

export function ContactForm({ user, contactId, base }: ContactFormProps): ReactElement {
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation('common');
  const labels = useContactLabels();
  const summaryRef = useRef<HTMLDivElement>(null);
  // Focus the summary so a screen reader hears it and the page scrolls to it.
  const form = useContactForm({ user, contactId, base, onInvalid: () => requestAnimationFrame(() => summaryRef.current?.focus()) });
  const { values, set, errors } = form;
  const numbers = useMemo(() => typedNumbers(values.phones, values.zalo), [values.phones, values.zalo]);
  const duplicates = useDuplicatePhones(numbers, user.communeId, contactId);
  // The province's slots; a contact filed under another province's slot (by an older release) keeps it.
  const roles = useMemo(() => {
    const own = seedContactRolesFor(user.provinceId);
    const current = seedContactRoleById(values.roleId);
    return current && !own.includes(current) ? [...own, current] : own;
  }, [user.provinceId, values.roleId]);
  const noteWarnings = useMemo(() => [...new Set(findSensitiveText(values.note).map((w) => w.messageKey))], [values.note]);

  const chooseRole = (roleId: string) => {
    set('roleId', roleId);
    const role = seedContactRoleById(roleId);
    // Fill what the slot implies, never overwriting what was typed.
    if (role && values.organization.trim() === '') set('organization', role.organization);
    if (role && values.systems.length === 0) set('systems', [...role.systems]);
  };

  if (!form.ready) return <p role="status">{t('loading')}</p>;
  return (
    <form
      noValidate
      className="contact-form"
      onSubmit={(event) => {
        event.preventDefault();
        form.submit();
      }}
    >
      <div ref={summaryRef} tabIndex={-1} className="contact-form-summary" aria-live="assertive">
        {errors.size > 0 ? <p className="contact-field-error" role="alert">{t('form.errorSummary', { count: errors.size })}</p> : null}
        {form.saveError ? <p className="contact-field-error" role="alert">{t(form.saveError)}</p> : null}
      </div>
      {form.restored ? (
        <div className="notice">
          <p>{t('form.draftRestored')}</p>
          <button type="button" className="button" onClick={form.discardDraft}>{t('form.discardDraft')}</button>
        </div>
      ) : null}
      <TextField id="name" label={t('form.name')} hint={t('form.nameHint')} value={values.name} onChange={(v) => set('name', v)} error={errors.get('name')} required />
      <div className={errors.get('roleId') ? 'contact-field invalid' : 'contact-field'}>
        <label htmlFor="roleId">{t('form.roleId')}</label>
        <p id="roleId-hint" className="hint">{t('form.roleIdHint')}</p>
        <select id="roleId" value={values.roleId} aria-describedby="roleId-hint" onChange={(event) => chooseRole(event.target.value)}>
          <option value="">{t('form.roleNone')}</option>
          {roles.map((role) => (
            <option key={role.id} value={role.id}>{labels.roleName(role)}</option>
          ))}
        </select>
      </div>
      <TextField id="role" label={t('form.role')} value={values.role} onChange={(v) => set('role', v)} error={errors.get('role')} />
      <TextField id="organization" label={t('form.organization')} value={values.organization} onChange={(v) => set('organization', v)} error={errors.get('organization')} />
      <PhoneFields phones={values.phones} onChange={(phones) => set('phones', phones)} errors={errors} duplicates={duplicates} />
      <TextField id="zalo" label={t('form.zalo')} hint={t('form.zaloHint')} value={values.zalo} onChange={(v) => set('zalo', v)} error={errors.get('zalo')} inputMode="url" />
      <TextField id="email" label={t('form.email')} value={values.email} onChange={(v) => set('email', v)} error={errors.get('email')} type="email" inputMode="email" />
      <SystemsFieldset systems={values.systems} onChange={(systems) => set('systems', systems)} />
      <TextField id="area" label={t('form.area')} hint={t('form.areaHint')} value={values.area} onChange={(v) => set('area', v)} error={errors.get('area')} />
      <TextField id="note" label={t('form.note')} hint={t('form.noteHint')} value={values.note} onChange={(v) => set('note', v)} error={errors.get('note')} multiline>
        {noteWarnings.map((key) => (
          <p key={key} className="contact-field-warning">{tc(key)}</p>
        ))}
      </TextField>
      <TextField
        id="lastVerifiedAt"
        label={t('form.lastVerifiedAt')}
        hint={t('form.lastVerifiedHint')}
        value={values.lastVerifiedAt}
        onChange={(v) => set('lastVerifiedAt', v)}
        error={errors.get('lastVerifiedAt')}
        type="date"
      >
        <button type="button" className="button" onClick={() => set('lastVerifiedAt', todayLocal(Date.now()))}>{t('form.today')}</button>
      </TextField>
      <label className="choice">
        <input type="checkbox" checked={values.favorite} onChange={(event) => set('favorite', event.target.checked)} />
        {t('form.favorite')}
      </label>
      <div className="button-row contact-form-actions">
        <button type="submit" className="button primary" disabled={form.saving}>{form.saving ? t('form.saving') : t('form.save')}</button>
        <button type="button" className="button" onClick={form.cancel}>{t('form.cancel')}</button>
      </div>
    </form>
  );
}
