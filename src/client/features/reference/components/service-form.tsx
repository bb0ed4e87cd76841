// Adding a service, or renaming and regrouping one (a wording fix: old logs show the new name,
// docs/reference-data.md "The service catalogue"). A new service's code is made from its
// Vietnamese name and never changes; logs store the code. Checked with the shared schema first.
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_GROUPS, type ServiceGroup } from '../../../../shared/schemas/service';
import { newServiceSchema, serviceChangeSchema } from '../../../../shared/reference/admin-api';
import { slugifyVi } from '../../../../shared/text/vietnamese';
import type { ServiceItem } from '../../../data/service-repository';
import { FormEnd } from './form-end';

export interface ServiceDraft {
  vi: string;
  en: string;
  group: ServiceGroup;
}

/** A code from a name: its slug, at most 64 characters (the schema's limit). */
export const codeFor = (name: string): string => slugifyVi(name).slice(0, 64).replace(/-+$/, '');

interface Props {
  /** The service being renamed; undefined: a new one. */
  service?: ServiceItem;
  busy: boolean;
  onSubmit: (input: { code: string; body: unknown }) => void;
  onCancel: () => void;
}

export function ServiceForm({ service, busy, onSubmit, onCancel }: Props): ReactElement {
  const { t } = useTranslation('reference');
  const [draft, setDraft] = useState<ServiceDraft>({ vi: service?.name.vi ?? '', en: service?.name.en ?? '', group: service?.group ?? 'other' });
  const [invalid, setInvalid] = useState(false);
  const prefix = service ? `rename-${service.code}` : 'new-service';
  const code = service?.code ?? codeFor(draft.vi);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = { vi: draft.vi, en: draft.en };
    const parsed = service
      ? serviceChangeSchema.safeParse({ name, group: draft.group })
      : newServiceSchema.safeParse({ code, name, group: draft.group });
    setInvalid(!parsed.success);
    if (parsed.success) onSubmit({ code, body: parsed.data });
  };

  return (
    <form className="card ref-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{service ? t('services.renameTitle', { name: service.name.vi }) : t('services.addTitle')}</h2>
      <div className="field">
        <label htmlFor={`${prefix}-vi`}>{t('services.nameVi')}</label>
        <input id={`${prefix}-vi`} value={draft.vi} onChange={(e) => setDraft({ ...draft, vi: e.target.value })} required autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-en`}>{t('services.nameEn')}</label>
        <input id={`${prefix}-en`} value={draft.en} onChange={(e) => setDraft({ ...draft, en: e.target.value })} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-group`}>{t('services.group')}</label>
        <select id={`${prefix}-group`} value={draft.group} onChange={(e) => setDraft({ ...draft, group: e.target.value as ServiceGroup })}>
          {SERVICE_GROUPS.map((group) => (
            <option key={group} value={group}>{t(`services.groups.${group}`)}</option>
          ))}
        </select>
      </div>
      {!service && (
        <p className="hint">
          {t('services.code', { code: code || '…' })} {t('services.codeHint')}
        </p>
      )}
      <FormEnd invalid={invalid} busy={busy} onCancel={onCancel} />
    </form>
  );
}
