// The quick-entry form's state: values, live validation after the first attempt, consent gating,
// autosaved drafts (new logs only) and saving through the repository.
import { useCallback, useMemo, useRef, useState } from 'react';
import { assistanceLogFieldsSchema } from '../../../../shared/schemas/assistance-log';
import { createLog, fieldErrorsOf, updateLog, ValidationFailedError, type FieldErrors, type LogItem } from '../../../data/assistance-repository';
import type { SessionUser } from '../../../data/session-repository';
import { emptyLogForm, isLogFormValues, logFieldsFromForm, logFormFromItem, type LogFormValues } from '../utils/log-form-values';
import { useDraft } from './use-draft';
import { log } from '../../../lib/log';

export const LOG_DRAFT_KEY = 'assistance-log/new';
const SHOW_SAVING_AFTER_MS = 150;

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
  const [values, setValues] = useState<LogFormValues>(() => (existing ? logFormFromItem(existing) : emptyLogForm(Date.now())));
  const [touched, setTouched] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  // The clock only bounds the year of birth; reading it once per form is enough.
  const [openedAt] = useState(() => Date.now());
  const draft = useDraft({
    userId: user.id,
    formKey: LOG_DRAFT_KEY,
    enabled: existing === undefined,
    values,
    touched,
    isValid: isLogFormValues,
    onRestore: setValues,
  });

  const errors = useMemo(() => (attempted ? { ...validate(values, openedAt).errors, ...serverErrors } : serverErrors), [attempted, values, serverErrors, openedAt]);

  const set = useCallback(<K extends keyof LogFormValues>(field: K, value: LogFormValues[K]) => {
    setTouched(true);
    setServerErrors({});
    setValues((previous) => ({ ...previous, [field]: value }));
  }, []);

  const setConsent = useCallback(
    (agreed: boolean) => {
      setTouched(true);
      setServerErrors({});
      setValues((previous) =>
        agreed
          ? { ...previous, consent: true, consentRecordedAt: new Date().toISOString(), consentRecordedBy: user.id }
          : // Withdrawing the tick erases what was typed: no citizen detail is kept without consent.
            { ...previous, consent: false, consentRecordedAt: '', consentRecordedBy: '', ...Object.fromEntries(CITIZEN_FIELDS.map((f) => [f, ''])) },
      );
    },
    [user.id],
  );

  // Saving must not wait behind a re-render of the whole form (≈10 ms on a cheap phone): no state
  // changes before the write; a double tap is stopped by a ref, and "Saving…" shows only when the
  // write is slow.
  const inFlight = useRef(false);
  const submit = useCallback(async (): Promise<LogItem | null> => {
    if (inFlight.current) return null;
    const { fields, errors: found } = validate(values, Date.now());
    if (Object.keys(found).length > 0) {
      setAttempted(true);
      return null;
    }
    inFlight.current = true;
    const slow = setTimeout(() => setSaving(true), SHOW_SAVING_AFTER_MS);
    try {
      const saved = existing
        ? await updateLog(existing.id, fields)
        : // A new log carries only what was given; null ("cleared") only matters for edits.
          await createLog(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as typeof fields);
      if (!existing) await draft.discard();
      return saved;
    } catch (error) {
      if (error instanceof ValidationFailedError) {
        setAttempted(true);
        setServerErrors(error.fieldErrors);
        return null;
      }
      throw error;
    } finally {
      clearTimeout(slow);
      inFlight.current = false;
      setSaving(false);
    }
  }, [values, existing, draft]);

  const discardDraft = useCallback(() => {
    setValues(emptyLogForm(Date.now()));
    setTouched(false);
    setAttempted(false);
    draft.clear().catch((error: unknown) => log.warn('draft clear failed', error));
  }, [draft]);

  return { values, errors, ready: draft.ready, restored: draft.restored, saving, set, setConsent, submit, discardDraft };
}
