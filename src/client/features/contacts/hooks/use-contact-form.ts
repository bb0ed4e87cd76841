// The contact form's state: the shared record form (src/client/hooks/use-record-form.ts) over the
// contact schema and repository — values as typed, errors as keys of common.json, a sealed draft
// kept while typing (also for an edit: leaving through the duplicate's link keeps what was typed),
// and the way back to the contact once saved or cancelled.
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { createContact, updateContact, validateContact, type ContactInput } from '../../../data/contacts-repository';
import type { FieldErrors, FieldIssue, ValidationError } from '../../../data/errors';
import type { SessionUser } from '../../../data/session-repository';
import { useRecordForm } from '../../../hooks/use-record-form';
import { contactErrorKey, type ContactErrorKey } from '../utils/error-key';
import { contactFieldErrors, isContactFormValues, sameValues, toContactInput, type ContactFormValues } from '../utils/form-values';

export const contactDraftKey = (contactId: string | undefined): string => `contacts/${contactId ?? 'new'}`;

export interface ContactFormState {
  values: ContactFormValues;
  set: <K extends keyof ContactFormValues>(field: K, value: ContactFormValues[K]) => void;
  errors: ReadonlyMap<string, FieldIssue['key']>;
  saveError: ContactErrorKey | null;
  /** False until the stored draft (if any) has been read. */
  ready: boolean;
  /** True when the form opened with what was typed last time. */
  restored: boolean;
  saving: boolean;
  submit: () => void;
  cancel: () => void;
  discardDraft: () => void;
}

function validate(values: ContactFormValues): { fields: ContactInput; errors: FieldErrors } {
  const { input, phoneRows } = toContactInput(values);
  const checked = validateContact(input);
  return { fields: input, errors: checked.ok ? {} : contactFieldErrors(checked.issues, phoneRows) };
}

/** The data layer's refusal, each phone error under the row it was typed in. */
const errorsOf = (error: ValidationError, values: ContactFormValues): FieldErrors => contactFieldErrors(error.issues, toContactInput(values).phoneRows);

export function useContactForm(options: {
  user: SessionUser;
  contactId: string | undefined;
  /** The stored contact's values (or a new one's): what the form opens with and "start again" returns to. */
  base: ContactFormValues;
  /** Called after a failed validation, to move focus to the error summary. */
  onInvalid: () => void;
}): ContactFormState {
  const { user, contactId, base, onInvalid } = options;
  const navigate = useNavigate();
  const [saveError, setSaveError] = useState<ContactErrorKey | null>(null);
  const form = useRecordForm({
    userId: user.id,
    draftKey: contactDraftKey(contactId),
    existingId: contactId,
    initial: () => base,
    empty: () => base,
    isValues: isContactFormValues,
    validate,
    create: (input: ContactInput) => createContact(input),
    update: (id: string, input: ContactInput) => updateContact(id, input),
    errorsOf,
    // Typed back to the stored contact: nothing worth a draft.
    isBlank: useCallback((values: ContactFormValues) => sameValues(values, base), [base]),
  });
  const { change } = form;
  const errors = useMemo(() => new Map(Object.entries(form.errors).filter((entry): entry is [string, FieldIssue['key']] => entry[1] !== undefined)), [form.errors]);

  const set = useCallback(<K extends keyof ContactFormValues>(field: K, value: ContactFormValues[K]) => change((current) => ({ ...current, [field]: value })), [change]);

  const submit = () => {
    setSaveError(null);
    form.submit().then(
      (contact) => {
        if (contact) void navigate(`/contacts/${contact.id}`, { replace: true });
        else onInvalid();
      },
      (error: unknown) => setSaveError(contactErrorKey(error)),
    );
  };

  const cancel = () => {
    form.discardDraft();
    void navigate(contactId === undefined ? '/contacts' : `/contacts/${contactId}`, { replace: true });
  };

  return { values: form.values, set, errors, saveError, ready: form.ready, restored: form.restored, saving: form.saving, submit, cancel, discardDraft: form.discardDraft };
}
