// The group-session form's values (strings for controlled inputs, also what the draft stores) and
// their conversion to the shared schema's fields.
import { AUDIENCES, type Audience, type GroupSessionFields } from '../../../../shared/schemas/group-session';
import type { FieldErrors } from '../../../data/errors';
import type { GroupSessionItem } from '../../../data/group-session-repository';
import { fromInstant, toInstant } from './local-time';

export const COUNT_FIELDS = ['participants', 'women', 'elderly', 'ethnicMinority', 'durationMin'] as const;
type CountField = (typeof COUNT_FIELDS)[number];

export type GroupFormValues = { topic: string; place: string; date: string; time: string; villageId: string; note: string; audience: Audience | '' } & Record<CountField, string>;

export function emptyGroupForm(now: number): GroupFormValues {
  return { topic: '', place: '', ...fromInstant(now), villageId: '', note: '', audience: '', participants: '', women: '', elderly: '', ethnicMinority: '', durationMin: '' };
}

export function groupFormFromItem(session: GroupSessionItem): GroupFormValues {
  const text = (n: number | null | undefined) => (n == null ? '' : String(n));
  return {
    topic: session.topic,
    place: session.place,
    ...fromInstant(session.occurredAt),
    villageId: session.villageId ?? '',
    note: session.note ?? '',
    audience: session.audience ?? '',
    participants: String(session.participants),
    women: text(session.women),
    elderly: text(session.elderly),
    ethnicMinority: text(session.ethnicMinority),
    durationMin: text(session.durationMin),
  };
}

export function isGroupFormValues(value: unknown): value is GroupFormValues {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  // A draft stored before the audience existed is read with none chosen.
  v.audience ??= '';
  return Object.keys(emptyGroupForm(0)).every((key) => typeof v[key] === 'string') && (v.audience === '' || (AUDIENCES as readonly unknown[]).includes(v.audience));
}

// '' → null (not given); digits → the number; anything else → NaN, which the schema refuses.
const count = (text: string): number | null => (text.trim() === '' ? null : /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export function groupFieldsFromForm(values: GroupFormValues): { fields: GroupSessionFields; errors: FieldErrors } {
  const occurredAt = toInstant(values.date, values.time);
  const participants = count(values.participants);
  return {
    fields: {
      topic: values.topic,
      place: values.place,
      occurredAt: occurredAt ?? `${values.date}T${values.time}`,
      villageId: values.villageId || null,
      // Missing participants must read "required", so it is left out rather than null.
      ...(participants === null ? {} : { participants }),
      women: count(values.women),
      elderly: count(values.elderly),
      ethnicMinority: count(values.ethnicMinority),
      durationMin: count(values.durationMin),
      audience: values.audience || null,
      note: values.note.trim() === '' ? null : values.note,
    } as GroupSessionFields,
    errors: occurredAt === null ? { occurredAt: 'validation.dateTime' } : {},
  };
}
