// A citizen's phone: masked until tapped (docs/privacy.md checklist #30). Revealed, it becomes a call link.
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone, maskPhone, telHref } from '../../../../shared/text/phone';

export function MaskedPhone({ phone }: { phone: string }): ReactElement {
  const { t } = useTranslation('assistance');
  const [shown, setShown] = useState(false);
  if (shown) {
    return (
      <a className="phone-link" href={telHref(phone)} aria-label={t('phone.call', { phone: formatPhone(phone) })}>
        {formatPhone(phone)}
      </a>
    );
  }
  return (
    <button type="button" className="phone-mask" onClick={() => setShown(true)} aria-label={t('phone.show', { masked: maskPhone(phone) })}>
      {maskPhone(phone)}
    </button>
  );
}
