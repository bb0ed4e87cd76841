// The group-session form's state: values, validation after the first attempt, drafts (new
// sessions only), saving through the repository.
import { useCallback, useMemo, useRef, useState } from 'react';
import { groupSessionFieldsSchema } from '../../../../shared/schemas/group-session';
import { fieldErrorsOf, ValidationFailedError, type FieldErrors } from '../../../data/assistance-repository';
import { createGroupSession, updateGroupSession, type GroupSessionItem } from '../../../data/group-session-repository';
import type { SessionUser } from '../../../data/session-repository';
import { emptyGroupForm, groupFieldsFromForm, groupFormFromItem, isGroupFormValues, type GroupFormValues } from '../utils/group-form-values';
import { useDraft } from './use-draft';

export const GROUP_DRAFT_KEY = 'group-session/new';

function validate(values: GroupFormValues) {
  const { fields, errors } = groupFieldsFromForm(values);
  const parsed = groupSessionFieldsSchema.safeParse(fields);
  return { fields, errors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...errors } };
}

export function useGroupForm(user: SessionUser, existing?: GroupSessionItem) {
  const [values, setValues] = useState<GroupFormValues>(() => (existing ? groupFormFromItem(existing) : emptyGroupForm(Date.now())));
  const [touched, setTouched] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const draft = useDraft({ userId: user.id, formKey: GROUP_DRAFT_KEY, enabled: !existing, values, touched, isValid: isGroupFormValues, onRestore: setValues });
  const errors = useMemo(() => (attempted ? { ...validate(values).errors, ...serverErrors } : serverErrors), [attempted, values, serverErrors]);

  const set = useCallback((field: keyof GroupFormValues, value: string) => {
    setTouched(true);
    setServerErrors({});
    setValues((previous) => ({ ...previous, [field]: value }));
  }, []);

  // As in the log form: no re-render before the write; a ref stops a double tap.
  const inFlight = useRef(false);
  const submit = useCallback(async (): Promise<GroupSessionItem | null> => {
    if (inFlight.current) return null;
    const { fields, errors: found } = validate(values);
    if (Object.keys(found).length > 0) {
      setAttempted(true);
      return null;
    }
    inFlight.current = true;
    const slow = setTimeout(() => setSaving(true), 150);
    try {
      const saved = existing
        ? await updateGroupSession(existing.id, fields)
        : await createGroupSession(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as typeof fields);
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

  return { values, errors, set, submit, saving, ready: draft.ready, restored: draft.restored };
}
