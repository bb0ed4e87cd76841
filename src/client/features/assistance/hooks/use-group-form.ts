// The group-session form's state: the shared record form (use-record-form.ts) over the
// group-session schema and repository.
import { useCallback } from 'react';
import { groupSessionFieldsSchema } from '../../../../shared/schemas/group-session';
import { fieldErrorsOf } from '../../../data/errors';
import { createGroupSession, updateGroupSession, type GroupSessionItem } from '../../../data/group-session-repository';
import type { SessionUser } from '../../../data/session-repository';
import { emptyGroupForm, groupFieldsFromForm, groupFormFromItem, isGroupFormValues, type GroupFormValues } from '../utils/group-form-values';
import { useRecordForm } from '../../../hooks/use-record-form';

export const GROUP_DRAFT_KEY = 'group-session/new';

function validate(values: GroupFormValues) {
  const { fields, errors } = groupFieldsFromForm(values);
  const parsed = groupSessionFieldsSchema.safeParse(fields);
  return { fields, errors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...errors } };
}

export function useGroupForm(user: SessionUser, existing?: GroupSessionItem) {
  const form = useRecordForm({
    userId: user.id,
    // An edit is saved or left at once; only a new record keeps a draft.
    draftKey: existing ? null : GROUP_DRAFT_KEY,
    existingId: existing?.id,
    initial: () => (existing ? groupFormFromItem(existing) : emptyGroupForm(Date.now())),
    empty: emptyGroupForm,
    isValues: isGroupFormValues,
    validate,
    create: createGroupSession,
    update: updateGroupSession,
  });
  const { change } = form;
  const set = useCallback((field: keyof GroupFormValues, value: string) => change((previous) => ({ ...previous, [field]: value })), [change]);
  return { values: form.values, errors: form.errors, set, submit: form.submit, saving: form.saving, ready: form.ready, restored: form.restored };
}
