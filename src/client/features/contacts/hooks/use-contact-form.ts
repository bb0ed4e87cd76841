// The contact form's state: values as typed, validation with the shared schema (errors as keys of
// common.json), the draft kept in IndexedDB while typing, and saving through the repository.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { clearContactDraft, createContact, saveContactDraft, updateContact, validateContact } from '../../../data/contacts-repository';
import { ValidationError, type FieldIssue } from '../../../data/errors';
import type { SessionUser } from '../../../data/session-repository';
import { log } from '../../../lib/log';
import { contactErrorKey, type ContactErrorKey } from '../utils/error-key';
import { errorsByField, sameValues, toContactInput, type ContactFormValues } from '../utils/form-values';

const DRAFT_DELAY_MS = 400;

export interface ContactFormState {
  values: ContactFormValues;
  set: <K extends keyof ContactFormValues>(field: K, value: ContactFormValues[K]) => void;
  errors: ReadonlyMap<string, FieldIssue['key']>;
  saveError: ContactErrorKey | null;
  saving: boolean;
  submit: () => void;
  cancel: () => void;
  discardDraft: () => void;
}

export function useContactForm(options: {
  user: SessionUser;
  contactId: string | undefined;
  initial: ContactFormValues;
  base: ContactFormValues;
  /** Called after a failed validation, to move focus to the error summary. */
  onInvalid: () => void;
}): ContactFormState {
  const { user, contactId, initial, base, onInvalid } = options;
  const navigate = useNavigate();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<ReadonlyMap<string, FieldIssue['key']>>(new Map());
  const [saveError, setSaveError] = useState<ContactErrorKey | null>(null);
  const [saving, setSaving] = useState(false);
  // Once saved or cancelled, no draft may be written again (a late timer would resurrect it).
  const finished = useRef(false);
  const latest = useRef(values);

  const persistDraft = useCallback(
    (next: ContactFormValues) => {
      if (finished.current) return;
      const write = sameValues(next, base) ? clearContactDraft(user.id, contactId) : saveContactDraft(user.id, contactId, next);
      write.catch((error: unknown) => log.warn('contact draft not saved', error));
    },
    [base, user.id, contactId],
  );

  useEffect(() => {
    latest.current = values;
    const timer = setTimeout(() => persistDraft(values), DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, persistDraft]);
  // Leaving the screen (e.g. through the duplicate's link) keeps what was typed.
  useEffect(() => () => persistDraft(latest.current), [persistDraft]);

  const set = useCallback(<K extends keyof ContactFormValues>(field: K, value: ContactFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
  }, []);

  const finish = (to: string) => {
    finished.current = true;
    clearContactDraft(user.id, contactId).catch((error: unknown) => log.warn('contact draft not cleared', error));
    void navigate(to, { replace: true });
  };

  const submit = () => {
    if (saving) return;
    const { input, phoneRows } = toContactInput(values);
    const checked = validateContact(input);
    setSaveError(null);
    if (!checked.ok) {
      setErrors(errorsByField(checked.issues, phoneRows));
      onInvalid();
      return;
    }
    setErrors(new Map());
    setSaving(true);
    const saved = contactId === undefined ? createContact(input) : updateContact(contactId, input);
    saved.then(
      (contact) => finish(`/contacts/${contact.id}`),
      (error: unknown) => {
        setSaving(false);
        if (error instanceof ValidationError) setErrors(errorsByField(error.issues, phoneRows));
        else setSaveError(contactErrorKey(error));
      },
    );
  };

  return {
    values,
    set,
    errors,
    saveError,
    saving,
    submit,
    cancel: () => finish(contactId === undefined ? '/contacts' : `/contacts/${contactId}`),
    discardDraft: () => {
      setValues(base);
      setErrors(new Map());
    },
  };
}
