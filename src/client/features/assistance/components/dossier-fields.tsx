// What the province's plans count about a help session: who was helped, and for an online public
// service, whether the dossier went in fully or partly online and its receipt code (docs/reports.md).
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { HELPED_PARTIES, ONLINE_SUBMISSIONS, type HelpedParty, type OnlineSubmission } from '../../../../shared/schemas/assistance-log';
import type { ValidationKey } from '../../../../shared/schemas/validation-keys';
import { errorProps, FieldError } from './field-error';

export function HelpedField({ id, value, onChange }: { id: string; value: HelpedParty | ''; onChange: (value: HelpedParty | '') => void }): ReactElement {
  const { t } = useTranslation('assistance');
  return (
    <fieldset className="field" id={id}>
      <legend>{t('fields.helped')}</legend>
      <div className="chips">
        {HELPED_PARTIES.map((party) => (
          <label key={party} className="chip">
            <input type="radio" name={id} checked={value === party} onChange={() => onChange(party)} />
            {t(`helped.${party}`)}
          </label>
        ))}
        <label className="chip">
          <input type="radio" name={id} checked={value === ''} onChange={() => onChange('')} />
          {t('helped.none')}
        </label>
      </div>
    </fieldset>
  );
}

interface DossierProps {
  id: string;
  submission: OnlineSubmission | '';
  code: string;
  codeError: ValidationKey | undefined;
  onSubmission: (value: OnlineSubmission | '') => void;
  onCode: (value: string) => void;
}

/** Shown only when the kind of help is an online public service. */
export function DossierFields({ id, submission, code, codeError, onSubmission, onCode }: DossierProps): ReactElement {
  const { t } = useTranslation('assistance');
  return (
    <>
      <fieldset className="field" id={`${id}-submission`}>
        <legend>{t('fields.onlineSubmission')}</legend>
        <div className="chips">
          {ONLINE_SUBMISSIONS.map((kind) => (
            <label key={kind} className="chip">
              <input type="radio" name={`${id}-submission`} checked={submission === kind} onChange={() => onSubmission(kind)} />
              {t(`onlineSubmission.${kind}`)}
            </label>
          ))}
          <label className="chip">
            <input type="radio" name={`${id}-submission`} checked={submission === ''} onChange={() => onSubmission('')} />
            {t('onlineSubmission.none')}
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('fields.dossierCode')}</label>
        <input id={`${id}-code`} maxLength={40} autoCapitalize="characters" spellCheck={false} value={code} onChange={(e) => onCode(e.target.value)} {...errorProps(`${id}-code`, codeError)} />
        <p className="hint">{t('form.dossierCodeHint')}</p>
        <FieldError id={`${id}-code`} error={codeError} />
      </div>
    </>
  );
}
