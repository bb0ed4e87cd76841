// "Kind of help": the user's recent kinds first, then the catalogue, filtered by a search that
// ignores diacritics ("cai vneid" finds "Cài đặt ứng dụng VNeID…"). Radios, so it reads as one
// choice for screen readers and works with a keyboard.
import { useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceName, type ServiceItem } from '../../../data/service-repository';
import { matchesSearch } from '../../../../shared/text/vietnamese';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { useRecentServiceCodes, useServices } from '../hooks/use-reference-data';
import { FieldError } from './field-error';
import { SearchField } from '../../../components/ui/search-field';

interface Props {
  id: string;
  value: string;
  error: ValidationKey | undefined;
  onChange: (code: string) => void;
}

export function ServicePicker({ id, value, error, onChange }: Props): ReactElement {
  const { t, i18n } = useTranslation('assistance');
  const services = useServices();
  const recent = useRecentServiceCodes();
  const [query, setQuery] = useState('');
  const name = (s: ServiceItem) => serviceName(s, i18n.language);

  const { recentItems, otherItems } = useMemo(() => {
    // Inactive kinds are not offered for new logs, but a log that already has one keeps it.
    const offered = (services ?? []).filter((s) => s.active || s.code === value);
    const found = offered.filter((s) => matchesSearch([s.name.vi, s.name.en, s.code], query));
    const recentSet = new Set(recent);
    return {
      recentItems: recent.map((code) => found.find((s) => s.code === code)).filter((s): s is ServiceItem => s !== undefined),
      otherItems: found.filter((s) => !recentSet.has(s.code)),
    };
  }, [services, recent, query, value]);

  const selected = services?.find((s) => s.code === value);
  const option = (s: ServiceItem) => (
    <label key={s.code} className="service-option">
      <input type="radio" name={id} value={s.code} checked={value === s.code} onChange={() => onChange(s.code)} />
      <span>{name(s)}</span>
    </label>
  );

  return (
    <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined} id={id}>
      <legend>{t('fields.service')} <span className="required-mark">{t('form.requiredMark')}</span></legend>
      {selected && <p className="selected-service">{t('form.selected', { name: name(selected) })}</p>}
      <SearchField id={`${id}-search`} label={t('form.serviceSearch')} hideLabel placeholder={t('form.serviceSearchPlaceholder')} value={query} onChange={setQuery} />
      <div className="service-options">
        {recentItems.length > 0 && (
          <div role="group" aria-label={t('form.recent')}>
            <p className="option-group-title" aria-hidden="true">{t('form.recent')}</p>
            {recentItems.map(option)}
          </div>
        )}
        {otherItems.length > 0 && (
          <div role="group" aria-label={t('form.allServices')}>
            {recentItems.length > 0 && <p className="option-group-title" aria-hidden="true">{t('form.allServices')}</p>}
            {otherItems.map(option)}
          </div>
        )}
        {services && recentItems.length + otherItems.length === 0 && <p className="hint">{t('form.noServiceMatch')}</p>}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
