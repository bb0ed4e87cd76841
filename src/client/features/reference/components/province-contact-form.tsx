// Adding or editing one of the province's support contacts. Checked with the shared schema before
// sending (phones normalised, Zalo and e-mail checked), so what the server accepts is what was shown.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { newProvinceContactSchema, provinceContactChangeSchema } from '../../../../shared/reference/admin-api';
import type { ProvinceContact } from '../../../data/province-contact-repository';
import { FormEnd } from './form-end';

const TEXT_FIELDS = ['name', 'organization', 'role', 'zalo', 'email', 'area', 'note'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Draft = Record<TextField | 'phones', string>;

function draftOf(contact: ProvinceContact | undefined): Draft {
  const draft = Object.fromEntries(TEXT_FIELDS.map((field) => [field, contact?.[field] ?? ''])) as Record<TextField, string>;
  return { ...draft, phones: (contact?.phones ?? []).join(', ') };
}

/** The request body: a new contact leaves out empty fields, an edit clears them (null). */
function bodyOf(draft: Draft, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = draft[field].trim();
    if (value !== '') body[field] = value;
    else if (editing && field !== 'name') body[field] = null;
  }
  const phones = draft.phones.split(/[,;\n]/).map((phone) => phone.trim()).filter((phone) => phone !== '');
  if (phones.length > 0 || editing) body.phones = phones;
  return body;
}

interface Props {
  contact?: ProvinceContact;
  busy: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel: () => void;
}

export function ProvinceContactForm({ contact, busy, onSubmit, onCancel }: Props): ReactElement {
  const { t } = useTranslation('reference');
  const [draft, setDraft] = useState<Draft>(() => draftOf(contact));
  const [invalid, setInvalid] = useState(false);
  const prefix = contact ? `contact-${contact.id}` : 'new-contact';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = (contact ? provinceContactChangeSchema : newProvinceContactSchema).safeParse(bodyOf(draft, contact !== undefined));
    setInvalid(!parsed.success);
    if (parsed.success) onSubmit(parsed.data);
  };
  const field = (name: TextField | 'phones', type: 'text' | 'email' | 'tel' = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={`${prefix}-${name}`}>{t(`contacts.${name}`)}</label>
      {name === 'note' ? (
        <textarea id={`${prefix}-${name}`} rows={2} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
      ) : (
        <input
          id={`${prefix}-${name}`}
          type={type}
          value={draft[name]}
          autoComplete="off"
          aria-describedby={hint ? `${prefix}-${name}-hint` : undefined}
          required={name === 'name'}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
      )}
      {hint && <p id={`${prefix}-${name}-hint`} className="hint">{hint}</p>}
    </div>
  );

  return (
    <form className="card ref-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.addTitle')}</h2>
      {field('name')}
      {field('organization')}
      {field('role')}
      {field('phones', 'tel', t('contacts.phonesHint'))}
      {field('zalo')}
      {field('email', 'email')}
      {field('area')}
      {field('note')}
      <FormEnd invalid={invalid} busy={busy} onCancel={onCancel} />
    </form>
  );
}
