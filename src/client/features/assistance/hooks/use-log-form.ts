// The quick-entry form's state: the shared record form (use-record-form.ts) over the assistance-log
// schema and repository, plus consent gating of the citizen's details.
import { useCallback } from 'react';
import { assistanceLogFieldsSchema } from '../../../../shared/schemas/assistance-log';
import { createLog, updateLog, type LogItem } from '../../../data/assistance-repository';
import { fieldErrorsOf, type FieldErrors } from '../../../data/errors';
import type { SessionUser } from '../../../data/session-repository';
import { emptyLogForm, isLogFormValues, logFieldsFromForm, logFormFromItem, type LogFormValues } from '../utils/log-form-values';
import { useRecordForm } from '../../../hooks/use-record-form';

export const LOG_DRAFT_KEY = 'assistance-log/new';

const CITIZEN_FIELDS = ['citizenName', 'citizenPhone', 'citizenBirthYear', 'citizenGender'] as const;

function validate(values: LogFormValues, now: number): { fields: ReturnType<typeof logFieldsFromForm>['fields']; errors: FieldErrors } {
  const { fields, errors } = logFieldsFromForm(values, now);
  const parsed = assistanceLogFieldsSchema.safeParse(fields);
  return { fields, errors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...errors } };
}

export interface LogFormState {
  values: LogFormValues;
  errors: FieldErrors;
  ready: boolean;
  restored: boolean;
  saving: boolean;
  set: <K extends keyof LogFormValues>(field: K, value: LogFormValues[K]) => void;
  setConsent: (agreed: boolean) => void;
  /** Validates and saves; resolves to the saved log, or null when something needs fixing. */
  submit: () => Promise<LogItem | null>;
  discardDraft: () => void;
}

export function useLogForm(user: SessionUser, existing?: LogItem): LogFormState {
  const form = useRecordForm({
    userId: user.id,
    // An edit is saved or left at once; only a new record keeps a draft.
    draftKey: existing ? null : LOG_DRAFT_KEY,
    existingId: existing?.id,
    initial: () => (existing ? logFormFromItem(existing) : emptyLogForm(Date.now())),
    empty: emptyLogForm,
    isValues: isLogFormValues,
    validate,
    create: createLog,
    update: updateLog,
  });
  const { change } = form;

  const set = useCallback(<K extends keyof LogFormValues>(field: K, value: LogFormValues[K]) => change((previous) => ({ ...previous, [field]: value })), [change]);

  const setConsent = useCallback(
    (agreed: boolean) =>
      change((previous) =>
        agreed
          ? { ...previous, consent: true, consentRecordedAt: new Date().toISOString(), consentRecordedBy: user.id }
          : // Withdrawing the tick erases what was typed: no citizen detail is kept without consent.
            { ...previous, consent: false, consentByGuardian: false, consentRecordedAt: '', consentRecordedBy: '', ...Object.fromEntries(CITIZEN_FIELDS.map((f) => [f, ''])) },
      ),
    [change, user.id],
  );

  return { values: form.values, errors: form.errors, ready: form.ready, restored: form.restored, saving: form.saving, set, setConsent, submit: form.submit, discardDraft: form.discardDraft };
}
